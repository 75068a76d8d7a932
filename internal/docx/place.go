package docx

// placement says where a control action ends up in the generated source.
type placement uint8

const (
	placeNone       placement = iota
	placeInline               // inside the text of its w:t
	placeSplit                // between runs: its run is split around it
	placeVanish               // where its paragraph was; the paragraph is gone
	placeBeforePara           // before its paragraph, which stays (a container needs one)
	placeBeforeRow            // before its table row
	placeAfterRow             // after its table row
	placeRow                  // where its table row was; the row is gone
)

// is reports whether element i is the WordprocessingML element local.
func (pt *partConv) is(i int, local string) bool {
	e := &pt.els[i]
	return e.local == local && e.prefix == pt.wns
}

// markerLike are elements that carry no content and may sit between the
// paragraphs of a cell or the cells of a row.
func (pt *partConv) markerLike(i int) bool {
	for _, n := range [...]string{"bookmarkStart", "bookmarkEnd", "permStart", "permEnd", "proofErr"} {
		if pt.is(i, n) {
			return true
		}
	}
	return false
}

// within reports whether element e lies inside element anc (or is it).
func (pt *partConv) within(e, anc int) bool {
	for ; e >= 0; e = pt.els[e].parent {
		if e == anc {
			return true
		}
	}
	return false
}

// classifyParas sets silent and blank on every paragraph.
func (pt *partConv) classifyParas() {
	for _, p := range pt.paras {
		if p.objects {
			continue
		}
		pos, ok := 0, true
		for _, a := range p.actions {
			if !allSpace(p.text[pos:a.start]) || !a.silent() {
				ok = false
			}
			pos = a.end
		}
		ok = ok && allSpace(p.text[pos:])
		p.silent = ok && len(p.actions) > 0
		p.blank = ok && len(p.actions) == 0
	}
}

// placeRows handles table rows: a row holding nothing but control actions is
// replaced by them; control actions at the very start of a row (its first
// cell, empty cells skipped) or at its very end (last cell, likewise) whose
// partners lie outside their cell move before or after the row, so that
// whole rows repeat.
func (pt *partConv) placeRows() {
	for i := range pt.els {
		if !pt.is(i, "tr") {
			continue
		}
		pt.rows = append(pt.rows, i)
		if pt.rowAllSilent(i) {
			pt.replacedRow[i] = true
			for _, c := range pt.els[i].children {
				if !pt.is(c, "tc") {
					continue
				}
				for _, cc := range pt.els[c].children {
					if p := pt.paraOf[cc]; p != nil {
						p.mode = modeInRow
						for _, a := range p.actions {
							a.place, a.row = placeRow, i
						}
					}
				}
			}
			continue
		}
		var cells []int
		for _, c := range pt.els[i].children {
			if pt.is(c, "tc") {
				cells = append(cells, c)
			}
		}
		if len(cells) == 0 {
			continue
		}
		lead := pt.leading(cells)
		j := -1
		for k, a := range lead {
			if pt.partnerOutside(a) {
				j = k
			}
		}
		for _, a := range lead[:j+1] {
			a.place, a.row = placeBeforeRow, i
		}
		trail := pt.trailing(cells) // last action first
		for k, a := range trail {
			if a.place != placeNone {
				trail = trail[:k]
				break
			}
		}
		j = -1
		for k, a := range trail {
			if pt.partnerOutside(a) {
				j = k
			}
		}
		for _, a := range trail[:j+1] {
			a.place, a.row = placeAfterRow, i
		}
	}
}

func (pt *partConv) rowAllSilent(tr int) bool {
	has := false
	for _, c := range pt.els[tr].children {
		switch {
		case pt.is(c, "trPr") || pt.is(c, "tblPrEx") || pt.markerLike(c):
		case pt.is(c, "tc"):
			for _, cc := range pt.els[c].children {
				switch {
				case pt.is(cc, "tcPr") || pt.markerLike(cc):
				case pt.is(cc, "p"):
					p := pt.paraOf[cc]
					if p.silent {
						has = true
					} else if !p.blank {
						return false
					}
				default:
					return false
				}
			}
		default:
			return false
		}
	}
	return has
}

// leading lists the silent actions at the very start of a row (in its first
// cell, or the first non-empty one), in order.
func (pt *partConv) leading(cells []int) []*action {
	var out []*action
	for _, cell := range cells {
		for _, c := range pt.els[cell].children {
			if pt.is(c, "tcPr") || pt.markerLike(c) {
				continue
			}
			p := pt.paraOf[c]
			if p == nil || p.objects {
				return out
			}
			pos := 0
			for _, a := range p.actions {
				if !allSpace(p.text[pos:a.start]) || !a.silent() {
					return out
				}
				out = append(out, a)
				pos = a.end
			}
			if !allSpace(p.text[pos:]) {
				return out
			}
		}
	}
	return out
}

