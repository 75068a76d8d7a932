package tomlx

import (
	"regexp"
	"strings"
)

// The parser's messages are English and technical; staff get the common ones
// in Chinese, with the original kept for the rest.
var translations = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^Key '(.*)' has already been defined\.$`), "键“$1”重复定义了（同一节里同一个名字只能写一次）"},
	{regexp.MustCompile(`^Key '(.*)' was already created as a hash\.$`), "“$1”已经作为一节定义过，不能再定义一次"},
	{regexp.MustCompile(`^Key '(.*)' was already created and cannot be used as an array\.$`), "“$1”已经定义过，不能再作为 [[…]] 数组使用"},
	{regexp.MustCompile(`^expected '\.' or '=', but got (.*) instead$`), "键名后面应是等号“=”，却遇到了 $1"},
	{regexp.MustCompile(`^expected value but found (.*) instead$`), "等号后面应是一个值（数字、带引号的文字、true/false、[数组] 等），却遇到了 $1"},
	{regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\), but got (.*)$`), "数组里各项之间应以逗号分隔、以“]”结束，却遇到了 $1"},
	{regexp.MustCompile(`^expected a comma or an inline table terminator '}', but got (.*) instead$`), "{…} 里各项之间应以逗号分隔、以“}”结束，却遇到了 $1"},
	{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.*) instead$`), "一行只能写一个“键 = 值”，值后面却还有 $1"},
	{regexp.MustCompile(`^unexpected EOF; expected value$`), "文件在等号后面结束了，缺少值"},
	{regexp.MustCompile(`^unexpected EOF; expected key separator '='$`), "文件在键名后面结束了，缺少“= 值”"},
	{regexp.MustCompile(`^unexpected EOF; expected (.*)$`), "文件意外结束，缺少 $1（可能少了右引号）"},
	{regexp.MustCompile(`^unexpected EOF$`), "文件意外结束（可能少了引号、“]”或“}”）"},
	{regexp.MustCompile(`^invalid float: '(.*)'$`), "“$1”不是有效的数字"},
	{regexp.MustCompile(`^unexpected '='$`), "多余的等号"},
	{regexp.MustCompile(`^unexpected '=': key name appears blank$`), "等号前缺少键名"},
	{regexp.MustCompile(`^expected '\.' or '\]' to end table name, but got (.*) instead$`), "小节名 [..] 没有正确结束，遇到了 $1"},
	{regexp.MustCompile(`^unexpected comma$`), "多余的逗号"},
	{regexp.MustCompile(`^strings cannot contain newlines$`), "文字没有在本行结束（缺少右引号？多行文字请用三个引号 \"\"\" 括起来）"},
	{regexp.MustCompile(`^files cannot contain NULL bytes.*`), "文件含有空字节，可能不是 UTF-8 编码；请用 UTF-8 保存"},
	{regexp.MustCompile(`^invalid escape character (.*)`), "文字中的反斜杠转义 $1 无效（要写反斜杠本身请写成 \\\\）"},
	{regexp.MustCompile(`^invalid bare key character: (.*)$`), "键名含有不允许的字符 $1（键名只能用英文字母、数字、下划线和连字符，其它请加引号）"},
}

func translate(msg string) string {
	for _, t := range translations {
		if t.re.MatchString(msg) {
			return t.re.ReplaceAllString(msg, t.zh)
		}
	}
	return "（" + strings.TrimSpace(msg) + "）"
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
