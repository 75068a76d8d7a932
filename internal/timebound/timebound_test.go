package timebound

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
}

func TestRunFailsAnInputThatOverruns(t *testing.T) {
	r := &recorder{}
	Run(r, 10*time.Millisecond, []byte("x = [[["), func() { time.Sleep(time.Second) })
	if !strings.HasPrefix(r.failed, `one input took over 10ms (7 bytes): "x = [[["`) {
		t.Errorf("got %q", r.failed)
	}
	r = &recorder{}
	ran := false
	Run(r, time.Minute, nil, func() { ran = true })
	if r.failed != "" || !ran {
		t.Errorf("a quick input: failed %q, ran %v", r.failed, ran)
	}
}
