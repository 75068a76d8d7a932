package outdir

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"syscall"

	"ipfund/internal/limits"
)

// Files in out/<year> are not all the tool's: a scanned PDF of gigabytes
// may sit beside the report. What is compared or copied there is streamed
// in blocks, so such a file costs time proportional to its size and a
// constant amount of memory, never a copy of itself.

// chunk is the block size of the streaming comparisons and copies.
const chunk = 256 << 10

// maxManifest bounds the manifest the tool reads back: it lists a few
// dozen files, about a hundred bytes each; anything larger was not
// written by the tool.
const maxManifest = 1 << 20

// openRegular opens path for reading without blocking on a FIFO and
// refuses anything but a regular file.
func openRegular(path string) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &os.PathError{Op: "read", Path: path, Err: limits.ErrNotRegular}
	}
	return f, info, nil
}

// crlfToLF writes what it is given with every "\r\n" turned into "\n",
// across the boundaries of the blocks it receives.
type crlfToLF struct {
	w   io.Writer
	cr  bool   // the last block ended in '\r', not yet written
	buf []byte // reused for every block
}

func (c *crlfToLF) Write(p []byte) (int, error) {
	n := len(p)
	if n == 0 {
		return 0, nil
	}
	out := c.buf[:0]
	if c.cr {
		if p[0] != '\n' {
			out = append(out, '\r')
		}
		c.cr = false
	}
	for i, b := range p {
		if b == '\r' {
			if i+1 < len(p) {
				if p[i+1] == '\n' {
					continue
				}
			} else {
				c.cr = true
				continue
			}
		}
		out = append(out, b)
	}
	c.buf = out
	_, err := c.w.Write(out)
	return n, err
}

func (c *crlfToLF) flush() {
	if c.cr {
		c.w.Write([]byte{'\r'})
		c.cr = false
	}
}

// fileAsWritten reports whether the file at path holds what the manifest
// says the tool wrote (its SHA-256 is wrote), also after git turned its
// line ends into CRLF on checkout.
func fileAsWritten(path, wrote string) (bool, error) {
	f, _, err := openRegular(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	raw, lf := sha256.New(), sha256.New()
	conv := &crlfToLF{w: lf}
	if _, err := io.CopyBuffer(io.MultiWriter(raw, conv), f, make([]byte, chunk)); err != nil {
		return false, err
	}
	conv.flush()
	return hex.EncodeToString(raw.Sum(nil)) == wrote || hex.EncodeToString(lf.Sum(nil)) == wrote, nil
}

// fileHolds reports whether the file at path holds exactly want. A file
// of another size is not read at all.
func fileHolds(path string, want []byte) (bool, error) {
	f, info, err := openRegular(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if info.Size() != int64(len(want)) {
		return false, nil
	}
	return readerHolds(f, want)
}

// readerHolds reports whether r yields exactly want, reading block by
// block and stopping at the first difference.
func readerHolds(r io.Reader, want []byte) (bool, error) {
	buf := make([]byte, chunk)
	for {
		n, err := io.ReadFull(r, buf)
		if n > len(want) || !bytes.Equal(buf[:n], want[:n]) {
			return false, nil
		}
		want = want[n:]
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return len(want) == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// sameBytes reports whether two paths are regular files with the same
// contents, compared block by block. A symbolic link is not a regular
// file: one in dst pointing at the very file of src being drained would
// otherwise compare equal to it, and that file be deleted.
func sameBytes(a, b string) bool {
	for _, p := range []string{a, b} {
		if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	fa, ia, err := openRegular(a)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, ib, err := openRegular(b)
	if err != nil {
		return false
	}
	defer fb.Close()
	if ia.Size() != ib.Size() {
		return false
	}
	ba, bb := make([]byte, chunk), make([]byte, chunk)
	for {
		na, erra := io.ReadFull(fa, ba)
		nb, errb := io.ReadFull(fb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false
		}
		endA := errors.Is(erra, io.EOF) || errors.Is(erra, io.ErrUnexpectedEOF)
		endB := errors.Is(errb, io.EOF) || errors.Is(errb, io.ErrUnexpectedEOF)
		if endA || endB {
			return endA && endB
		}
		if erra != nil || errb != nil {
			return false
		}
	}
}

// copyFile copies a file the tool wrote (or an edited one kept under
// another name) where it cannot be hard-linked (FAT, some network drives):
// same bytes, permissions and modification time, streamed.
func copyFile(src, dst string) error {
	in, info, err := openRegular(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	// A copy cut short (a full disk, a read error) is removed: left in the
	// new set, it would not be the tool's and could be moved back into
	// out/<year> as if it were the file kept aside.
	if err := fill(out, in, dst, info); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}

// fill streams in into out, closes out and gives dst in's permissions and
// modification time.
func fill(out, in *os.File, dst string, info os.FileInfo) error {
	if _, err := io.CopyBuffer(out, in, make([]byte, chunk)); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	if err := os.Chmod(dst, info.Mode().Perm()); err != nil {
		return err
	}
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
}
