package sheet

import (
	"io"
	"sync"
)

// aheadReader reads its source on another goroutine, a few chunks ahead of
// its reader: unzipping a worksheet and scanning it then share the two
// cores instead of taking turns on one.
type aheadReader struct {
	full chan []byte // chunks read, in order
	free chan []byte // chunks the reader is done with
	done chan struct{}
	once sync.Once
	buf  []byte // the chunk being read, whole
	cur  []byte // what is left of it
	err  error  // the source's error, set before full is closed
}

const (
	aheadChunk  = 256 << 10
	aheadChunks = 4
)

func newAheadReader(src io.Reader) *aheadReader {
	a := &aheadReader{full: make(chan []byte, aheadChunks), free: make(chan []byte, aheadChunks), done: make(chan struct{})}
	for range aheadChunks {
		a.free <- make([]byte, aheadChunk)
	}
	go a.fill(src)
	return a
}

// fill reads chunk after chunk until the source ends or the reader stops.
func (a *aheadReader) fill(src io.Reader) {
	defer close(a.full)
	for {
		var buf []byte
		select {
		case buf = <-a.free:
		case <-a.done:
			return
		}
		n, err := io.ReadFull(src, buf[:cap(buf)])
		if n > 0 {
			select {
			case a.full <- buf[:n]:
			case <-a.done:
				return
			}
		}
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			a.err = io.EOF
			return
		case err != nil:
			a.err = err
			return
		}
	}
}

func (a *aheadReader) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		if a.buf != nil {
			a.free <- a.buf
			a.buf = nil
		}
		buf, ok := <-a.full
		if !ok {
			return 0, a.err
		}
		a.buf, a.cur = buf, buf
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

// Close stops the goroutine; the source is the caller's to close.
func (a *aheadReader) Close() error {
	a.once.Do(func() { close(a.done) })
	// Wait for the goroutine to leave the source alone.
	for range a.full {
	}
	return nil
}
