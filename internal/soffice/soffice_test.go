package soffice

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestFileURLEncodesWhatLibreOfficeCannotRead(t *testing.T) {
	for path, want := range map[string]string{
		"/tmp/a dir/ipfund-lo-1":           "file:///tmp/a%20dir/ipfund-lo-1",
		"/tmp/我的 文档/p":                     "file:///tmp/%E6%88%91%E7%9A%84%20%E6%96%87%E6%A1%A3/p",
		"/tmp/100%/#1":                     "file:///tmp/100%25/%231",
		"C:/Users/张三/AppData/Local/Temp/x": "file:///C:/Users/%E5%BC%A0%E4%B8%89/AppData/Local/Temp/x",
	} {
		if got := FileURL(path); got != want {
			t.Errorf("FileURL(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestKnownPlacesOnWindowsPreferTheConsoleFrontEnd(t *testing.T) {
	env := map[string]string{"ProgramFiles": `D:\Program Files`, "ProgramW6432": `D:\Program Files`}
	got := knownPlaces("windows", func(k string) string { return env[k] })
	want := []string{
		`D:\Program Files\LibreOffice\program\soffice.com`, `D:\Program Files\LibreOffice\program\soffice.exe`,
		`C:\Program Files\LibreOffice\program\soffice.com`, `C:\Program Files\LibreOffice\program\soffice.exe`,
		`C:\Program Files (x86)\LibreOffice\program\soffice.com`, `C:\Program Files (x86)\LibreOffice\program\soffice.exe`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("knownPlaces(windows) =\n%q\nwant\n%q", got, want)
	}
	if got := knownPlaces("darwin", os.Getenv); !reflect.DeepEqual(got, []string{"/Applications/LibreOffice.app/Contents/MacOS/soffice"}) {
		t.Errorf("knownPlaces(darwin) = %q", got)
	}
}

// script writes a shell script standing in for soffice.
func script(t *testing.T, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in for soffice is a shell script")
	}
	p := filepath.Join(t.TempDir(), "soffice")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConvertReportsTheFilesWithoutOutputAndWhatLibreOfficeSaid(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the profile goes
	a, b := filepath.Join(dir, "a.docx"), filepath.Join(dir, "b.xlsx")
	out := filepath.Join(dir, "out")
	// Like LibreOffice: converts a.docx, fails on b.xlsx, exits 0.
	exe := script(t, `mkdir -p "`+out+`" && echo pdf > "`+out+`/a.pdf"; echo "Error: source file could not be loaded" >&2; exit 0`)
	err := Convert(context.Background(), exe, Options{Filter: "pdf", OutDir: out}, a, b)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v", err)
	}
	if !reflect.DeepEqual(e.Missing, []string{b}) || strings.TrimSpace(e.Output) != "Error: source file could not be loaded" || e.Err != nil || e.Timeout {
		t.Errorf("error %+v", e)
	}
	if want := "soffice produced no output for " + b + ": Error: source file could not be loaded"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}

	exe = script(t, `echo "crashed" >&2; exit 81`)
	err = Convert(context.Background(), exe, Options{Filter: "pdf:writer_pdf_Export", OutDir: out}, a)
	if !errors.As(err, &e) || e.Err == nil || err.Error() != "soffice: exit status 81: crashed" {
		t.Errorf("exit 81: %v", err)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left in the temporary directory: %v", entries)
	}
}
