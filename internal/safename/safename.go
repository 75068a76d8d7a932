// Package safename decides whether a value from the data may become part of
// a file name or of a key in a results file. Such values are data, and data
// arrives by mail or git pull: a region written as "../../tmp/x" must never
// steer where a document is written, and the archive must open on Windows
// too, so the rules are Windows' (the stricter of the two): none of
// \ / : * ? " < > |, no control characters, no leading or trailing space or
// dot, not a reserved device name (CON, NUL, COM1, …), not empty, not too
// long.
//
// The package only judges and explains (in Chinese, for the person fixing
// the data file); loaders call it where a value is read, and the writer
// calls it again on every file name as a second line of defence.
package safename

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Forbidden lists the characters Windows does not allow in a file name
// (besides control characters).
const Forbidden = `\/:*?"<>|`

// Length limits, in characters (runes). The output file names join the
// region and the fund's name with fixed words; with these limits the longest
// one stays under 80 characters (240 bytes of UTF-8), below every file
// system's 255.
const (
	MaxRegion   = 20 // 地区
	MaxFundName = 40 // 专项资金名称
	MaxName     = 60 // every other name that becomes a key
)

// MaxFileNameBytes is the longest file name (in UTF-8 bytes) the writer
// accepts: the limit of ext4, APFS and NTFS alike.
const MaxFileNameBytes = 255

// reserved are the device names Windows refuses as a file name, with or
// without an extension.
var reserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true, "CLOCK$": true}

func init() {
	for _, p := range []string{"COM", "LPT"} {
		for _, d := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"} {
			reserved[p+d] = true
		}
	}
}

// Problems lists, in Chinese, what makes s unusable as a name of at most
// max characters; nil when s is fine.
func Problems(s string, max int) []string {
	var out []string
	if !utf8.ValidString(s) {
		return []string{"不是有效的 UTF-8 文字"}
	}
	switch {
	case s == "":
		return []string{"是空的"}
	case strings.TrimFunc(s, unicode.IsSpace) == "":
		return []string{"只有空格"}
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		out = append(out, "开头有空格")
	}
	if r, _ := utf8.DecodeLastRuneInString(s); unicode.IsSpace(r) {
		out = append(out, "结尾有空格")
	}
	seen := map[rune]bool{}
	var bad []string
	for _, r := range s {
		if seen[r] {
			continue
		}
		switch {
		case strings.ContainsRune(Forbidden, r):
			seen[r] = true
			bad = append(bad, "“"+string(r)+"”")
		case invisible(r):
			seen[r] = true
			bad = append(bad, fmt.Sprintf("控制字符 U+%04X", r))
		}
	}
	if len(bad) > 0 {
		out = append(out, "含有"+strings.Join(bad, "、"))
	}
	switch {
	case strings.HasPrefix(s, "."):
		out = append(out, "以“.”开头")
	case strings.HasSuffix(s, "."):
		out = append(out, "以“.”结尾")
	case strings.Contains(s, ".."):
		out = append(out, "含有“..”")
	}
	if device, ok := Reserved(s); ok {
		out = append(out, "是 Windows 保留的设备名 "+device)
	}
	if n := utf8.RuneCountInString(s); n > max {
		out = append(out, fmt.Sprintf("过长（%d 个字，最多 %d 个字）", n, max))
	}
	return out
}

// OK reports whether s is usable as a name of at most max characters.
func OK(s string, max int) bool { return len(Problems(s, max)) == 0 }

// Reserved reports whether s is a Windows device name (CON, NUL, COM1, …),
// alone or followed by an extension, and returns that name.
func Reserved(s string) (string, bool) {
	stem, _, _ := strings.Cut(s, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	return stem, reserved[stem]
}

// invisible reports characters that have no place in a name: control and
// format characters (a newline, U+0001, a zero-width space, a bidi
// override) and the line and paragraph separators.
func invisible(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.In(r, unicode.Zl, unicode.Zp) ||
		r == utf8.RuneError || r&0xFFFE == 0xFFFE
}

// replacements are the full-width forms Chinese text uses anyway, allowed
// in Windows file names.
var replacements = strings.NewReplacer(`:`, "：", `*`, "×", `?`, "？", `"`, "", `<`, "＜", `>`, "＞", `|`, "｜")

// Suggest returns a usable name close to s: the parts of a path joined by
// "、", other forbidden characters replaced by their full-width forms,
// control characters dropped, spaces and dots trimmed, cut to max
// characters. "" when nothing usable is left.
func Suggest(s string, max int) string {
	s = strings.ToValidUTF8(s, "")
	var parts []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '\\' }) {
		if p = strings.TrimSpace(p); p != "" && strings.Trim(p, ".") != "" {
			parts = append(parts, p)
		}
	}
	s = replacements.Replace(strings.Join(parts, "、"))
	s = strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
	for strings.Contains(s, "..") {
		s = strings.ReplaceAll(s, "..", ".")
	}
	trim := func(s string) string {
		return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '.' })
	}
	s = trim(s)
	if r := []rune(s); len(r) > max {
		s = trim(string(r[:max]))
	}
	if !OK(s, max) {
		return ""
	}
	return s
}

// Show renders a value for a message: control characters as U+XXXX, and
// anything beyond 30 characters cut with the length said.
func Show(s string) string {
	s = strings.ToValidUTF8(s, "�")
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == 30 {
			fmt.Fprintf(&b, "……（共 %d 个字）", utf8.RuneCountInString(s))
			break
		}
		if invisible(r) && r != utf8.RuneError {
			fmt.Fprintf(&b, "<U+%04X>", r)
		} else {
			b.WriteRune(r)
		}
		n++
	}
	return b.String()
}

// Explain is the whole message about a bad value: what it is, what is wrong
// with it and what to write instead.
//
//	地区“a/b”不能用作名称：含有“/”。……请改为“a、b”。
func Explain(what, s string, max int) string {
	probs := Problems(s, max)
	if len(probs) == 0 {
		return ""
	}
	msg := fmt.Sprintf("%s“%s”不能用作名称：%s。这个名称会成为输出文件名或计算结果中的名称，须在 Windows 上也能用作文件名："+
		`不能含有 \ / : * ? " < > | 和控制字符（换行等），开头和结尾不能是空格或“.”，不超过 %d 个字。`, what, Show(s), strings.Join(probs, "，"), max)
	if sug := Suggest(s, max); sug != "" && sug != s {
		return msg + "请改为“" + sug + "”之类的写法。"
	}
	if strings.TrimFunc(s, unicode.IsSpace) == "" {
		return msg + "请填写名称。"
	}
	return msg + "请换一个名称。"
}
