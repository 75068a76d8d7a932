// Package outdir replaces the tool's files in a year's output directory,
// out/<year>/, as one set, and nothing else.
//
// The files the tool wrote are listed, with the SHA-256 of their bytes, in
// a manifest (ManifestName) that is written and committed with them.
// Anything else in the directory — a stamped scan, a folder of notes, a
// link — belongs to the user: it is carried over untouched (hard-linked,
// or moved for folders and links) and listed in the Report. Files the tool
// wrote last time and no longer makes are removed; a file it wrote that
// was edited since is never overwritten or removed: the edited copy is
// kept under another name (see Saved).
//
// The new set is assembled in a temporary sibling (.<year>.new-*) and
// swapped in at one instant: renameat2(RENAME_EXCHANGE) on Linux,
// renamex_np(RENAME_SWAP) on macOS, two renames elsewhere. A run killed at
// any point leaves either the old set or the new one in place, or — with
// two renames, between them — the old one under .<year>.old-*, which the
// next run of any kind (Recover) puts back before it does anything else.
//
// One run per year at a time: every change to out/<year> happens under an
// advisory lock on out/.<year>.lock, which the system releases when the
// process ends, however it ends.
package outdir

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// File is one output file, by its name inside the directory.
type File struct {
	Name string
	Data []byte
}

// Options adjust a Replace or Recover.
type Options struct {
	// Owns tells which of the files an earlier run wrote this run answers
	// for: those it no longer produces are removed, the others carried
	// over. nil: all of them.
	Owns func(name string) bool
	// Wait bounds how long to wait for another run's lock on the year
	// (DefaultWait when 0); OnWait is told once when waiting starts.
	Wait   time.Duration
	OnWait func(pid int)
}

// DefaultWait is how long a run waits for another run of the same year.
// The lock is held only while the directory is being swapped, which takes
// well under a second; a minute covers a slow network drive.
const DefaultWait = time.Minute

// Entry is something in out/<year> the tool did not write.
type Entry struct {
	Name string
	Dir  bool // a folder
	Link bool // a symbolic link (or another special file)
}

// Saved is a file that stood where a new file goes and could not simply be
// replaced: a file the tool wrote and someone edited since (Edited), or one
// the tool never wrote. It is kept under the name As.
type Saved struct {
	Name, As string
	Edited   bool
}

// Report says what a Replace did besides writing the new files.
type Report struct {
	Kept     []Entry  // the user's entries, carried over untouched
	Saved    []Saved  // files in the way, kept under another name
	Removed  []string // files the tool wrote last time and no longer makes
	Released []string // such files edited since: left in place, now the user's
	Notes    []string // what recovering an interrupted run or cleaning up did or could not do
}

// Replace makes dir hold files as the tool's set, keeping everything of the
// user's (see the package comment). The parent of dir is created if
// needed. On error dir is as the *Error says: unchanged, restored, or (only
// if even putting it back failed) to be restored by the next run.
func Replace(dir string, files []File, opt Options) (*Report, error) {
	if err := checkFiles(dir, files); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, failed(Unchanged, fmt.Sprintf("无法建立文件夹 %s", parent), err)
	}
	l, err := lock(dir, opt)
	if err != nil {
		return nil, err
	}
	defer l.release()
	rep := &Report{}
	notes, err := recoverLocked(dir)
	rep.Notes = append(rep.Notes, notes...)
	if err != nil {
		return rep, err
	}
	p, err := planReplace(dir, files, opt.Owns, rep)
	if err != nil {
		return rep, err
	}
	return rep, p.apply(rep)
}

// checkFiles refuses any output name that is not a plain, portable file
// name directly inside dir. The loaders already refuse the data that could
// make one; this is the second line of defence, at the point of writing.
func checkFiles(dir string, files []File) error {
	seen := map[string]bool{}
	for _, f := range files {
		err := checkName(f.Name)
		if err == nil && filepath.Dir(filepath.Join(dir, f.Name)) != filepath.Clean(dir) {
			err = errors.New("不在该文件夹中")
		}
		if err == nil && (f.Name == ManifestName || seen[fold(f.Name)]) {
			err = errors.New("与另一个输出文件同名")
		}
		if err != nil {
			return &Error{State: Unchanged, Msg: fmt.Sprintf("拒绝写入文件“%s”：%v；输出文件只能直接写在 %s 中", showName(f.Name), err, dir),
				Hint: "这是程序的错误（数据检查本应拦下这个名称），请把数据文件和这条提示一起报告给维护者。"}
		}
		seen[fold(f.Name)] = true
	}
	return nil
}

