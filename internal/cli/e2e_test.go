package cli

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"ipfund/internal/textconv"
)

var (
	binOnce sync.Once
	binDir  string // removed by TestMain
	binPath string
	binErr  error
)

// binary builds the command once for the tests that run it as a process.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "ipfund-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "ipfund")
		out, err := exec.Command("go", "build", "-o", binPath, "../../cmd/ipfund").CombinedOutput()
		if err != nil {
			binErr = errors.New(string(out))
		}
	})
	if binErr != nil {
		t.Fatalf("go build: %v", binErr)
	}
	return binPath
}

// hashes maps each file of a directory to its SHA-256.
func hashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		out[e.Name()] = hex.EncodeToString(sum[:])
	}
	return out
}

func sameHashes(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestOutputsAreIdenticalAcrossProcessesAndTimeZones(t *testing.T) {
	bin := binary(t)
	root := t.TempDir()
	for _, year := range []string{"2019", "2023"} {
		var first map[string]string
		for i, env := range [][]string{{"TZ=UTC", "LANG=C"}, {"TZ=Asia/Shanghai", "LANG=zh_CN.UTF-8"}, {"TZ=America/Los_Angeles"}} {
			out := filepath.Join(root, "out", strings.Join(env, "_"))
			cmd := exec.Command(bin, "build", "-data", "../testdata/seed", "-templates", "../../templates", "-out", out, year)
			cmd.Env = append(os.Environ(), env...)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v: %v\n%s", env, err, b)
			}
			h := hashes(t, filepath.Join(out, year))
			if i == 0 {
				first = h
				if len(h) < 3 {
					t.Fatalf("%s: only %d files", year, len(h))
				}
				continue
			}
			if !sameHashes(first, h) {
				t.Errorf("%s under %v differs from the first run:\n%v\n%v", year, env, first, h)
			}
		}
	}
}

// TestKilledRunLeavesAWholeOutputDirectory kills builds at random moments:
// afterwards out/2020 is always either the previous run's files or the new
// run's, never a mixture or a half-written file, and the next run cleans up.
func TestKilledRunLeavesAWholeOutputDirectory(t *testing.T) {
	bin := binary(t)
	e := newEnv(t)
	args := []string{"build", "-data", e.data, "-out", e.out, "-templates", e.templates, "2020"}
	run := func() {
		if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, b)
		}
	}
	run()
	old := hashes(t, filepath.Join(e.out, "2020"))
	// Change one figure so that the new run's files differ.
	path := filepath.Join(e.data, "2020", "subproject-1.toml")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(b, []byte("actual = 3\n"), []byte("actual = 4\n"), 1), 0o644)
	run()
	neu := hashes(t, filepath.Join(e.out, "2020"))
	if sameHashes(old, neu) {
		t.Fatal("the change did not change the output")
	}
	os.WriteFile(path, b, 0o644) // back to the old data
	run()

	rng := rand.New(rand.NewSource(1))
	states := map[string]int{}
	for i := 0; i < 12; i++ {
		// Alternate the data so each run replaces one version by the other.
		want := neu
		if i%2 == 1 {
			os.WriteFile(path, b, 0o644)
			want = old
		} else {
			os.WriteFile(path, bytes.Replace(b, []byte("actual = 3\n"), []byte("actual = 4\n"), 1), 0o644)
		}
		before := hashes(t, filepath.Join(e.out, "2020"))
		cmd := exec.Command(bin, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Intn(120)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		// Whatever the kill left, the next run of any kind (here a check)
		// starts by making out/2020 whole.
		if b, err := exec.Command(bin, "check", "-data", e.data, "-out", e.out, "2020").CombinedOutput(); err != nil {
			t.Fatalf("check after the kill: %v\n%s", err, b)
		}
		got := hashes(t, filepath.Join(e.out, "2020"))
		switch {
		case sameHashes(got, before):
			states["kept"]++
		case sameHashes(got, want):
			states["replaced"]++
		default:
			t.Fatalf("run %d left a mixture: %v", i, got)
		}
		run()
		if got := hashes(t, filepath.Join(e.out, "2020")); !sameHashes(got, want) {
			t.Fatalf("run %d: the next run did not produce the new files", i)
		}
		entries, _ := os.ReadDir(e.out)
		if len(entries) != 1 {
			t.Fatalf("run %d: leftovers in out/: %v", i, entries)
		}
	}
	t.Logf("killed runs: %v", states)
}

