package workbook

import (
	"archive/zip"
	"compress/flate"
	"io"
	"io/fs"
	"sync"

	"github.com/xuri/excelize/v2"
)

// fastPart is the size past which a part of a workbook is deflated at
// flate.BestSpeed instead of archive/zip's level 5. Only the sheet of a
// long detail table passes it (a 100 000-row sheet is about 30 MB of XML,
// and level 5 took 0.3 s of the workbook's 0.8 s, the longest step of a
// 100 000-row build, for a file a fifth smaller); every other part, and so
// every workbook of an ordinary year, is written exactly as before.
const fastPart = 8 << 20

// zipLevel is the level archive/zip deflates at.
const zipLevel = 5

// levelZip is the writer excelize writes the package with (File.ZipWriter).
// It holds a part back until it is known to be small (then level 5) or to
// pass fastPart (then BestSpeed, streamed from there on), so the choice
// depends on the part alone and the bytes stay reproducible.
type levelZip struct {
	zw      *zip.Writer
	level   int // for the entry being created
	pending *levelEntry
}

func newLevelZip(w io.Writer) excelize.ZipWriter {
	z := &levelZip{zw: zip.NewWriter(w), level: zipLevel}
	z.zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return newPooledFlate(w, z.level)
	})
	return z
}

// flatePools keep compressors by level: each holds about a megabyte of
// state, and a workbook has a few dozen parts (archive/zip pools its own
// the same way).
var flatePools = map[int]*sync.Pool{zipLevel: {}, flate.BestSpeed: {}}

type pooledFlate struct {
	*flate.Writer
	level int
}

func newPooledFlate(w io.Writer, level int) (io.WriteCloser, error) {
	if fw, ok := flatePools[level].Get().(*flate.Writer); ok {
		fw.Reset(w)
		return &pooledFlate{fw, level}, nil
	}
	fw, err := flate.NewWriter(w, level)
	if err != nil {
		return nil, err
	}
	return &pooledFlate{fw, level}, nil
}

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePools[p.level].Put(p.Writer)
	return err
}

// levelEntry is the part being written.
type levelEntry struct {
	z    *levelZip
	name string
	buf  []byte    // what was written while it may still be small
	w    io.Writer // the zip entry, once it is known to be large
}

func (z *levelZip) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	z.pending = &levelEntry{z: z, name: name}
	return z.pending, nil
}

func (e *levelEntry) Write(p []byte) (int, error) {
	if e.w != nil {
		return e.w.Write(p)
	}
	e.buf = append(e.buf, p...)
	if len(e.buf) <= fastPart {
		return len(p), nil
	}
	e.z.level = flate.BestSpeed
	w, err := e.z.zw.Create(e.name)
	if err != nil {
		return 0, err
	}
	e.w = w
	if _, err := w.Write(e.buf); err != nil {
		return 0, err
	}
	e.buf = nil
	return len(p), nil
}

// flush writes the pending part if it was small.
func (z *levelZip) flush() error {
	e := z.pending
	z.pending = nil
	if e == nil || e.w != nil {
		return nil
	}
	z.level = zipLevel
	w, err := z.zw.Create(e.name)
	if err != nil {
		return err
	}
	_, err = w.Write(e.buf)
	return err
}

func (z *levelZip) AddFS(fsys fs.FS) error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *levelZip) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.Close()
}