// fold is the form in which two names clash on a case-insensitive file
// system (Windows, macOS).
func fold(name string) string { return strings.ToLower(name) }

// kind classifies a directory entry.
type kind int

const (
	regular kind = iota
	folder
	special // a symbolic link, a pipe, a device: moved, never read
)

func kindOf(m os.FileMode) kind {
	switch {
	case m.IsRegular():
		return regular
	case m.IsDir():
		return folder
	}
	return special
}

// carry is one entry of the old directory that goes into the new one.
type carry struct {
	name, as string // in the old and the new directory
	kind     kind
	users    bool // the user's file under its own name: moved when it cannot be linked
}

// plan is what a Replace will do, decided before anything is written.
type plan struct {
	dir, parent, base string
	exists            bool        // dir exists (else the new set is simply renamed in)
	mode              os.FileMode // the old directory's permissions, kept
	files             []File
	next              manifest        // the new manifest
	link              []carry         // regular files: hard-linked into the new set (else copied or moved)
	move              []carry         // folders and special files: moved into the new set
	oldOwned          map[string]bool // the old directory's files that were the tool's
}

// planReplace looks at dir as it is and decides what becomes of each of
// its entries.
func planReplace(dir string, files []File, owns func(string) bool, rep *Report) (*plan, error) {
	p := &plan{dir: dir, parent: filepath.Dir(dir), base: filepath.Base(dir), files: files,
		next: manifest{}, oldOwned: map[string]bool{}, mode: 0o755}
	for _, f := range files {
		p.next[f.Name] = sum(f.Data)
	}
	info, err := os.Lstat(dir)
	switch {
	case os.IsNotExist(err):
		return p, nil
	case err != nil:
		return nil, failed(Unchanged, "无法读取 "+dir, err)
	case info.Mode()&os.ModeSymlink != 0:
		return nil, &Error{State: Unchanged, Msg: dir + " 是一个链接（快捷方式），不是文件夹；本程序不替换链接，以免写到别处",
			Hint: "请把它改为普通文件夹（或用 -out 指定输出目录）后重新运行。"}
	case !info.IsDir():
		return nil, &Error{State: Unchanged, Msg: dir + " 是一个文件，不是文件夹",
			Hint: "请把这个文件改名或移走后重新运行。"}
	}
	p.exists, p.mode = true, info.Mode().Perm()
	if err := probeWritable(dir); err != nil {
		return nil, failed(Unchanged, dir+" 不能写入", err)
	}
	old, err := readManifest(dir)
	if err != nil {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s 中的文件清单 %s 无法读取（%v），已按没有清单处理：与本次生成的文件同名的文件视为本程序生成的。", dir, ManifestName, err))
		old = nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, failed(Unchanged, "无法读取 "+dir, err)
	}
	produced := map[string]File{}
	for _, f := range files {
		produced[fold(f.Name)] = f
	}
	taken := map[string]bool{}
	for _, e := range entries {
		taken[fold(e.Name())] = true
	}
	for n := range produced {
		taken[n] = true
	}
	for _, e := range entries {
		name := e.Name()
		if name == ManifestName {
			continue
		}
		k := kindOf(e.Type())
		path := filepath.Join(dir, name)
		f, isProduced := produced[fold(name)]
		wrote, inManifest := old[name]
		owned := k == regular && (inManifest || (old == nil && isProduced))
		mine := owns == nil || owns(name)
		switch {
		case owned && !mine:
			// The other job's file: carried over, still the tool's (with
			// the hash it was written with, so an edit shows next time).
			p.link = append(p.link, carry{name: name, as: name})
			if inManifest {
				p.next[name] = wrote
			}
			p.oldOwned[name] = true
		case owned:
			p.oldOwned[name] = true
			edited := false
			var data []byte
			if inManifest {
				if data, err = os.ReadFile(path); err != nil {
					return nil, failed(Unchanged, "无法读取 "+path, err)
				}
				edited = !asWritten(data, wrote)
			}
			switch {
			case isProduced && edited && !bytes.Equal(data, f.Data):
				as := altName(name, tagEdited, taken)
				p.link = append(p.link, carry{name: name, as: as})
				rep.Saved = append(rep.Saved, Saved{Name: name, As: as, Edited: true})
			case isProduced:
				if name != f.Name {
					// Same file under another case: the new name wins.
					continue
				}
			case edited:
				p.link = append(p.link, carry{name: name, as: name})
				rep.Released = append(rep.Released, name)
			default:
				rep.Removed = append(rep.Removed, name)
			}
		case isProduced && k != regular:
			what := "文件夹"
			if k == special {
				what = "链接"
			}
			return nil, &Error{State: Unchanged, Msg: fmt.Sprintf("%s 是一个%s，与要生成的文件同名", path, what),
				Hint: "请把它改名或移走后重新运行。"}
		case isProduced:
			// Not the tool's, in the way of a new file: kept unless it
			// already holds exactly the new bytes.
			data, err := os.ReadFile(path)
			if err != nil {
				return nil, failed(Unchanged, "无法读取 "+path, err)
			}
			if !bytes.Equal(data, f.Data) || name != f.Name {
				as := altName(name, tagForeign, taken)
				p.link = append(p.link, carry{name: name, as: as})
				rep.Saved = append(rep.Saved, Saved{Name: name, As: as})
			}
		case k == regular:
			p.link = append(p.link, carry{name: name, as: name, users: true})
			rep.Kept = append(rep.Kept, Entry{Name: name})
		default:
			p.move = append(p.move, carry{name: name, as: name, kind: k})
			rep.Kept = append(rep.Kept, Entry{Name: name, Dir: k == folder, Link: k == special})
		}
	}
	sort.Slice(rep.Kept, func(i, j int) bool { return rep.Kept[i].Name < rep.Kept[j].Name })
	sort.Strings(rep.Removed)
	sort.Strings(rep.Released)
	return p, nil
}

