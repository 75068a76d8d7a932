package sheet

import (
	"bytes"
	"errors"
	"io"
	"math/rand"
	"testing"
	"testing/iotest"
)

// TestAheadReaderReadsWhatItsSourceHolds reads streams of every length
// around the chunk size through the reader ahead, in reads of odd sizes,
// and stops one early: the bytes are the source's, its error comes
// through, and closing early does not hang.
func TestAheadReaderReadsWhatItsSourceHolds(t *testing.T) {
	rng := rand.New(rand.NewSource(16))
	for _, n := range []int{0, 1, aheadChunk - 1, aheadChunk, aheadChunk + 1, 3*aheadChunk + 17, 11 * aheadChunk} {
		src := make([]byte, n)
		rng.Read(src)
		a := newAheadReader(iotest.HalfReader(bytes.NewReader(src)))
		var got bytes.Buffer
		buf := make([]byte, 7919)
		for {
			k, err := a.Read(buf[:1+rng.Intn(len(buf))])
			got.Write(buf[:k])
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		a.Close()
		if !bytes.Equal(got.Bytes(), src) {
			t.Errorf("%d bytes: read %d, not the same", n, got.Len())
		}
	}
	boom := errors.New("boom")
	a := newAheadReader(io.MultiReader(bytes.NewReader(make([]byte, aheadChunk+5)), iotest.ErrReader(boom)))
	if _, err := io.ReadAll(a); !errors.Is(err, boom) {
		t.Errorf("error %v, want boom", err)
	}
	a.Close()
	// Stopping after the first read leaves no goroutine behind.
	a = newAheadReader(bytes.NewReader(make([]byte, 20*aheadChunk)))
	a.Read(make([]byte, 10))
	a.Close()
}
