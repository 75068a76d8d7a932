package tomlx

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
	"ipfund/internal/suggest"
)

// Decode parses src, the contents of file, as TOML into v (a pointer to a
// struct) and returns every problem it finds: a syntax error (the parser
// stops at the first), or else each unknown key, each value of the wrong
// type and each missing required key.
//
// Struct fields are matched by the `toml:"name"` tag; `toml:"name,required"`
// marks a key that must be present, and a `zh:"…"` tag gives its Chinese
// name for messages. A field of type At receives the table's position.
func Decode(file string, src []byte, v any) diag.List {
	return DecodeCounted(file, src, v, nil)
}

// DecodeCounted is Decode with bounds on the length of some arrays of the
// file (by path without indexes, e.g. "city"), checked before the file is
// parsed.
func DecodeCounted(file string, src []byte, v any, counts map[string]Count) diag.List {
	tree, s, d0 := parse(file, src, counts)
	if d0 != nil {
		return diag.List{*d0}
	}
	d := &decoder{file: file, idx: s.idx}
	d.value(tree, reflect.ValueOf(v).Elem(), "", "")
	if d.omitted > 0 {
		d.diags.Add(diag.Omitted(file, d.omitted, diag.Error))
	}
	return d.diags
}

// parse checks the encoding and the limits of a data file, then parses it.
// The scanner's counting pass runs first: it refuses a file over
// limits.Items, Depth or KeyPath before the parser spends anything on it;
// the indexing pass runs on what the parser accepted.
func parse(file string, src []byte, counts map[string]Count) (map[string]any, *scanner, *diag.Diagnostic) {
	if d, bad := notUTF8(file, src); bad {
		return nil, nil, &d
	}
	text := string(src)
	if c := check(text, counts); c.over != nil {
		d := c.overDiag(file, counts)
		return nil, nil, &d
	}
	var tree map[string]any
	if err := decodeTOML(text, &tree); err != nil {
		d := syntaxError(file, src, err)
		return nil, nil, &d
	}
	return tree, scan(text), nil
}

// decodeTOML is toml.Decode, with the parser's own internal errors (it
// panics with a string on what it calls a bug) turned into an error.
func decodeTOML(text string, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errParserBug
		}
	}()
	_, err = toml.Decode(text, v)
	return err
}

var errParserBug = errors.New("tomlx: the TOML parser failed")

// overDiag says which limit the file exceeded, where.
func (s *scanner) overDiag(file string, counts map[string]Count) diag.Diagnostic {
	pos := diag.Pos{File: file, Line: s.over.line, Col: s.over.col}
	switch s.over.kind {
	case tooManyElems:
		c := counts[s.over.array]
		return diag.Diagnostic{Pos: pos, Msg: fmt.Sprintf(c.Msg, c.Max), Hint: c.Hint}
	case tooManyItems:
		return diag.Diagnostic{Pos: pos,
			Msg:  fmt.Sprintf("文件中的数据项过多：到这里已超过 %d 项（每个键、每个数组元素、每个小节各算一项），超过数据文件的上限。", limits.Items),
			Hint: "一个年度的数据只有几百项；请确认没有误把其它数据（如导出的整张表格）粘贴进来。"}
	case tooDeep:
		return diag.Diagnostic{Pos: pos,
			Msg:  fmt.Sprintf("这里的嵌套超过 %d 层（方括号、大括号或带句点的键一层套一层），超过数据文件的上限。", limits.Depth),
			Hint: "数据最多只需嵌套几层；请检查是否多写了“[”或“{”，或缺少对应的“]”“}”。"}
	}
	return diag.Diagnostic{Pos: pos,
		Msg:  fmt.Sprintf("这里的键名（连同所在小节的名称）超过 %d 个字节，超过数据文件的上限。", limits.KeyPath),
		Hint: "请检查键名或小节名是否写错（例如缺少等号，使整行被当作键名）。"}
}

type decoder struct {
	file    string
	idx     index
	diags   diag.List
	omitted int // problems beyond limits.Messages, counted only
	// outer holds the keys of the enclosing tables, innermost last: TOML
	// files every key after [[a.b]] into that table, so a key meant for [a]
	// but written below [[a.b]] lands one level too deep. Knowing the outer
	// keys turns that puzzle into a precise hint.
	outer []outerTable
}

