package limits

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileReadsARegularFileUpToItsLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.toml")
	os.WriteFile(path, []byte("x = 1\n"), 0o644)
	b, err := ReadFile(path, 6)
	if err != nil || string(b) != "x = 1\n" {
		t.Fatalf("got %q, %v", b, err)
	}
	_, err = ReadFile(path, 5)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != 6 || tl.Limit != 5 {
		t.Fatalf("one byte over the limit: %v", err)
	}
}

func TestReadFileRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "zero.toml")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	for _, name := range []string{link, dir, "/dev/zero"} {
		if _, err := os.Stat(name); err != nil {
			continue
		}
		if _, err := ReadFile(name, 1<<20); !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: got %v, want ErrNotRegular", name, err)
		}
	}
}

func TestReadAllStopsOneBytePastTheLimit(t *testing.T) {
	r := strings.NewReader(strings.Repeat("x", 100))
	if _, err := ReadAll(r, 99); err == nil {
		t.Fatal("100 bytes read under a limit of 99")
	}
	if r.Len() != 0 {
		t.Errorf("%d bytes left unread", r.Len())
	}
	r = strings.NewReader(strings.Repeat("x", 1000))
	ReadAll(r, 99)
	if r.Len() != 900 {
		t.Errorf("read %d bytes for a limit of 99, want 100", 1000-r.Len())
	}
	if b, err := ReadAll(strings.NewReader("abc"), 3); err != nil || string(b) != "abc" {
		t.Errorf("got %q, %v", b, err)
	}
}
