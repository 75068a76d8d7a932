package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReplaceSwapsTheWholeDirectory(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out", "2019")
	if err := Replace(dir, []File{{"a.txt", []byte("1")}, {"b.txt", []byte("2")}}, nil); err != nil {
		t.Fatal(err)
	}
	if err := Replace(dir, []File{{"a.txt", []byte("3")}}, nil); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); len(got) != 1 || got[0] != "a.txt" || read(t, filepath.Join(dir, "a.txt")) != "3" {
		t.Errorf("dir holds %v", got)
	}
	if got := names(t, filepath.Join(root, "out")); len(got) != 1 {
		t.Errorf("temporary directories left: %v", got)
	}
}

func TestReplaceKeepsWhatKeepSelects(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2023")
	Replace(dir, []File{{"report.docx", []byte("r")}, {"alloc.xlsx", []byte("old")}}, nil)
	keep := func(name string) bool { return name != "alloc.xlsx" && name != "gone.txt" }
	if err := Replace(dir, []File{{"alloc.xlsx", []byte("new")}}, keep); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); len(got) != 2 || read(t, filepath.Join(dir, "report.docx")) != "r" || read(t, filepath.Join(dir, "alloc.xlsx")) != "new" {
		t.Errorf("dir holds %v", got)
	}
}

func TestFailedWriteLeavesTheOldDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	Replace(dir, []File{{"a.txt", []byte("old")}}, nil)
	// A file name with a slash cannot be created inside the temporary dir.
	err := Replace(dir, []File{{"a.txt", []byte("new")}, {"no/such/dir.txt", []byte("x")}}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	if got := names(t, dir); len(got) != 1 || read(t, filepath.Join(dir, "a.txt")) != "old" {
		t.Errorf("old directory changed: %v", got)
	}
	if got := names(t, filepath.Dir(dir)); len(got) != 1 {
		t.Errorf("leftovers: %v", got)
	}
}

func TestRecoverAfterAKillBetweenTheRenames(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "2019")
	// The state a run killed after moving the old directory aside leaves:
	// no 2019, the old one under its temporary name, a half-written new one.
	os.MkdirAll(filepath.Join(parent, ".2019.old-123"), 0o755)
	os.WriteFile(filepath.Join(parent, ".2019.old-123", "a.txt"), []byte("old"), 0o644)
	os.MkdirAll(filepath.Join(parent, ".2019.new-123"), 0o755)
	if err := Recover(dir); err != nil {
		t.Fatal(err)
	}
	if got := names(t, parent); len(got) != 1 || got[0] != "2019" || read(t, filepath.Join(dir, "a.txt")) != "old" {
		t.Errorf("after recovery: %v", got)
	}
}

func TestFullDiskLeavesTheOldDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	Replace(dir, []File{{"a.docx", []byte("old a")}, {"b.xlsx", []byte("old b")}}, nil)
	written := 0
	writeFile = func(path string, data []byte) error {
		if written == 1 {
			// The second file finds the disk full after half its bytes.
			os.WriteFile(path, data[:len(data)/2], 0o644)
			return syscall.ENOSPC
		}
		written++
		return writeSynced(path, data)
	}
	defer func() { writeFile = writeSynced }()
	err := Replace(dir, []File{{"a.docx", []byte("new a")}, {"b.xlsx", []byte("new b")}}, nil)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("got %v", err)
	}
	if got := names(t, dir); len(got) != 2 || read(t, filepath.Join(dir, "a.docx")) != "old a" || read(t, filepath.Join(dir, "b.xlsx")) != "old b" {
		t.Errorf("old directory changed: %v", got)
	}
	if got := names(t, filepath.Dir(dir)); len(got) != 1 {
		t.Errorf("half-written leftovers: %v", got)
	}
}
