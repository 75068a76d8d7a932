package cli

import (
	"regexp"
	"strings"
	"testing"
)

var (
	// What a message may hold in ASCII: what stands in quotes or a code
	// span (keys, values, {{actions}} and [sections] as written), file
	// names and paths, and the source line shown under a message (the
	// file's own text).
	quotedSpan  = regexp.MustCompile("“[^”]*”|\"[^\"]*\"|'[^']*'|`[^`]*`|「[^」]*」|\\{\\{[^}]*\\}\\}|\\[\\[?[^\\]\\s]*\\]\\]?")
	pathLike    = regexp.MustCompile(`[^\s：，。（）“”]*[/\\][^\s：，。（）“”]*|[\w.-]*\.(toml|docx|xlsx|xml|csv)\b`)
	sourceShown = regexp.MustCompile(`^\s+\d+ \| `)
	// The tool's own names a person types: commands, options, product
	// names.
	ownNames  = regexp.MustCompile(`\b(ipfund|make|build|check|allocate|years|diff|text|version|help|report|allocation|Word|Excel|WPS|LibreOffice|Windows|PowerShell|Debian|Ubuntu|UTF-8|GBK|ANSI|TOML|zip)\b|-(data|out|templates|soffice)\b`)
	asciiWord = regexp.MustCompile(`[a-z]{4,}`)
)

// englishWords returns the ASCII words of a program's output that are none
// of the above: English that would reach a person who reads Chinese.
func englishWords(out string) []string {
	var words []string
	for _, line := range strings.Split(out, "\n") {
		if sourceShown.MatchString(line) {
			continue
		}
		line = quotedSpan.ReplaceAllString(line, "")
		line = pathLike.ReplaceAllString(line, "")
		line = ownNames.ReplaceAllString(line, "")
		words = append(words, asciiWord.FindAllString(line, -1)...)
	}
	return words
}

func TestEnglishWordsAreFound(t *testing.T) {
	for out, want := range map[string]string{
		"错误：无法读取 out/2020/a.docx/b.docx：not a directory。":      "directory",
		"data/2020/fund.toml:3:1：错误：“spendng”不是。请核对 spending。": "spending",
		"错误：无法读取 a.docx：zip: not a valid zip file":             "valid",
		"    12 | spending = 1352.2 # 实际支出":                    "",
		"错误：“spending（实际支出）”的数字 1e-100000 共有 100000 位。":        "",
		"模板正文第3段：未知的函数“scroe”（段落文字：“得分{{scroe .R.Total}}分”）。":  "",
		"用法：ipfund text 文件（.docx、.xlsx 或文本文件）":                 "",
	} {
		got := strings.Join(englishWords(out), " ")
		if !strings.HasPrefix(got, want) || (want == "") != (got == "") {
			t.Errorf("%q: found %q, want %q", out, got, want)
		}
	}
}
