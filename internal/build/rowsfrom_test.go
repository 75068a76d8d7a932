package build_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/build"
	"ipfund/internal/figures"
	"ipfund/internal/sheettest"
)

// copySeed copies the frozen 2019 data into a new data directory.
func copySeed(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	src := filepath.Join(benchData(t), "2019")
	dst := filepath.Join(data, "2019")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return data
}

// withRewardSource makes the 2019 data's 奖励 table read its rows from
// file, written by write.
func withRewardSource(t *testing.T, data, file string, write func(path string) error) string {
	t.Helper()
	dir := filepath.Join(data, "2019")
	if err := write(filepath.Join(dir, file)); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "subproject-1-reward.toml")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sheettest.ReplaceDetail(string(b), sheettest.Awards2019Detail(file))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, file)
}

func run2019(t *testing.T, data string) map[string][]byte {
	t.Helper()
	out, ds := build.Run(build.Options{DataDir: data, TemplatesDir: filepath.Join(benchRoot(t), "templates"), Year: 2019})
	if out == nil {
		t.Fatalf("build failed:\n%v", ds)
	}
	files := map[string][]byte{}
	for _, f := range out.Files {
		files[f.Name] = f.Data
	}
	return files
}

// TestRewardTableFromSpreadsheetBuildsTheSameFiles: the 2019 奖励 table given
// as an .xlsx or a .csv (GBK, or UTF-8 with a BOM) with the same rows
// builds every output byte for byte as the TOML rows do, except the source
// record in figures.toml.
func TestRewardTableFromSpreadsheetBuildsTheSameFiles(t *testing.T) {
	want := run2019(t, copySeed(t))
	awards := sheettest.Awards2019()
	for _, c := range []struct {
		file, sheet, encoding string
		write                 func(string) error
	}{
		{"奖励名单.xlsx", "奖励", "", awards.XLSX},
		{"奖励名单.csv", "", "GBK", func(p string) error { return awards.CSV(p, true) }},
		{"奖励名单.csv", "", "UTF-8（带 BOM）", func(p string) error { return awards.CSV(p, false) }},
	} {
		t.Run(c.file+c.encoding, func(t *testing.T) {
			data := copySeed(t)
			path := withRewardSource(t, data, c.file, c.write)
			got := run2019(t, data)
			if len(got) != len(want) {
				t.Fatalf("%d files, want %d", len(got), len(want))
			}
			for name, w := range want {
				g := got[name]
				if name == figures.FileName {
					g = []byte(withoutSource(t, string(g), c.file, c.sheet, c.encoding, path))
				}
				if string(g) != string(w) {
					t.Errorf("%s differs from the build with TOML rows", name)
				}
			}
		})
	}
}

// withoutSource checks the source record of figures.toml and returns the
// file without it.
func withoutSource(t *testing.T, figs, file, sheet, encoding, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	record := "\n[\"子项目1\".\"明细表来源\"]\n\"文件\" = \"" + file + "\"\n"
	if sheet != "" {
		record += "\"工作表\" = \"" + sheet + "\"\n"
	}
	if encoding != "" {
		record += "\"编码\" = \"" + encoding + "\"\n"
	}
	record += "SHA256 = \"" + hex.EncodeToString(sum[:]) + "\"\n\"行数\" = 5\n" +
		"\"各列合计\" = { units = 622, count = 4579, amount = 1352.2 }\n"
	if !strings.Contains(figs, record) {
		t.Fatalf("figures.toml lacks the source record\n%s\nin:\n%s", record, figs[strings.Index(figs, "[\"绩效目标完成情况\"]")-300:])
	}
	return strings.Replace(figs, record, "", 1)
}
