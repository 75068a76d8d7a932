package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// builtProject is a project (see newProject) whose 2020 has been built,
// with the current directory in it; it returns the Word and Excel files of
// out/2020 as the user sees them.
func builtProject(t *testing.T) []string {
	t.Helper()
	root := newProject(t, false)
	t.Chdir(root)
	if code, _, stderr := run("build", "2020"); code != ExitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	docs, _ := filepath.Glob(filepath.Join("out", "2020", "*.docx"))
	books, _ := filepath.Glob(filepath.Join("out", "2020", "*.xlsx"))
	files := append(docs, books...)
	sort.Strings(files)
	if len(files) != 3 {
		t.Fatalf("out/2020 holds %v", files)
	}
	return files
}

// fakeSoffice writes a shell script standing in for LibreOffice: it keeps
// its arguments and the fonts file it was given in log, then runs body.
func fakeSoffice(t *testing.T, log, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in for LibreOffice is a shell script")
	}
	path := filepath.Join(t.TempDir(), "soffice")
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s\\n' \"$@\" > %s\ncp \"$FONTCONFIG_FILE\" %s\n%s\n",
		shellQuote(filepath.Join(log, "args")), shellQuote(filepath.Join(log, "fonts.conf")), body)
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// convertingBody makes a PDF of each input the way LibreOffice names it.
const convertingBody = `while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) outdir=$2; shift ;;
    *.docx|*.xlsx) mkdir -p "$outdir"; f=$(basename "$1"); printf '%%PDF-fake %s' "$f" > "$outdir/${f%.*}.pdf"
      echo "convert $1 -> $outdir/${f%.*}.pdf using filter : writer_pdf_Export" ;;
  esac
  shift
done`

func TestPDFConvertsEveryDocumentOfTheYear(t *testing.T) {
	log := t.TempDir()
	exe := fakeSoffice(t, log, convertingBody)
	files := builtProject(t)
	os.MkdirAll(filepath.Join("out", "2020-pdf"), 0o755)
	stale := filepath.Join("out", "2020-pdf", strings.TrimSuffix(filepath.Base(files[0]), ".docx")+".pdf")
	os.WriteFile(stale, []byte("上次的 PDF"), 0o644)

	code, stdout, stderr := run("pdf", "-soffice", exe, "2020")
	if code != ExitOK {
		t.Fatalf("pdf: exit %d\n%s", code, stderr)
	}
	want := "正在用 LibreOffice 把 " + filepath.Join("out", "2020") + " 中的 3 个文件转成 PDF（可能要半分钟）……\n已转换 2020 年度文件为 PDF：\n"
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + ".pdf"
		want += "  " + filepath.Join("out", "2020-pdf", name) + "\n"
		b, err := os.ReadFile(filepath.Join("out", "2020-pdf", name))
		if err != nil || string(b) != "%PDF-fake "+filepath.Base(f) {
			t.Errorf("%s: %q %v", name, b, err)
		}
	}
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant\n%s", stdout, want)
	}
	// LibreOffice got absolute paths, a private profile as an encoded
	// file URL, and the built-in font substitutions.
	args, _ := os.ReadFile(filepath.Join(log, "args"))
	lines := strings.Split(strings.TrimSpace(string(args)), "\n")
	if !strings.HasPrefix(lines[0], "-env:UserInstallation=file:///") || strings.Contains(lines[0], " ") {
		t.Errorf("profile argument %q", lines[0])
	}
	for _, l := range lines[len(lines)-3:] {
		if !filepath.IsAbs(l) {
			t.Errorf("input %q is not absolute", l)
		}
	}
	fonts, _ := os.ReadFile(filepath.Join(log, "fonts.conf"))
	builtIn, _ := os.ReadFile(filepath.Join(templatesAbs(t), "fonts.conf"))
	if len(fonts) == 0 || string(fonts) != string(builtIn) {
		t.Errorf("LibreOffice got fonts.conf %q", fonts)
	}
	if entries, _ := os.ReadDir("out"); len(entries) != 2 {
		t.Errorf("out/ holds %d entries, want 2020 and 2020-pdf", len(entries))
	}
}