type outerTable struct {
	path  string
	names []string
}

var (
	atType      = reflect.TypeFor[At]()
	decimalType = reflect.TypeFor[decimal.Decimal]()
	scalarType  = reflect.TypeFor[Scalar]()
	dateType    = reflect.TypeFor[Date]()
)

func (d *decoder) at(path string) At { return At{file: d.file, path: path, idx: d.idx} }

// room reports whether another problem may be listed; past
// limits.Messages they are only counted.
func (d *decoder) room() bool {
	if len(d.diags) < limits.Messages {
		return true
	}
	d.omitted++
	return false
}

func (d *decoder) errorf(path, format string, args ...any) {
	if d.room() {
		d.diags.Errorf(d.at(path).Pos(), format, args...)
	}
}

// text reports whether a string value holds no invisible control
// character (see FindControl), and says where one is.
func (d *decoder) text(s, path, name string) bool {
	r, before, bad := FindControl(s)
	if !bad {
		return true
	}
	if d.room() {
		d.diags.Add(diag.Diagnostic{
			Pos:  d.at(path).Pos(),
			Msg:  fmt.Sprintf("“%s”中有看不见的控制字符 U+%04X（在第%d个字之后），报告和表格中都无法显示。", name, r, before),
			Hint: fmt.Sprintf("请删去它（文件中写作 \\u%04X 之类，或是从别处复制来的文字带进来的）。", r),
		})
	}
	return false
}

// value stores val into rv; path locates it, name is how messages call it.
func (d *decoder) value(val any, rv reflect.Value, path, name string) {
	switch rv.Type() {
	case decimalType:
		if n, ok := d.number(val, path, name); ok {
			rv.Set(reflect.ValueOf(n))
		}
		return
	case scalarType:
		switch x := val.(type) {
		case string:
			if d.text(x, path, name) {
				rv.Set(reflect.ValueOf(Scalar{Text: x}))
			}
		case int64, float64:
			if n, ok := d.number(val, path, name); ok {
				rv.Set(reflect.ValueOf(Scalar{Text: n.String(), Num: n, IsNum: true}))
			}
		case time.Time:
			if x.Location().String() != "date-local" {
				d.mismatch(val, path, name, "数字、文字或日期（如 2019-12-31）")
				return
			}
			dt := Date{x.Year(), int(x.Month()), x.Day()}
			rv.Set(reflect.ValueOf(Scalar{Text: dt.String(), Date: dt, IsDate: true}))
		default:
			d.mismatch(val, path, name, "数字或文字")
		}
		return
	case dateType:
		t, ok := val.(time.Time)
		if !ok || t.Location().String() != "date-local" {
			d.mismatch(val, path, name, "日期（如 2019-01-01，不加引号）")
			return
		}
		rv.Set(reflect.ValueOf(Date{t.Year(), int(t.Month()), t.Day()}))
		return
	}
	switch rv.Kind() {
	case reflect.Pointer:
		p := reflect.New(rv.Type().Elem())
		d.value(val, p.Elem(), path, name)
		rv.Set(p)
	case reflect.Struct:
		m, ok := val.(map[string]any)
		if !ok {
			d.mismatch(val, path, name, "表（[小节] 或 {键 = 值}）")
			return
		}
		d.structure(m, rv, path)
	case reflect.Slice:
		elems, ok := toSlice(val)
		if !ok {
			d.mismatch(val, path, name, "数组（[…]）")
			return
		}
		s := reflect.MakeSlice(rv.Type(), len(elems), len(elems))
		for i, e := range elems {
			d.value(e, s.Index(i), joinIndex(path, i), fmt.Sprintf("%s的第%d项", name, i+1))
		}
		rv.Set(s)
	case reflect.Map:
		m, ok := val.(map[string]any)
		if !ok {
			d.mismatch(val, path, name, "表（{键 = 值}）")
			return
		}
		out := reflect.MakeMapWithSize(rv.Type(), len(m))
		for _, k := range d.orderedKeys(m, path) {
			ev := reflect.New(rv.Type().Elem()).Elem()
			d.value(m[k], ev, joinKey(path, k), k)
			out.SetMapIndex(reflect.ValueOf(k), ev)
		}
		rv.Set(out)
	case reflect.String:
		s, ok := val.(string)
		if !ok {
			d.mismatch(val, path, name, "文字（用英文双引号括起来）")
			return
		}
		if d.text(s, path, name) {
			rv.SetString(s)
		}
	case reflect.Int, reflect.Int64:
		n, ok := val.(int64)
		if !ok {
			d.mismatch(val, path, name, "整数")
			return
		}
		rv.SetInt(n)
	case reflect.Interface:
		rv.Set(reflect.ValueOf(val))
	case reflect.Bool:
		b, ok := val.(bool)
		if !ok {
			d.mismatch(val, path, name, "“true”或“false”（不加引号）")
			return
		}
		rv.SetBool(b)
	default:
		panic("tomlx: unsupported field type " + rv.Type().String())
	}
}