func TestGitDiffShowsWhatADataCorrectionChanged(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("未安装 git")
	}
	bin := binary(t)
	repo := t.TempDir()
	copyDir(t, filepath.Join("..", "testdata", "seed", "2019"), filepath.Join(repo, "data", "2019"))
	copyDir(t, filepath.Join("..", "..", "templates"), filepath.Join(repo, "templates"))
	attrs, _ := os.ReadFile(filepath.Join("..", "..", ".gitattributes"))
	os.WriteFile(filepath.Join(repo, ".gitattributes"), attrs, 0o644)
	sh := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	sh(git, "init", "-q")
	sh(git, "config", "diff.ipfund.textconv", shellQuote(bin)+" text")
	sh(git, "config", "core.quotepath", "false")
	sh(bin, "build", "2019")
	sh(git, "add", "-A")
	sh(git, "commit", "-qm", "2019")
	// The README's example: one amount of the 奖励 table, with its
	// subtotal, total and the spending that depend on it.
	edit := func(file string, pairs ...string) {
		p := filepath.Join(repo, "data", "2019", file)
		b, _ := os.ReadFile(p)
		for i := 0; i < len(pairs); i += 2 {
			if !bytes.Contains(b, []byte(pairs[i])) {
				t.Fatalf("%s has no %q", file, pairs[i])
			}
			b = bytes.Replace(b, []byte(pairs[i]), []byte(pairs[i+1]), 1)
		}
		os.WriteFile(p, b, 0o644)
	}
	edit("subproject-1-reward.toml",
		"units = 181, amount = 355.3 }", "units = 181, amount = 355.4 }",
		"amount = 535.3 }", "amount = 535.4 }",
		"amount = 1352.2 }", "amount = 1352.3 }",
		"spending = 1352.2 ", "spending = 1352.3 ")
	edit("fund.toml", "spending = 1756.58 ", "spending = 1756.68 ")
	sh(bin, "build", "2019")
	diff := sh(git, "diff", "out/")
	for _, want := range []string{
		"-\"实际支出\" = 1756.58", "+\"实际支出\" = 1756.68", "-\"预算执行率\" = 87.39", "+\"预算执行率\" = 87.40",
		// The report's text and its table.
		"-依据《关于调整2019年南昌市知识产权专项资金使用计划的批复》（洪府厅字[2019]458号）文件精神，2019年知识产权专项资金2010万元（其中：本年度预算为1700万元，上年结余310万元），实际支出1756.58万元，预算执行率87.39%。具体使用情况如下：",
		"+\t2019年度\t181\t\t355.4",
		"+合计\t622\t4579\t1352.3",
		// The workbook's cells.
		"1352.3",
	} {
		if !strings.Contains(diff, want) {
			t.Errorf("git diff lacks %q", want)
		}
	}
	if !strings.Contains(diff, "评分表.xlsx") || strings.Contains(diff, "Binary files") {
		t.Errorf("the workbook's diff is not shown as text:\n%s", diff[:min(len(diff), 3000)])
	}
}

// TestHostileTextComesOutIntact puts markup, XML terminators, a tab, a
// very long string, emoji and a rare CJK character into the data; the
// documents stay well-formed and hold the text. (Control characters,
// which no document can show, are refused where they are loaded: see
// tomlx's TestControlCharactersAreRefused.)
func TestHostileTextComesOutIntact(t *testing.T) {
	e := newEnv(t)
	hostile := `]]> <w:p>&amp; "引号" 'x' \t 😀 𠀀 ` + strings.Repeat("长", 5000)
	visible := `]]> <w:p>&amp; "引号" 'x' ` + "\t" + ` 😀 𠀀 ` + strings.Repeat("长", 5000)
	for file, pairs := range map[string][2]string{
		"report.toml":       {`preamble = "开头。"`, `preamble = "` + strings.ReplaceAll(hostile, `"`, `\"`) + `"`},
		"subproject-1.toml": {`{ item = "房租", amount = 400000 }`, `{ item = "房租 😀 𠀀 <w:t>]]>", amount = 400000 }`},
	} {
		p := filepath.Join(e.data, "2020", file)
		b, _ := os.ReadFile(p)
		if !bytes.Contains(b, []byte(pairs[0])) {
			t.Fatalf("%s has no %q", file, pairs[0])
		}
		os.WriteFile(p, bytes.Replace(b, []byte(pairs[0]), []byte(pairs[1]), 1), 0o644)
	}
	code, _, stderr := run(e.build("2020")...)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	dir := filepath.Join(e.out, "2020")
	entries, _ := os.ReadDir(dir)
	var texts []string
	for _, en := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, en.Name()))
		if strings.HasSuffix(en.Name(), ".docx") || strings.HasSuffix(en.Name(), ".xlsx") {
			wellFormed(t, en.Name(), b)
		}
		txt, err := textconv.Text(en.Name(), b)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, txt)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{visible, "房租 😀 𠀀 <w:t>]]>"} {
		if !strings.Contains(all, want) {
			t.Errorf("the documents lack %.60q…", want)
		}
	}
}

// wellFormed checks every XML part of an OOXML package.
func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var parts []string
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		parts = append(parts, f.Name)
		rc, _ := f.Open()
		d := xml.NewDecoder(rc)
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s %s: not well-formed: %v", name, f.Name, err)
				break
			}
		}
		rc.Close()
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		t.Errorf("%s has no XML parts", name)
	}
}
