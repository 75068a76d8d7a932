package docx

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// attachments collects, during one Execute, the parts that charts bring
// into the package, and the relationships and content types that make
// them part of it. Charts are numbered in the order they are placed, so
// the package depends only on the template and the data.
type attachments struct {
	t      *Template
	charts []*placedChart
	part   map[*placedChart]string // the part that shows each chart
	// taken are the names and relationship IDs already used: the
	// template's own and those given out so far.
	names map[string]bool
	ids   map[string]map[string]bool // rels part → IDs
	next  int                        // the last chart number tried
}

func newAttachments(t *Template) *attachments {
	a := &attachments{t: t, part: map[*placedChart]string{}, names: map[string]bool{}, ids: map[string]map[string]bool{}}
	for _, e := range t.entries {
		a.names[e.name] = true
	}
	return a
}

var (
	reRelID       = regexp.MustCompile(`\bId="([^"]*)"`)
	reXLSXDefault = regexp.MustCompile(`(?i)Extension="xlsx"`)
	reDocPrID     = regexp.MustCompile(`docPr\b[^>]*?\sid="(\d{1,9})"`)
)

// relsPath is the relationships part of a part: word/_rels/document.xml.rels.
func relsPath(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// chart places a chart shown in part: it gets the next free chart number,
// a relationship ID unused in the part's relationships and a drawing ID
// above the template's own.
func (a *attachments) chart(part string, c *Chart) (*placedChart, error) {
	if len(a.charts) >= MaxCharts {
		return nil, fmt.Errorf("文档中的图表超过 %d 个", MaxCharts)
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	n := a.next + 1
	for a.names[chartName(n)] || a.names[chartRelsName(n)] || a.names[chartWorkbookName(n)] {
		n++
	}
	a.next = n
	for _, name := range []string{chartName(n), chartRelsName(n), chartWorkbookName(n)} {
		a.names[name] = true
	}
	rels := relsPath(part)
	ids := a.ids[rels]
	if ids == nil {
		ids = map[string]bool{}
		if e := a.t.entry(rels); e != nil {
			for _, m := range reRelID.FindAllStringSubmatch(string(e.raw), -1) {
				ids[m[1]] = true
			}
		}
		a.ids[rels] = ids
	}
	rid := "rIdChart" + strconv.Itoa(n)
	for k := 2; ids[rid]; k++ {
		rid = "rIdChart" + strconv.Itoa(n) + "_" + strconv.Itoa(k)
	}
	ids[rid] = true
	p := &placedChart{c: c, n: n, rid: rid, docPr: a.t.maxDocPr + len(a.charts) + 1}
	a.charts = append(a.charts, p)
	a.part[p] = part
	return p, nil
}

func chartName(n int) string     { return "word/charts/chart" + strconv.Itoa(n) + ".xml" }
func chartRelsName(n int) string { return "word/charts/_rels/chart" + strconv.Itoa(n) + ".xml.rels" }
func chartWorkbookName(n int) string {
	return "word/embeddings/Microsoft_Excel_Worksheet" + strconv.Itoa(n) + ".xlsx"
}

// finish returns the entries that change (relationships, content types)
// and the ones to append (the charts' parts), in a fixed order.
func (a *attachments) finish() (changed map[string][]byte, added []zipEntry, err error) {
	if len(a.charts) == 0 {
		return nil, nil, nil
	}
	changed = map[string][]byte{}
	var newRels []string // relationship parts the template lacks, in order
	relsAdd := map[string]*strings.Builder{}
	var types strings.Builder
	for _, p := range a.charts {
		part := a.part[p]
		rels := relsPath(part)
		if relsAdd[rels] == nil {
			relsAdd[rels] = &strings.Builder{}
			if a.t.entry(rels) == nil {
				newRels = append(newRels, rels)
			}
		}
		target := strings.TrimPrefix(chartName(p.n), path.Dir(part)+"/")
		fmt.Fprintf(relsAdd[rels], `<Relationship Id="%s" Type="%s" Target="%s"/>`, escapeAttr(p.rid), relChart, target)
		fmt.Fprintf(&types, `<Override PartName="/%s" ContentType="%s"/>`, chartName(p.n), ctChart)

		wb, err := chartWorkbook(p.c)
		if err != nil {
			return nil, nil, err
		}
		for _, f := range []struct {
			name string
			data []byte
		}{
			{chartName(p.n), chartXML(p.c)},
			{chartRelsName(p.n), chartRels(path.Base(chartWorkbookName(p.n)))},
			{chartWorkbookName(p.n), wb},
		} {
			e, err := newCopied(f.name, f.data)
			if err != nil {
				return nil, nil, err
			}
			added = append(added, e)
		}
	}
	for rels, add := range relsAdd {
		if e := a.t.entry(rels); e != nil {
			changed[rels] = insertBeforeLastClose(e.raw, add.String())
		}
	}
	for _, rels := range newRels {
		data := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + relsAdd[rels].String() + `</Relationships>`)
		e, err := newCopied(rels, data)
		if err != nil {
			return nil, nil, err
		}
		added = append(added, e)
	}
	ct := a.t.entry("[Content_Types].xml")
	if ct == nil {
		return nil, nil, fmt.Errorf("模板缺少 [Content_Types].xml，无法加入图表")
	}
	if !reXLSXDefault.Match(ct.raw) {
		types.WriteString(`<Default Extension="xlsx" ContentType="` + ctXLSX + `"/>`)
	}
	changed["[Content_Types].xml"] = insertBeforeLastClose(ct.raw, types.String())
	return changed, added, nil
}

// insertBeforeLastClose inserts s before the root element's end tag.
func insertBeforeLastClose(doc []byte, s string) []byte {
	i := strings.LastIndex(string(doc), "</")
	if i < 0 {
		return doc
	}
	out := make([]byte, 0, len(doc)+len(s))
	out = append(out, doc[:i]...)
	out = append(out, s...)
	return append(out, doc[i:]...)
}