func templatesAbs(t *testing.T) string {
	t.Helper()
	// The tests' working directory may have moved; templates is relative
	// to the package's folder.
	p, err := filepath.Abs(filepath.Join(pkgDir, templates))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// pkgDir is this package's folder, whatever t.Chdir did since.
var pkgDir, _ = os.Getwd()

func TestPDFShowsLibreOfficesReasonAndKeepsThePreviousPDFs(t *testing.T) {
	exe := fakeSoffice(t, t.TempDir(), `echo "convert $7 -> x.pdf using filter : writer_pdf_Export"
echo "Warning: failed to launch javaldx - java may not function correctly" >&2
echo "Error: source file could not be loaded" >&2
exit 0`)
	files := builtProject(t)
	prev := filepath.Join("out", "2020-pdf", "上次.pdf")
	os.MkdirAll(filepath.Dir(prev), 0o755)
	os.WriteFile(prev, []byte("上次的 PDF"), 0o644)

	code, _, stderr := run("pdf", "-soffice", exe, "2020")
	want := "错误：LibreOffice 没能把以下文件转成 PDF：\n  " + strings.Join(files, "\n  ") + "\n" +
		"LibreOffice 的说明：\n  Error: source file could not be loaded\n" +
		filepath.Join("out", "2020-pdf") + " 保持原样。请确认这些文件能用 LibreOffice 打开后重试；只用 WPS 的，可以用 WPS 打开文件，选“文件”→“输出为PDF”。\n"
	if code != ExitTool || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant\n%s", code, stderr, want)
	}
	entries, _ := os.ReadDir(filepath.Dir(prev))
	if b, _ := os.ReadFile(prev); len(entries) != 1 || string(b) != "上次的 PDF" {
		t.Errorf("out/2020-pdf changed: %v", entries)
	}
}

func TestPDFWithoutLibreOfficeSaysWhatToInstall(t *testing.T) {
	builtProject(t)
	defer func(f func() string) { findSoffice = f }(findSoffice)
	findSoffice = func() string { return "" }
	code, stdout, stderr := run("pdf", "2020")
	if code != ExitTool || stdout != "" || stderr != noLibreOffice(runtime.GOOS, filepath.Join("out", "2020")) {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	for goos, want := range map[string]string{
		"windows": "  从 https://zh-cn.libreoffice.org/download/ 下载 Windows 版安装（装在默认位置 C:\\Program Files\\LibreOffice 即可）。\n",
		"linux":   "  统信 UOS、银河麒麟：在应用商店中搜索 LibreOffice 安装；\n  Debian、Ubuntu：“sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk”\n",
		"darwin":  "拖进“应用程序”文件夹",
	} {
		msg := noLibreOffice(goos, `out\2019`)
		if !strings.HasPrefix(msg, "错误：未找到 LibreOffice，无法转换 PDF。请先安装 LibreOffice（免费）：\n") || !strings.Contains(msg, want) ||
			!strings.HasSuffix(msg, "只用 WPS 的，可以用 WPS 打开 out\\2019 中的文件，选“文件”→“输出为PDF”，逐个保存。\n") {
			t.Errorf("%s:\n%s", goos, msg)
		}
	}
	code, _, stderr = run("pdf", "-soffice", filepath.Join("无此", "soffice"), "2020")
	if code != ExitTool || stderr != "错误：找不到 -soffice 指定的程序 "+filepath.Join("无此", "soffice")+"。请写 LibreOffice 的“soffice”程序的完整路径，或去掉 -soffice 让程序自动查找。\n" {
		t.Errorf("-soffice missing: exit %d %q", code, stderr)
	}
}

func TestPDFOfAYearNotBuilt(t *testing.T) {
	exe := fakeSoffice(t, t.TempDir(), convertingBody)
	t.Chdir(newProject(t, false))
	code, _, stderr := run("pdf", "-soffice", exe, "2020")
	want := "错误：没有 " + filepath.Join("out", "2020") + "。请先生成该年度的文件：ipfund build 2020（或 make report YEAR=2020）。\n"
	if code != ExitIO || stderr != want {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat("out"); err == nil {
		t.Error("out/ was made")
	}
}
