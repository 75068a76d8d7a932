package outdir

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Recover makes dir whole after a run that was interrupted while changing
// it (killed, power cut): if the old set was moved aside and the new one
// not yet put in place, the old one is put back; the user's entries that
// had been moved into a half-assembled set go back into dir; the tool's
// leftovers are deleted. Every command runs it first, before it reads any
// data, so that a later run that fails on bad data still leaves out/<year>
// complete. Without leftovers it does nothing and takes no lock.
func Recover(dir string, opt Options) ([]string, error) {
	if len(leftovers(dir)) == 0 {
		return nil, nil
	}
	l, err := lock(dir, opt)
	if err != nil {
		return nil, err
	}
	defer l.release()
	return recoverLocked(dir)
}

// leftovers lists the temporary siblings of dir that a run left behind
// (or is using: call it under the lock to know they are left behind).
func leftovers(dir string) []string {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, newPrefix(base)) || strings.HasPrefix(n, oldPrefix(base))) {
			out = append(out, filepath.Join(parent, n))
		}
	}
	// The old sets first: one may have to be put back before the others
	// can be emptied into it.
	sort.SliceStable(out, func(i, j int) bool {
		return strings.HasPrefix(filepath.Base(out[i]), oldPrefix(base)) && !strings.HasPrefix(filepath.Base(out[j]), oldPrefix(base))
	})
	return out
}

func recoverLocked(dir string) ([]string, error) {
	left := leftovers(dir)
	if len(left) == 0 {
		return nil, nil
	}
	var notes []string
	if _, err := os.Lstat(dir); os.IsNotExist(err) && strings.HasPrefix(filepath.Base(left[0]), oldPrefix(filepath.Base(dir))) {
		// Killed between the two renames of a swap: the old set is whole.
		if err := rename(left[0], dir); err != nil {
			return nil, &Error{State: Incomplete, Err: err,
				Msg:  fmt.Sprintf("上次的生成过程在替换文件时被中断，原有文件留在 %s，无法把它移回 %s（%s）", left[0], dir, cause(err)),
				Hint: "请手工把它改名为 " + dir + " 后重新运行。"}
		}
		notes = append(notes, fmt.Sprintf("上次的生成过程在替换文件时被中断，已把原有文件放回 %s。", dir))
		left = left[1:]
	}
	for _, l := range left {
		owned, all := leftoverOwned(l, dir)
		if all {
			if err := os.RemoveAll(l); err != nil {
				notes = append(notes, fmt.Sprintf("无法删除上次中断留下的临时文件夹 %s（%s）；%s 完整，可以手工删除它。", l, cause(err), dir))
			}
			continue
		}
		notes = append(notes, drain(l, dir, owned)...)
	}
	if len(notes) == 0 {
		notes = append(notes, fmt.Sprintf("上次的生成过程被中断过，已清理它留下的临时文件夹；%s 完整。", dir))
	}
	return notes, nil
}

// leftoverOwned tells which files of a leftover the tool wrote: those of
// its manifest. A leftover without one is either a new set interrupted
// before its manifest was in place (it holds nothing else: all is the
// tool's) or an old set written before manifests existed (its files named
// like the current set's were the tool's).
func leftoverOwned(l, dir string) (map[string]bool, bool) {
	owned := map[string]bool{}
	m, err := readManifest(l)
	if err == nil && m != nil {
		for n := range m {
			owned[n] = true
		}
		return owned, false
	}
	entries, _ := os.ReadDir(l)
	partial := true
	for _, e := range entries {
		if e.Name() != ManifestName+".part" {
			partial = false
		}
	}
	if partial {
		return nil, true
	}
	cur, _ := readManifest(dir)
	for n := range cur {
		owned[n] = true
	}
	return owned, false
}