// structure fills a struct from a table, reporting unknown and missing keys.
func (d *decoder) structure(m map[string]any, rv reflect.Value, path string) {
	t := rv.Type()
	known := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == atType {
			rv.Field(i).Set(reflect.ValueOf(d.at(path)))
			continue
		}
		key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if key == "" || key == "-" || !f.IsExported() {
			continue
		}
		known[key] = i
		names = append(names, key)
	}
	for _, k := range d.orderedKeys(m, path) {
		if _, ok := known[k]; !ok {
			d.unknown(k, names, path, childOwner(t, k))
		}
	}
	d.outer = append(d.outer, outerTable{path, names})
	defer func() { d.outer = d.outer[:len(d.outer)-1] }()
	for _, key := range names {
		i := known[key]
		f := t.Field(i)
		label := key
		if zh := f.Tag.Get("zh"); zh != "" {
			label = fmt.Sprintf("%s（%s）", key, zh)
		}
		val, ok := m[key]
		if !ok {
			if strings.Contains(f.Tag.Get("toml"), ",required") && d.room() {
				where := "这一节"
				if path != "" {
					where = "“" + path + "”"
				}
				d.diags.Add(diag.Diagnostic{Pos: d.at(path).Pos(), Msg: fmt.Sprintf("%s缺少必填项“%s”。", where, label), Hint: "请补上这一项。"})
			}
			continue
		}
		d.value(val, rv.Field(i), joinKey(path, key), label)
	}
}

