// Package outdir replaces a year's output directory as a whole: every file
// is written into a temporary directory beside it, and only when all of them
// are on disk is the old directory swapped out for the new one. A failed or
// killed run leaves the previous out/<year>/ exactly as it was.
package outdir

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// File is one output file, by its name inside the directory.
type File struct {
	Name string
	Data []byte
}

// stale prefixes of our temporary siblings, for cleanup after a killed run.
func tmpName(dir string) string { return "." + filepath.Base(dir) + ".new-" }
func oldName(dir string) string { return "." + filepath.Base(dir) + ".old-" }

// Replace makes dir hold files, plus those files already in dir for which
// keep returns true (keep may be nil: nothing is kept). The parent of dir
// is created if needed. On error dir is unchanged.
func Replace(dir string, files []File, keep func(name string) bool) (err error) {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if err := Recover(dir); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, tmpName(dir))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	sorted := append([]File(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	written := map[string]bool{}
	for _, f := range sorted {
		if err := writeFile(filepath.Join(tmp, f.Name), f.Data); err != nil {
			return err
		}
		written[f.Name] = true
	}
	if keep != nil {
		if err := carryOver(dir, tmp, written, keep); err != nil {
			return err
		}
	}
	if err := syncDir(tmp); err != nil {
		return err
	}
	// Swap: move the old directory aside, the new one in, then drop the old.
	old := ""
	if _, statErr := os.Stat(dir); statErr == nil {
		old = filepath.Join(parent, oldName(dir)+filepath.Base(tmp)[len(tmpName(dir)):])
		if err := os.Rename(dir, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			if rerr := os.Rename(old, dir); rerr != nil {
				return fmt.Errorf("%w（恢复原目录也失败：%v；原内容在 %s）", err, rerr, old)
			}
		}
		return err
	}
	if err := syncDir(parent); err != nil {
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Recover cleans up after a run that was killed mid-way: a half-written new
// directory is dropped, and if the run died between the two renames (the old
// directory moved aside, the new one not yet in place) the old one is put
// back.
func Recover(dir string) error {
	parent := filepath.Dir(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	_, statErr := os.Stat(dir)
	missing := os.IsNotExist(statErr)
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(parent, name)
		switch {
		case strings.HasPrefix(name, tmpName(dir)):
			if err := os.RemoveAll(path); err != nil {
				return err
			}
		case strings.HasPrefix(name, oldName(dir)):
			if missing {
				if err := os.Rename(path, dir); err != nil {
					return err
				}
				missing = false
				continue
			}
			if err := os.RemoveAll(path); err != nil {
				return err
			}
		}
	}
	return nil
}

// carryOver copies the files of dir that keep selects (and that were not
// written anew) into tmp.
func carryOver(dir, tmp string, written map[string]bool, keep func(string) bool) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || written[name] || !keep(name) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if err := writeSynced(filepath.Join(tmp, name), data); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes one output file; tests replace it to simulate a full
// disk.
var writeFile = writeSynced

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	// Some file systems refuse to sync a directory; the rename is still
	// atomic there, only less durable across a power cut.
	_ = d.Sync()
	return nil
}