// drain empties src, a set that is no longer (or not yet) out/<year>, into
// dst, the one that is: the tool's own files (owned) and the manifest are
// deleted, as is every file that dst already holds (a hard link or an
// identical copy of it); anything else — the user's, moved aside by a run
// — is moved back into dst. src is then removed. drain never deletes
// what it cannot prove is a copy; it returns a note for each thing it
// could not do.
func drain(src, dst string, owned map[string]bool) []string {
	var notes []string
	entries, err := os.ReadDir(src)
	if err != nil {
		return []string{fmt.Sprintf("无法读取临时文件夹 %s（%s）；请核对其中是否有需要的文件后手工删除。", src, cause(err))}
	}
	var dstInfos []os.FileInfo
	if des, err := os.ReadDir(dst); err == nil {
		for _, e := range des {
			if fi, err := os.Lstat(filepath.Join(dst, e.Name())); err == nil {
				dstInfos = append(dstInfos, fi)
			}
		}
	}
	for _, e := range entries {
		name := e.Name()
		from, to := filepath.Join(src, name), filepath.Join(dst, name)
		fi, err := os.Lstat(from)
		if err != nil {
			notes = append(notes, fmt.Sprintf("无法读取 %s（%s）。", from, cause(err)))
			continue
		}
		copyOfDst := fi.Mode().IsRegular() && (owned[name] || name == ManifestName || name == ManifestName+".part" ||
			linked(fi, dstInfos) || sameBytes(from, to) || keptCopyOf(from, dst))
		switch {
		case copyOfDst:
			if err := os.Remove(from); err != nil {
				notes = append(notes, fmt.Sprintf("无法删除 %s（%s）。", from, cause(err)))
			}
		case exists(to):
			notes = append(notes, fmt.Sprintf("%s 与 %s 中的同名项不同，未移动也未删除；请核对后手工处理。", from, dst))
		default:
			if err := os.MkdirAll(dst, 0o755); err != nil {
				notes = append(notes, fmt.Sprintf("无法把 %s 移回 %s（%s）。", from, dst, cause(err)))
				continue
			}
			if err := rename(from, to); err != nil {
				notes = append(notes, fmt.Sprintf("无法把 %s 移回 %s（%s）。", from, dst, cause(err)))
			}
		}
	}
	if len(notes) > 0 {
		return append(notes, fmt.Sprintf("临时文件夹 %s 因此未删除；下次运行时会再处理，也可以核对后手工删除。", src))
	}
	if err := os.Remove(src); err != nil {
		notes = append(notes, fmt.Sprintf("无法删除临时文件夹 %s（%s）；%s 完整，可以手工删除它。", src, cause(err), dst))
	}
	return notes
}

// keptCopyOf reports whether the file at path is a copy, made by a run that
// did not finish, of a file of dst kept aside under another name
// (报告（手工修改）.docx for 报告.docx): a copy is made only where the file
// system has no hard links. It must hold the same bytes as that file, and
// dst must not hold its own name.
func keptCopyOf(path, dst string) bool {
	name := filepath.Base(path)
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	if !strings.HasSuffix(stem, "）") || exists(filepath.Join(dst, name)) {
		return false
	}
	for _, tag := range []string{"（" + tagEdited, "（" + tagForeign} {
		i := strings.LastIndex(stem, tag)
		if i < 0 {
			continue
		}
		n := strings.TrimSuffix(stem[i+len(tag):], "）")
		if strings.Trim(n, "0123456789") != "" {
			continue
		}
		if sameBytes(path, filepath.Join(dst, stem[:i]+ext)) {
			return true
		}
	}
	return false
}

// linked reports whether fi is the same file as one of dst's entries.
func linked(fi os.FileInfo, dst []os.FileInfo) bool {
	for _, d := range dst {
		if os.SameFile(fi, d) {
			return true
		}
	}
	return false
}

// sameBytes reports whether two paths are regular files with the same
// contents.
func sameBytes(a, b string) bool {
	ai, err := os.Lstat(a)
	if err != nil {
		return false
	}
	bi, err := os.Lstat(b)
	if err != nil || !bi.Mode().IsRegular() || ai.Size() != bi.Size() {
		return false
	}
	ab, err := os.ReadFile(a)
	if err != nil {
		return false
	}
	bb, err := os.ReadFile(b)
	return err == nil && bytes.Equal(ab, bb)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