// orderedKeys returns the keys of m in the order they stand in the file, so
// that messages come out in reading order.
func (d *decoder) orderedKeys(m map[string]any, path string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	line := func(k string) int {
		if e, ok := d.idx[joinKey(path, k)]; ok {
			return e.line
		}
		return math.MaxInt
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := line(keys[i]), line(keys[j])
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// childOwner names the sub-tables of struct type t whose fields include
// key: a key that belongs one level down usually means its [section]
// header was deleted or mistyped.
func childOwner(t reflect.Type, key string) string {
	var owners []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() != reflect.Struct || ft == decimalType || ft == scalarType || ft == dateType {
			continue
		}
		for j := 0; j < ft.NumField(); j++ {
			if n, _, _ := strings.Cut(ft.Field(j).Tag.Get("toml"), ","); n == key {
				if f.Type.Kind() == reflect.Slice {
					owners = append(owners, "[["+name+"]]")
				} else {
					owners = append(owners, "["+name+"]")
				}
				break
			}
		}
	}
	return strings.Join(owners, "、")
}

func (d *decoder) unknown(key string, names []string, table, owner string) {
	if !d.room() {
		return
	}
	path := joinKey(table, key)
	for i := len(d.outer) - 1; i >= 0; i-- {
		if o := d.outer[i]; slices.Contains(o.names, key) {
			owner := "文件开头（任何 [小节] 之前）"
			if o.path != "" {
				owner = "[" + o.path + "]"
			}
			d.diags.Add(diag.Diagnostic{
				Pos:  d.at(path).Pos(),
				Msg:  fmt.Sprintf("“%s”写在了 [[%s]] 这一节里，但它属于%s。", key, stripIndexes(table), owner),
				Hint: fmt.Sprintf("TOML 把写在 [[%s]] 之后的键都归入该节；请把这一行移到%s的其它键旁边、所有 [[…]] 小节之前。", stripIndexes(table), owner),
			})
			return
		}
	}
	hint := "请检查拼写"
	if owner != "" {
		hint = "“" + key + "”是 " + owner + " 小节里的项：是不是删掉或写错了小节标题？否则请检查拼写"
	}
	if best := suggest.Closest(key, names); best != "" {
		hint += "（是不是“" + best + "”？）"
	}
	hint += "；这里可以写的键有：“" + strings.Join(names, "”、“") + "”。"
	d.diags.Add(diag.Diagnostic{
		Pos:  d.at(path).Pos(),
		Msg:  fmt.Sprintf("未知的键“%s”：程序不认识这个名字，写在这里的数据不会被使用。", key),
		Hint: hint,
	})
}

func (d *decoder) mismatch(val any, path, name, want string) {
	if !d.room() {
		return
	}
	d.diags.Add(diag.Diagnostic{
		Pos:  d.at(path).Pos(),
		Msg:  fmt.Sprintf("“%s”应为%s，这里写的是%s。", name, want, describe(val)),
		Hint: "请按说明改正。",
	})
}

// number turns a TOML number into an exact decimal, from its literal text,
// and refuses one with more digits than a document can show exactly.
func (d *decoder) number(val any, path, name string) (decimal.Decimal, bool) {
	var n decimal.Decimal
	switch x := val.(type) {
	case int64:
		n = decimal.NewFromInt(x)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			d.errorf(path, "“%s”不是有限的数字。", name)
			return decimal.Decimal{}, false
		}
		raw := strings.TrimPrefix(strings.ReplaceAll(d.idx[path].raw, "_", ""), "+")
		// Count the digits on the text first: 1e-100000 is one
		// character to write and a hundred thousand digits to show.
		if digits, ok := literalDigits(raw); ok && digits > limits.Digits {
			return d.tooManyDigits(path, name, val, digits)
		}
		var err error
		if n, err = decimal.NewFromString(raw); err != nil {
			// The scanner found no literal (should not happen): the
			// shortest representation of the float is what was most
			// likely written.
			n, _ = decimal.NewFromString(strconv.FormatFloat(x, 'f', -1, 64))
		}
	case string:
		if !d.room() {
			return decimal.Decimal{}, false
		}
		d.diags.Add(diag.Diagnostic{
			Pos:  d.at(path).Pos(),
			Msg:  fmt.Sprintf("“%s”应为数字，这里写的是带引号的文字“%s”。", name, x),
			Hint: "数字不要加引号，也不要写单位或千分位逗号，例如 1352.2。",
		})
		return decimal.Decimal{}, false
	default:
		d.mismatch(val, path, name, "数字")
		return decimal.Decimal{}, false
	}
	if digits := Digits(n); digits > limits.Digits {
		return d.tooManyDigits(path, name, val, digits)
	}
	return n, true
}

func (d *decoder) tooManyDigits(path, name string, val any, digits int) (decimal.Decimal, bool) {
	if d.room() {
		d.diags.Add(diag.Diagnostic{
			Pos: d.at(path).Pos(),
			Msg: fmt.Sprintf("“%s”的数字 %s 共有 %d 位（整数部分和小数部分合计），超过 %d 位：Excel 评分表只能精确保存 %d 位，多出的位会变成别的数字。",
				name, shorten(d.literal(path, val)), digits, limits.Digits, limits.Digits),
			Hint: "请核对这个数（金额一般到分即可）；如确需更多位数，请改用更大的单位或更少的小数位。",
		})
	}
	return decimal.Decimal{}, false
}

// Digits counts the digits of n as written without an exponent, integer
// part and decimals together, trailing zeros of the decimals not counted:
// 1352.20 has 5, 0.001 has 3, 1e20 has 21. It reads the coefficient and the
// exponent only, so 1e-100000 costs nothing to count.
func Digits(n decimal.Decimal) int {
	c := n.Coefficient()
	if c.Sign() == 0 {
		return 1
	}
	return digitCount(strings.TrimPrefix(c.String(), "-"), int(n.Exponent()))
}

