// Package soffice finds LibreOffice and has it convert documents, for
// ipfund pdf and for the tests that need a real office suite. Every run
// uses a throw-away user profile (so it never collides with a LibreOffice
// the user has open), and what LibreOffice printed is kept: when a
// conversion fails, its own reason is what the user needs to see.
package soffice

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Timeout bounds one conversion run.
const Timeout = 5 * time.Minute

// Find returns the path of LibreOffice's soffice, or "" when it is not
// installed: from PATH (soffice, libreoffice), else from where its
// installer puts it on Windows and macOS.
func Find() string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	for _, p := range knownPlaces(runtime.GOOS, os.Getenv) {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// knownPlaces lists where LibreOffice's installer puts soffice. On Windows
// soffice.com comes first: it is the console front end of soffice.exe,
// through which LibreOffice's messages reach us.
func knownPlaces(goos string, getenv func(string) string) []string {
	switch goos {
	case "windows":
		var dirs []string
		for _, env := range []string{"ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"} {
			if d := getenv(env); d != "" {
				dirs = append(dirs, d)
			}
		}
		dirs = append(dirs, `C:\Program Files`, `C:\Program Files (x86)`)
		var out []string
		seen := map[string]bool{}
		for _, d := range dirs {
			for _, exe := range []string{"soffice.com", "soffice.exe"} {
				p := d + `\LibreOffice\program\` + exe
				if !seen[strings.ToLower(p)] {
					seen[strings.ToLower(p)] = true
					out = append(out, p)
				}
			}
		}
		return out
	case "darwin":
		return []string{"/Applications/LibreOffice.app/Contents/MacOS/soffice"}
	}
	return []string{"/opt/libreoffice/program/soffice", "/usr/lib/libreoffice/program/soffice"}
}

// FileURL turns an absolute path into the file URL LibreOffice expects,
// with spaces and other characters percent-encoded (an unencoded space in
// -env:UserInstallation makes LibreOffice hang) and Windows drive letters
// as file:///C:/….
func FileURL(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// Error is a failed conversion: which files produced nothing and what
// LibreOffice said.
type Error struct {
	Missing []string // input files without an output file
	Output  string   // what soffice printed
	Err     error    // how soffice ended, when it did not end well
	Timeout bool
}

func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.Timeout:
		fmt.Fprintf(&b, "soffice did not finish within %v", Timeout)
	case e.Err != nil:
		fmt.Fprintf(&b, "soffice: %v", e.Err)
	default:
		b.WriteString("soffice produced no output")
	}
	if len(e.Missing) > 0 {
		fmt.Fprintf(&b, " for %s", strings.Join(e.Missing, ", "))
	}
	if out := strings.TrimSpace(e.Output); out != "" {
		b.WriteString(": " + out)
	}
	return b.String()
}

// Options of a conversion run.
type Options struct {
	Filter    string // LibreOffice's --convert-to argument, e.g. "pdf"
	OutDir    string // where the converted files go
	FontsConf string // fontconfig file substituting fonts (Linux), or ""
}

// Convert converts files with soffice. It fails with an *Error when
// soffice failed or any file produced no output.
func Convert(ctx context.Context, soffice string, o Options, files ...string) error {
	profile, err := os.MkdirTemp("", "ipfund-lo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	args := append([]string{"-env:UserInstallation=" + FileURL(profile), "--headless", "--norestore", "--nologo",
		"--convert-to", o.Filter, "--outdir", o.OutDir}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	if o.FontsConf != "" {
		cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+o.FontsConf)
	}
	// soffice starts soffice.bin; a timeout must end both, and must not
	// wait for the child to close the output pipe.
	ownProcessGroup(cmd)
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	e := &Error{Output: string(out), Err: err, Timeout: errors.Is(ctx.Err(), context.DeadlineExceeded)}
	ext := o.Filter
	if i := strings.IndexByte(ext, ':'); i >= 0 {
		ext = ext[:i]
	}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		if _, err := os.Stat(filepath.Join(o.OutDir, base+"."+ext)); err != nil {
			e.Missing = append(e.Missing, f)
		}
	}
	if e.Err != nil || e.Timeout || len(e.Missing) > 0 {
		return e
	}
	return nil
}