// trailing lists the silent actions at the very end of a row (in its last
// cell, or the last non-empty one), last first.
func (pt *partConv) trailing(cells []int) []*action {
	var out []*action
	for n := len(cells) - 1; n >= 0; n-- {
		ch := pt.els[cells[n]].children
		for k := len(ch) - 1; k >= 0; k-- {
			c := ch[k]
			if pt.is(c, "tcPr") || pt.markerLike(c) {
				continue
			}
			p := pt.paraOf[c]
			if p == nil || p.objects {
				return out
			}
			pos := len(p.text)
			for m := len(p.actions) - 1; m >= 0; m-- {
				a := p.actions[m]
				if !allSpace(p.text[a.end:pos]) || !a.silent() {
					return out
				}
				out = append(out, a)
				pos = a.start
			}
			if !allSpace(p.text[:pos]) {
				return out
			}
		}
	}
	return out
}

// partnerOutside reports whether a belongs to a block with a member outside
// the table cell that holds a.
func (pt *partConv) partnerOutside(a *action) bool {
	if a.blk == nil {
		return false
	}
	cell := pt.els[a.p.el].parent
	for _, m := range a.blk.members {
		if !pt.within(m.p.el, cell) {
			return true
		}
	}
	return false
}

// placeParas makes paragraphs holding only control actions vanish, but keeps
// the last paragraph of a container that would otherwise end without one
// (Word needs a paragraph at the end of a cell, header or footer).
func (pt *partConv) placeParas() {
	containers := map[int]bool{}
	var order []int
	for _, p := range pt.paras {
		if p.mode != modeKeep || !p.silent {
			continue
		}
		p.mode = modeVanish
		for _, a := range p.actions {
			if a.place == placeNone {
				a.place = placeVanish
			}
		}
		if c := pt.els[p.el].parent; c >= 0 && !containers[c] {
			containers[c] = true
			order = append(order, c)
		}
	}
	for _, c := range order {
		ch := pt.els[c].children
		need, lastP := true, -1
	loop:
		for k := len(ch) - 1; k >= 0; k-- {
			e := ch[k]
			switch {
			case pt.is(e, "p"):
				if pt.paraOf[e].mode != modeVanish {
					need = false
					break loop
				}
				if lastP < 0 {
					lastP = e
				}
			case pt.is(e, "tbl") || pt.is(e, "sdt") || pt.is(e, "customXml") || pt.is(e, "altChunk"):
				break loop
			}
		}
		if need && lastP >= 0 {
			p := pt.paraOf[lastP]
			p.mode = modeStrip
			for _, a := range p.actions {
				if a.place == placeVanish {
					a.place = placeBeforePara
				}
			}
		}
	}
}

// container is the element whose children the action ends up between; all
// members of a block must share it, or the XML between them is unbalanced.
func (pt *partConv) container(a *action) int {
	switch a.place {
	case placeVanish, placeBeforePara:
		return pt.els[a.p.el].parent
	case placeRow, placeBeforeRow, placeAfterRow:
		return pt.els[a.row].parent
	case placeInline:
		return a.p.segs[a.p.segOf[a.start]].el
	case placeSplit:
		return pt.els[a.p.segs[a.p.segOf[a.start]].run].parent
	}
	return -1
}

// decideBlocks places the actions that stay inside paragraphs: a block whose
// members share one w:t stays in the text; one whose members share a run
// parent splits the runs; anything else cannot be made into valid XML.
func (pt *partConv) decideBlocks() {
	for _, b := range pt.blocks {
		var fixed, pending []*action
		for _, m := range b.members {
			if m.place == placeNone {
				pending = append(pending, m)
			} else {
				fixed = append(fixed, m)
			}
		}
		if len(fixed) > 0 && len(pending) > 0 {
			pt.levelError(b, pending[0])
			continue
		}
		if len(fixed) > 0 {
			c0 := pt.container(fixed[0])
			for _, m := range fixed[1:] {
				if pt.container(m) != c0 {
					pt.levelError(b, m)
					break
				}
			}
			continue
		}
		sameT, sameR := true, true
		s0 := b.members[0].p.segs[b.members[0].p.segOf[b.members[0].start]]
		r0 := -1
		if s0.run >= 0 {
			r0 = pt.els[s0.run].parent
		}
		for _, m := range b.members {
			s := m.p.segs[m.p.segOf[m.start]]
			if s.el != s0.el {
				sameT = false
			}
			if s.run < 0 || r0 < 0 || pt.els[s.run].parent != r0 {
				sameR = false
			}
		}
		var pl placement
		switch {
		case sameT:
			pl = placeInline
		case sameR:
			pl = placeSplit
		default:
			for _, m := range b.members {
				if m.p != b.members[0].p || m.p.segs[m.p.segOf[m.start]].run < 0 || pt.els[m.p.segs[m.p.segOf[m.start]].run].parent != r0 {
					pt.levelError(b, m)
					break
				}
			}
			continue
		}
		for _, m := range b.members {
			m.place = pl
		}
	}
	for _, a := range pt.actions {
		if a.place == placeNone {
			a.place = placeInline
		}
	}
}
