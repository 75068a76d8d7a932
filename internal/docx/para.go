package docx

import "unicode"

// seg is the character data of one <w:t> element.
type seg struct {
	el       int    // the w:t element
	run      int    // enclosing w:r, -1 if none
	text     []rune // decoded text
	raw      []int  // raw offset of each rune, plus the content end
	preserve bool   // already has xml:space="preserve"
	spaceVal [2]int // raw range of an xml:space value other than preserve; {-1,-1} if absent
	edited   bool   // content changes, so it needs xml:space="preserve"
}

type paraMode uint8

const (
	modeKeep   paraMode = iota // stays; actions edited in place
	modeVanish                 // replaced by its actions: the paragraph disappears
	modeStrip                  // stays (a container must keep a paragraph); its actions go before it
	modeInRow                  // inside a table row that is replaced as a whole
)

// para is one <w:p> with the text of its own <w:t> elements (text of
// paragraphs nested in text boxes belongs to those paragraphs).
type para struct {
	el      int
	num     int // 1-based number within the part, in start-tag order
	segs    []*seg
	text    []rune // the segments' text, concatenated
	segOf   []int  // for each rune of text, its index in segs
	segAt   []int  // start of each segment in text
	actions []*action
	objects bool // has content that must never be dropped with the paragraph
	silent  bool // at least one action, all silent, otherwise only whitespace, no objects
	blank   bool // no actions, no objects, only whitespace
	mode    paraMode
}

// rawStart returns the raw offset where rune k of the paragraph text starts.
func (p *para) rawStart(k int) int {
	s := p.segOf[k]
	return p.segs[s].raw[k-p.segAt[s]]
}

// rawEnd returns the raw offset just after rune k-1 (exclusive end k).
func (p *para) rawEnd(k int) int {
	s := p.segOf[k-1]
	return p.segs[s].raw[k-p.segAt[s]]
}

// allowedInDroppable lists the WordprocessingML elements (outside pPr/rPr)
// that may be dropped together with a paragraph that only holds control
// actions. Anything else (drawings, fields, text boxes, section breaks,
// footnote references, hyperlinks, content controls…) keeps the paragraph.
var allowedInDroppable = map[string]bool{
	"r": true, "t": true, "tab": true, "br": true, "cr": true,
	"lastRenderedPageBreak": true, "proofErr": true,
	"bookmarkStart": true, "bookmarkEnd": true, "permStart": true, "permEnd": true,
	"softHyphen": true, "noBreakHyphen": true,
	"ins": true, "del": true, "delText": true,
	"rPr": true, "pPr": true,
}

// buildParas collects the paragraphs of a part and their text segments.
func (pt *partConv) buildParas() error {
	els := pt.els
	nearestP := make([]int, len(els))
	nearestR := make([]int, len(els))
	inProps := make([]bool, len(els))
	pt.paraOf = make(map[int]*para)
	for i := range els {
		e := &els[i]
		np, nr, props := -1, -1, false
		if e.parent >= 0 {
			np, nr, props = nearestP[e.parent], nearestR[e.parent], inProps[e.parent]
		}
		isW := e.prefix == pt.wns
		switch {
		case isW && e.local == "p":
			if np >= 0 {
				pt.paraOf[np].objects = true
			}
			p := &para{el: i, num: len(pt.paras) + 1}
			pt.paras = append(pt.paras, p)
			pt.paraOf[i] = p
			np, nr, props = i, -1, false
		case np < 0:
		case isW && e.local == "sectPr":
			pt.paraOf[np].objects = true
		case props:
		case isW && (e.local == "pPr" || e.local == "rPr"):
			props = true
		case isW && allowedInDroppable[e.local]:
			if e.local == "r" {
				nr = i
			}
			if e.local == "t" {
				if err := pt.addSeg(pt.paraOf[np], i, nr); err != nil {
					return err
				}
			}
		default:
			pt.paraOf[np].objects = true
		}
		nearestP[i], nearestR[i], inProps[i] = np, nr, props
	}
	for _, p := range pt.paras {
		p.segAt = make([]int, len(p.segs))
		n := 0
		for i, s := range p.segs {
			p.segAt[i] = n
			n += len(s.text)
		}
		p.text = make([]rune, 0, n)
		p.segOf = make([]int, 0, n)
		for i, s := range p.segs {
			p.text = append(p.text, s.text...)
			for range s.text {
				p.segOf = append(p.segOf, i)
			}
		}
	}
	return nil
}

// addSeg records the text of the w:t element ti. A w:t holding anything but
// character data (a CDATA section, a comment) is left alone.
func (pt *partConv) addSeg(p *para, ti, run int) error {
	e := &pt.els[ti]
	if e.empty || e.mixed {
		return nil
	}
	text, raws, err := decodeText(pt.raw, e.tagEnd, e.closeStart)
	if err != nil {
		return err
	}
	s := &seg{el: ti, run: run, text: text, raw: raws, spaceVal: [2]int{-1, -1}}
	for _, a := range attrs(pt.raw, e) {
		if a.name == "xml:space" {
			if string(pt.raw[a.valStart:a.valEnd]) == "preserve" {
				s.preserve = true
			} else {
				s.spaceVal = [2]int{a.valStart, a.valEnd}
			}
		}
	}
	p.segs = append(p.segs, s)
	return nil
}

// isSpace reports whitespace as Word users produce it, including the
// ideographic space and no-break space.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || r == '\u200b'
}

func allSpace(rs []rune) bool {
	for _, r := range rs {
		if !isSpace(r) {
			return false
		}
	}
	return true
}
