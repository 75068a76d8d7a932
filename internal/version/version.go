// Package version says which build of the program is running: the version
// and commit that make dist stamps in (-ldflags -X), or else what the Go
// toolchain recorded, and the Go release and platform.
package version

import (
	"runtime"
	"runtime/debug"
)

// Stamped by make dist (see Makefile); empty in other builds.
var (
	Version string // e.g. 2025.12.02-6feaac6: the commit's date and short hash
	Commit  string // the full commit hash
)

// Info describes the running program.
type Info struct {
	Version  string // "" when unknown
	Commit   string // "" when unknown
	Modified bool   // built from a checkout with uncommitted changes
	Go       string // e.g. go1.26.8
	Platform string // e.g. windows/amd64
}

// Get returns the stamped version and commit, falling back to the build
// information the Go toolchain records (the module version it derives from
// the repository, vcs.revision, vcs.modified).
func Get() Info {
	i := Info{Version: Version, Commit: Commit, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return i
	}
	if i.Version == "" && bi.Main.Version != "(devel)" {
		i.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if i.Commit == "" {
				i.Commit = s.Value
			}
		case "vcs.modified":
			i.Modified = i.Modified || s.Value == "true"
		}
	}
	return i
}
