package limits

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// ErrNotRegular is returned for a path that names a directory, a device
// (/dev/zero), a pipe or a socket: reading one may never end.
var ErrNotRegular = errors.New("limits: not a regular file")

// TooLargeError is returned for a file over its limit. Size is the file's
// size, or -1 when it outgrew the limit while being read.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("limits: file of %d bytes exceeds the limit of %d", e.Size, e.Limit)
}

// ReadFile reads the regular file name, at most max bytes. It opens the
// file without waiting (a FIFO would block the open itself), refuses
// anything that is not a regular file, and reads through a reader that
// stops one byte past max, so a file that grows while it is read, or lies
// about its size, costs no more than max+1 bytes either.
func ReadFile(name string, max int64) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f, max)
}

func read(f *os.File, max int64) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &os.PathError{Op: "read", Path: f.Name(), Err: ErrNotRegular}
	}
	if info.Size() > max {
		return nil, &os.PathError{Op: "read", Path: f.Name(), Err: &TooLargeError{Size: info.Size(), Limit: max}}
	}
	// Room for the size the file says it has and one byte more, to see
	// that it ends there; it grows only if the file does.
	buf := make([]byte, 0, info.Size()+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return nil, &os.PathError{Op: "read", Path: f.Name(), Err: &TooLargeError{Size: -1, Limit: max}}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// ReadAll reads r to its end, at most max bytes: for what comes from
// another process (git show) or from inside an archive.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &TooLargeError{Size: -1, Limit: max}
	}
	return data, nil
}