// Tags of the names under which files in the way are kept.
const (
	tagEdited  = "手工修改"
	tagForeign = "原有文件"
)

// asWritten reports whether data is what the tool wrote (its hash is
// wrote), allowing for a checkout that turned the line ends of a text
// file into CRLF (git's core.autocrlf on Windows): that is not an edit.
func asWritten(data []byte, wrote string) bool {
	if sum(data) == wrote {
		return true
	}
	return bytes.Contains(data, []byte("\r\n")) && sum(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))) == wrote
}

// altName finds a free name for a file kept aside: 报告（手工修改）.docx,
// then 报告（手工修改2）.docx, …
func altName(name, tag string, taken map[string]bool) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; ; i++ {
		n := ""
		if i > 1 {
			n = fmt.Sprint(i)
		}
		as := stem + "（" + tag + n + "）" + ext
		if !taken[fold(as)] {
			taken[fold(as)] = true
			return as
		}
	}
}

// probeWritable tells whether new entries can be made in dir (and
// removed): the only test that means the same on every system and for
// every kind of permission (mode bits, ACLs, a read-only mount).
func probeWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".ipfund-probe-")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// apply carries out the plan: assemble the new set beside dir, swap it in,
// and empty the old one.
func (p *plan) apply(rep *Report) error {
	tmp, err := os.MkdirTemp(p.parent, newPrefix(p.base))
	if err != nil {
		return failed(Unchanged, "无法在 "+p.parent+" 中建立临时文件夹", err)
	}
	if err := os.Chmod(tmp, p.mode); err != nil {
		return p.abort(tmp, failed(Unchanged, "无法设置临时文件夹的权限", err))
	}
	// The manifest comes first: a leftover without one holds nothing but
	// the tool's own half-written files (see Recover).
	if err := writeAtomic(tmp, ManifestName, p.next.encode()); err != nil {
		return p.abort(tmp, failed(Unchanged, "写入文件清单失败", err))
	}
	checkpoint("manifest")
	sorted := append([]File(nil), p.files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for _, f := range sorted {
		if err := writeFile(filepath.Join(tmp, f.Name), f.Data); err != nil {
			return p.abort(tmp, failed(Unchanged, "写入 "+f.Name+" 失败", err))
		}
	}
	checkpoint("files")
	for _, c := range p.link {
		from, to := filepath.Join(p.dir, c.name), filepath.Join(tmp, c.as)
		if err := link(from, to); err == nil {
			continue
		}
		if c.users {
			// Not linkable here (a file system without hard links, a file
			// of another user under protected_hardlinks): moved like a
			// folder, never copied, so that it stays the very same file.
			p.move = append(p.move, c)
			continue
		}
		if err := copyFile(from, to); err != nil {
			return p.abort(tmp, failed(Unchanged, "无法保留 "+from, err))
		}
	}
	if err := syncDir(tmp); err != nil {
		return p.abort(tmp, failed(Unchanged, "写入临时文件夹失败", err))
	}
	checkpoint("linked")
	for _, c := range p.move {
		if err := rename(filepath.Join(p.dir, c.name), filepath.Join(tmp, c.as)); err != nil {
			return p.abort(tmp, failed(Unchanged, "无法保留 "+filepath.Join(p.dir, c.name), err))
		}
	}
	checkpoint("moved")
	old, err := p.swap(tmp)
	if err != nil {
		return err
	}
	checkpoint("swapped")
	if err := syncDir(p.parent); err != nil {
		rep.Notes = append(rep.Notes, "新文件已就位，但无法确认已写入磁盘："+err.Error())
	}
	if old != "" {
		rep.Notes = append(rep.Notes, drain(old, p.dir, p.oldOwned)...)
	}
	return nil
}

// abort undoes an unfinished assembly: what was moved into tmp goes back,
// the rest is deleted. It returns err, or a truer one if something could
// not be put back.
func (p *plan) abort(tmp string, err *Error) error {
	owned := map[string]bool{}
	for n := range p.next {
		owned[n] = true
	}
	if notes := drain(tmp, p.dir, owned); len(notes) > 0 {
		err.State = Incomplete
		err.Msg += "；" + strings.Join(notes, "；")
	}
	return err
}

// swap puts tmp in the place of dir and returns where the old directory
// now is ("" when there was none).
func (p *plan) swap(tmp string) (string, error) {
	if !p.exists {
		if err := rename(tmp, p.dir); err != nil {
			return "", p.abort(tmp, failed(Unchanged, "无法把新文件放到 "+p.dir, err))
		}
		return "", nil
	}
	if err := exchange(tmp, p.dir); err == nil {
		return tmp, nil
	}
	// No atomic exchange here: two renames, the old set first moved
	// aside under a name Recover knows.
	old := filepath.Join(p.parent, oldPrefix(p.base)+strings.TrimPrefix(filepath.Base(tmp), newPrefix(p.base)))
	if err := rename(p.dir, old); err != nil {
		return "", p.abort(tmp, failed(Unchanged, "无法替换 "+p.dir, err))
	}
	checkpoint("between-renames")
	if err := rename(tmp, p.dir); err != nil {
		if rerr := rename(old, p.dir); rerr != nil {
			return "", &Error{State: Incomplete, Err: err,
				Msg:  fmt.Sprintf("替换 %s 时失败（%s），把原有文件移回也失败（%s）：原有文件现在在 %s，新文件在 %s", p.dir, cause(err), cause(rerr), old, tmp),
				Hint: "下次运行本程序（任何命令）时会自动恢复；也可以手工把 " + old + " 改名为 " + p.dir + "。"}
		}
		e := failed(Restored, "替换 "+p.dir+" 时失败", err)
		return "", p.abort(tmp, e)
	}
	return old, nil
}

// Temporary siblings of out/<year>: the new set being assembled (after an
// exchange: the old set being emptied), and the old set moved aside.
func newPrefix(base string) string { return "." + base + ".new-" }
func oldPrefix(base string) string { return "." + base + ".old-" }

// Hooks for tests: rename, exchange and link can be made to fail,
// checkpoint to stop the run dead at a step as a kill would, writeFile to
// find the disk full.
var (
	rename     = os.Rename
	link       = os.Link
	exchange   = exchangeDirs
	checkpoint = func(step string) {}
	writeFile  = writeSynced
)

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

// writeAtomic writes dir/name under a temporary name first, so that the
// name never holds half a file.
func writeAtomic(dir, name string, data []byte) error {
	part := filepath.Join(dir, name+".part")
	if err := writeFile(part, data); err != nil {
		return err
	}
	return rename(part, filepath.Join(dir, name))
}

// copyFile copies a file the tool wrote (or an edited one kept under
// another name) where it cannot be hard-linked (FAT, some network drives):
// same bytes, permissions and modification time.
func copyFile(src, dst string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := writeFile(dst, data); err != nil {
		return err
	}
	if err := os.Chmod(dst, info.Mode().Perm()); err != nil {
		return err
	}
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
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
