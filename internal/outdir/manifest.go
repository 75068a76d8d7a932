package outdir

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/BurntSushi/toml"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
)

// ManifestName is the file in out/<year>/ that lists the files the tool
// wrote there, each with the SHA-256 of the bytes it wrote. Everything
// else in the directory belongs to the user. It is written with the
// outputs and committed with them, so it is deterministic: sorted names,
// no dates.
const ManifestName = ".ipfund-manifest.toml"

// manifest maps the name of each owned file to the hex SHA-256 of what the
// tool wrote.
type manifest map[string]string

func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// encode renders the manifest: a comment for the person who opens it, then
// one line per file, sorted by name.
func (m manifest) encode() []byte {
	var b bytes.Buffer
	b.WriteString("# ipfund 生成的文件清单：下列文件由程序生成，等号右边是生成时内容的 SHA-256 摘要。\n")
	b.WriteString("# 重新生成时程序只替换、删除这里列出的文件；本文件夹中的其它文件、文件夹原样保留。\n")
	b.WriteString("# 列出的文件生成后被改动过的，改动后的内容会另存一份，不会被覆盖。请勿修改或删除本文件。\n")
	b.WriteString("[files]\n")
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%s = %q\n", strconv.Quote(n), m[n])
	}
	return b.Bytes()
}

// readManifest reads the manifest of dir. It returns nil, nil when there is
// none (a directory written by an older version, or by hand), and an error
// when there is one the tool cannot use.
func readManifest(dir string) (manifest, error) {
	b, err := limits.ReadFile(filepath.Join(dir, ManifestName), maxManifest)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		// Said in the note in Chinese, not as the system's (or limits')
		// English.
		return nil, errors.New(diag.IOError(err))
	}
	return decodeManifest(b)
}

func decodeManifest(b []byte) (manifest, error) {
	var f struct {
		Files map[string]string `toml:"files"`
	}
	if _, err := toml.Decode(string(b), &f); err != nil {
		return nil, err
	}
	m := manifest{}
	for name, h := range f.Files {
		if len(h) != 64 || checkName(name) != nil {
			return nil, fmt.Errorf("bad entry %q", name)
		}
		m[name] = h
	}
	return m, nil
}
