package tomlx

import (
	"regexp"
	"strings"
)

// The parser's messages are English and technical; every one it can give
// (BurntSushi/toml v1.6: lex.go, parse.go, error.go) is translated here.
// What is not matched becomes a general sentence: English never reaches
// the user. In the Chinese text, {1}, {2} stand for the pattern's groups;
// a group that is what the parser "got" is named by got().
var translations = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^Key '(.*)' has already been defined\.$`), "键“{1}”重复定义了（同一节里同一个名字只能写一次）"},
	{regexp.MustCompile(`^Key '(.*)' was already created as a hash\.$`), "“{1}”已经作为一节定义过，不能再定义一次"},
	{regexp.MustCompile(`^Key '(.*)' was already created and cannot be used as an array\.$`), "“{1}”已经定义过，不能再作为 [[…]] 数组使用"},
	{regexp.MustCompile(`^(.*) is not a table$`), "前面已把这个名字定义为一个值，不能再在它下面写小节或键"},
	{regexp.MustCompile(`^expected '\.' or '=', but got (.*) instead$`), "键名后面应是等号“=”，却遇到了{got1}"},
	{regexp.MustCompile(`^expected value but found (.*) instead$`), "等号后面应是一个值（数字、带引号的文字、“true”或“false”、[数组] 等），却遇到了{got1}"},
	{regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\), but got (.*)$`), "数组里各项之间应以逗号分隔、以“]”结束，却遇到了{got1}"},
	{regexp.MustCompile(`^expected a comma or an inline table terminator '}', but got (.*) instead$`), "{…} 里各项之间应以逗号分隔、以“}”结束，却遇到了{got1}"},
	{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.*) instead$`), "一行只能写一个“键 = 值”，值后面却还有{got1}"},
	{regexp.MustCompile(`^unexpected EOF; expected value$`), "文件在等号后面结束了，缺少值"},
	{regexp.MustCompile(`^unexpected EOF; expected key separator '='$`), "文件在键名后面结束了，缺少“= 值”"},
	{regexp.MustCompile(`^unexpected EOF; expected (.*)$`), "文件意外结束，缺少{got1}（可能少了右引号）"},
	{regexp.MustCompile(`^unexpected EOF$`), "文件意外结束（可能少了引号、“]”或“}”）"},
	{regexp.MustCompile(`^invalid float: '(.*)'$`), "“{1}”不是有效的数字"},
	{regexp.MustCompile(`^Invalid (?:integer|float) "(.*)": underscores must be surrounded by digits$`), "“{1}”不是有效的数字（数字中的下划线只能写在两个数字之间，最好不写）"},
	{regexp.MustCompile(`^Invalid (?:integer|float) "(.*)": cannot have leading zeroes$`), "“{1}”不是有效的数字（整数部分不能以 0 开头）"},
	{regexp.MustCompile(`^Invalid float "(.*)": '\.' must be followed by one or more digits$`), "“{1}”不是有效的数字（小数点后要写数字）"},
	{regexp.MustCompile(`^Invalid float value: "(.*)"$`), "“{1}”不是有效的数字"},
	{regexp.MustCompile(`^unexpected '='$`), "多余的等号"},
	{regexp.MustCompile(`^unexpected '=': key name appears blank$`), "等号前缺少键名"},
	{regexp.MustCompile(`^unexpected '\.': keys cannot start with a '\.'$`), "键名不能以句点开头"},
	{regexp.MustCompile(`^unexpected '\.'$`), "多余的句点"},
	{regexp.MustCompile(`^expected '\.' or '\]' to end table name, but got (.*) instead$`), "小节名 [..] 没有正确结束，遇到了{got1}"},
	{regexp.MustCompile(`^expected end of table array name delimiter '\]', but got (.*) instead$`), "小节名 [[..]] 应以“]]”结束，却遇到了{got1}"},
	{regexp.MustCompile(`^unexpected (end of table name|table separator) \(table names cannot be empty\)$`), "小节名不能为空"},
	{regexp.MustCompile(`^unexpected comma$`), "多余的逗号"},
	{regexp.MustCompile(`^strings cannot contain newlines$`), "文字没有在本行结束（缺少右引号？多行文字请用三个引号 \"\"\" 括起来）"},
	{regexp.MustCompile(`^newlines not allowed within inline tables$`), "{…} 里不能换行（请写在一行之内，或改用 [小节] 的写法）"},
	{regexp.MustCompile(`^files cannot contain NULL bytes.*`), "文件含有空字节，可能不是 UTF-8 编码；请用 UTF-8 保存"},
	{regexp.MustCompile(`^TOML files cannot contain control characters: '0x(..)'$`), "文件中有看不见的控制字符（编码 0x{1}），请删除它（常见于从别处复制来的文字）"},
	{regexp.MustCompile(`^invalid UTF-8 byte: 0x(..)$`), "文件不是 UTF-8 编码，请用 UTF-8 重新保存"},
	{regexp.MustCompile(`^invalid escape(?: in string|:) '\\(.*)'$`), "文字中的反斜杠转义“\\{1}”无效（要写反斜杠本身请写两个：\\\\，或改用单引号括起这段文字）"},
	{regexp.MustCompile(`^expected (?:two|four|eight) hexadecimal digits after '\\(.)', but got (.*) instead$`), "文字中的“\\{1}”后面应是十六进制数字，却遇到了{got2}"},
	{regexp.MustCompile(`^Escaped character '\\u(.*)' is not valid UTF-8\.$`), "文字中的“\\u{1}”不是有效的字符（这个编码不代表任何汉字或字母）"},
	{regexp.MustCompile(`^unexpected ('""""""'|"''''''")$`), "多行文字结尾的引号过多"},
	{regexp.MustCompile(`^invalid datetime: "(.*)"$`), "“{1}”不是有效的日期或时间（日期请写成 2019-12-31）"},
	{regexp.MustCompile(`^(.*) is out of range for .*$`), "数字 {1} 太大，超出了能够表示的范围"},
	{regexp.MustCompile(`^(.*) is out of the safe .* range$`), "数字 {1} 超出了能够精确表示的范围"},
	{regexp.MustCompile(`^floats must start with a digit, not '\.'$`), "小数点前要写数字（如 0.5，不要写成 .5）"},
	{regexp.MustCompile(`^expected a digit but got (.*)$`), "这里应是数字，却遇到了{got1}"},
	{regexp.MustCompile(`^cannot use sign with non-decimal numbers: '(.*)'$`), "十六进制、八进制或二进制数字前不能写正负号：“{1}”"},
	{regexp.MustCompile(`^not an? (?:binary|octal|hexadecimal) number: '(.*)'$`), "“{1}”不是有效的数字"},
	{regexp.MustCompile(`^invalid duration: "(.*)"$`), "“{1}”不是有效的时长"},
}

// translate turns one parser message into Chinese.
func translate(msg string) string {
	msg = strings.TrimSpace(msg)
	for _, t := range translations {
		m := t.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		out := t.zh
		for i := len(m) - 1; i >= 1; i-- {
			n := string(rune('0' + i))
			out = strings.ReplaceAll(out, "{got"+n+"}", got(m[i]))
			out = strings.ReplaceAll(out, "{"+n+"}", m[i])
		}
		return out
	}
	return "这里的写法无法识别"
}

// got names what the parser found where it expected something else: a
// character as the parser quotes it ('x', '\n'), or the end of the file.
func got(s string) string {
	switch s {
	case "end of file", "EOF", `'\x00'`:
		return "文件结尾"
	case `'\n'`, `"\n"`:
		return "换行"
	case `'\r'`:
		return "回车符"
	case `'\t'`:
		return "制表符"
	case `' '`:
		return "空格"
	}
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return "“" + s + "”"
}

// fullWidth maps the Chinese punctuation an input method types where TOML
// wants ASCII to what to type instead.
var fullWidth = map[string]string{
	"，": "英文逗号 ,", "“": "英文双引号 \"", "”": "英文双引号 \"", "‘": "英文单引号 '", "’": "英文单引号 '",
	"：": "等号 =", "＝": "英文等号 =", "【": "英文方括号 [", "】": "英文方括号 ]", "［": "英文方括号 [", "］": "英文方括号 ]",
	"｛": "英文大括号 {", "｝": "英文大括号 }", "（": "英文圆括号", "）": "英文圆括号", "。": "英文句点 .", "　": "半角空格",
}

// punctuationHint explains a parse error caused by Chinese punctuation or a
// thousands separator, which the parser reports as an odd character.
func punctuationHint(msg string) string {
	for zh, ascii := range fullWidth {
		if strings.Contains(msg, "'"+zh+"'") || strings.Contains(msg, `"`+zh+`"`) {
			return "这里的 " + zh + " 是中文（全角）标点，TOML 要求" + ascii + "（引号里的文字内容可以用中文标点）。"
		}
	}
	if strings.Contains(msg, "got ','") || strings.Contains(msg, "but got ',' instead") {
		return "如果这是数字中的千分位逗号，请去掉（写成 1352.3，不要写 1,352.3）。"
	}
	return ""
}