// digitCount is Digits of the number cs × 10^exp, cs its digits without
// sign or leading zeros.
func digitCount(cs string, exp int) int {
	for exp < 0 && len(cs) > 1 && cs[len(cs)-1] == '0' {
		cs, exp = cs[:len(cs)-1], exp+1
	}
	if exp >= 0 {
		return len(cs) + exp
	}
	return max(len(cs)+exp, 0) - exp
}

// literalDigits is Digits of a TOML float literal (1352.2, 1e-5, -0.5E+3),
// read from its text; ok is false for anything else (inf, nan).
func literalDigits(s string) (int, bool) {
	s = strings.TrimLeft(s, "+-")
	mant, expText, hasExp := strings.Cut(strings.ToLower(s), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" || strings.Trim(intPart+frac, "0123456789") != "" {
		return 0, false
	}
	exp := 0
	if hasExp {
		e, err := strconv.Atoi(expText)
		if err != nil {
			// Too long for an int: more digits than any limit.
			return math.MaxInt32, true
		}
		exp = max(min(e, math.MaxInt32), math.MinInt32)
	}
	cs := strings.TrimLeft(intPart+frac, "0")
	if cs == "" {
		return 1, true
	}
	return digitCount(cs, exp-len(frac)), true
}

// literal is the number as the file writes it.
func (d *decoder) literal(path string, val any) string {
	if raw := d.idx[path].raw; raw != "" {
		return raw
	}
	return fmt.Sprint(val)
}

// shorten cuts a long literal for a message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:20]) + "……" + string(r[len(r)-10:])
	}
	return s
}

// stripIndexes turns "report.stage[2]" into "report.stage" for messages.
func stripIndexes(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func toSlice(val any) ([]any, bool) {
	switch x := val.(type) {
	case []any:
		return x, true
	case []map[string]any:
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = m
		}
		return out, true
	}
	return nil, false
}

// describe names the kind of a TOML value in Chinese, quoting short ones.
func describe(val any) string {
	switch x := val.(type) {
	case string:
		return fmt.Sprintf("文字“%s”", x)
	case int64, float64:
		return fmt.Sprintf("数字 %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case time.Time:
		return "日期或时间"
	case map[string]any:
		return "一个表"
	case []any, []map[string]any:
		return "一个数组"
	}
	return "这个值"
}

// notUTF8 reports a file saved in another encoding (Notepad's "ANSI", i.e.
// GBK on a Chinese Windows), at the line of its first bad byte.
func notUTF8(file string, src []byte) (diag.Diagnostic, bool) {
	if utf8.Valid(src) {
		return diag.Diagnostic{}, false
	}
	i := 0
	for i < len(src) {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	line := bytes.Count(src[:i], []byte("\n")) + 1
	return diag.Diagnostic{
		Pos:  diag.Pos{File: file, Line: line},
		Msg:  "文件不是 UTF-8 编码（可能是用记事本等另存为了“ANSI”或 GBK 编码），程序无法读取其中的汉字。",
		Hint: "请用 UTF-8 编码重新保存这个文件（记事本：另存为 → 编码选“UTF-8”）。",
	}, true
}

// syntaxError turns the parser's error into a diagnostic in Chinese.
func syntaxError(file string, src []byte, err error) diag.Diagnostic {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return diag.Diagnostic{Pos: diag.Pos{File: file}, Msg: "TOML 格式错误：文件的写法无法识别。",
			Hint: "请对照其它年度的同名文件检查这个文件。"}
	}
	pos := diag.Pos{File: file, Line: pe.Position.Line}
	// The parser's byte offset is reliable where its column is not; count
	// the column in characters, as an editor shows it.
	start := pe.Position.Start
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		start += len("\ufeff") // the parser's offsets do not count the mark
	}
	if start >= 0 && start <= len(src) {
		lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
		pos.Line = bytes.Count(src[:lineStart], []byte("\n")) + 1
		pos.Col = utf8.RuneCount(src[lineStart:start]) + 1
	}
	msg := "TOML 格式错误：" + translate(pe.Message) + "。"
	if hint := punctuationHint(pe.Message); hint != "" {
		msg += hint
	}
	return diag.Diagnostic{
		Pos:  pos,
		Msg:  msg,
		Hint: "请对照上下行的写法改正（文字用英文双引号括起来，每行一个“键 = 值”，数组用 [ ] 括起来并以逗号分隔）。",
	}
}
