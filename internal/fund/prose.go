package fund

import (
	"strconv"
	"strings"

	"ipfund/internal/diag"
	"ipfund/internal/tomlx"
)

// Placeholders any prose of the year may use for figures the data
// determines, so that the text stays true when the data changes and a
// paragraph carried into a new year need not be rewritten for them.
const (
	PlaceholderYear        = "{年度}"   // the evaluation year: 2019
	PlaceholderLastYear    = "{上年度}"  // the year before: 2018
	PlaceholderNextYear    = "{下年度}"  // the year after: 2020
	PlaceholderSubprojects = "{子项目数}" // how many sub-projects: 5
)

// TextPlaceholders lists the placeholders of any prose, in the order help
// texts name them.
var TextPlaceholders = []string{PlaceholderYear, PlaceholderLastYear, PlaceholderNextYear, PlaceholderSubprojects}

// proseKind tells what a piece of text is for the stale-text checks.
type proseKind int

const (
	// paragraph: narrative written anew each year (report text, an
	// indicator's text or deduction, a goal): unchanged from last year is
	// suspicious.
	paragraph proseKind = iota
	// caption: a name or a standard, carried over from year to year; only a
	// mention of last year or a date outside the period is suspicious.
	caption
)

// prose is one piece of text of the year, where it stands, and whether the
// text belongs to an indicator or a target (whose dates must fall in the
// evaluation period).
type prose struct {
	s     *string
	pos   diag.Pos
	kind  proseKind
	dated bool // an indicator's or a target's text
	plan  bool // an indicator's text: may also use {计划} and {实际}
}

// prose lists every piece of free text of the year, in file order per
// section, with a pointer to it so that placeholders can be filled in place.
func (y *Year) prose() []prose {
	var out []prose
	add := func(s *string, pos diag.Pos, kind proseKind) *prose {
		if strings.TrimSpace(*s) == "" {
			return nil
		}
		out = append(out, prose{s: s, pos: pos, kind: kind})
		return &out[len(out)-1]
	}
	list := func(ss []string, at tomlx.At, key string) {
		for i := range ss {
			add(&ss[i], at.Elem(key, i), paragraph)
		}
	}
	r := &y.Report
	for _, f := range []struct {
		s   *string
		key string
	}{
		{&r.Preamble, "preamble"}, {&r.Background, "background"}, {&r.OverallTargetIntro, "overall_target_intro"},
		{&r.OverallTarget, "overall_target"}, {&r.StageTarget, "stage_target"}, {&r.Purpose, "purpose"},
		{&r.Method, "method"}, {&r.OtherIntro, "other_intro"},
	} {
		add(f.s, r.At.Key(f.key), paragraph)
	}
	list(r.Content, r.At, "content")
	list(r.Organization, r.At, "organization")
	list(r.Experience, r.At, "experience")
	list(r.Problems, r.At, "problems")
	list(r.Improvements, r.At, "improvements")
	list(r.Suggestions, r.At, "suggestions")
	for i := range r.Stages {
		st := &r.Stages[i]
		add(&st.Title, st.At.Key("title"), caption)
		add(&st.Text, st.At.Key("text"), paragraph)
		list(st.Items, st.At, "items")
	}
	add(&r.Result.Plan, r.Result.At.Key("plan"), paragraph)
	add(&r.Result.Conclusion, r.Result.At.Key("conclusion"), paragraph)
	for i := range r.FundsNotes {
		n := &r.FundsNotes[i]
		add(&n.Title, n.At.Key("title"), caption)
		add(&n.Text, n.At.Key("text"), paragraph)
	}
	for i := range r.Other {
		list(r.Other[i].Paragraphs, r.Other[i].At, "paragraphs")
	}
	indicator := func(ind *Indicator) {
		for _, f := range []struct {
			s    *string
			key  string
			kind proseKind
		}{
			{&ind.Heading, "heading", caption}, {&ind.Name, "name", caption}, {&ind.Standard, "standard", caption},
			{&ind.Text, "text", paragraph}, {&ind.Deduction, "deduction", paragraph},
		} {
			if p := add(f.s, ind.At.Key(f.key), f.kind); p != nil {
				p.dated, p.plan = true, f.key == "text"
			}
		}
	}
	for i := range y.Scoring.Categories {
		if sh := y.Scoring.Categories[i].Shared; sh != nil {
			indicator(sh)
		}
	}
	for i := range y.Subprojects {
		sp := &y.Subprojects[i]
		add(&sp.Note, sp.At.Key("note"), paragraph)
		add(&sp.OverspendReason, sp.At.Key("overspend_reason"), paragraph)
		for j := range sp.Indicators {
			ind := &sp.Indicators[j]
			indicator(ind)
			for k := range ind.Parts {
				indicator(&ind.Parts[k])
			}
		}
	}
	if t := y.Targets; t != nil {
		for i := range t.Goals {
			if p := add(&t.Goals[i], t.At.Elem("goals", i), paragraph); p != nil {
				p.dated = true
			}
		}
		for i := range t.Indicators {
			ti := &t.Indicators[i]
			for _, f := range []struct {
				s    *string
				key  string
				kind proseKind
			}{{&ti.Name, "name", caption}, {&ti.Note, "note", paragraph}, {&ti.Deviation, "deviation", paragraph}} {
				if p := add(f.s, ti.At.Key(f.key), f.kind); p != nil {
					p.dated = true
				}
			}
		}
	}
	if se := y.SelfEval; se != nil {
		list(se.Achieved, se.At, "achieved")
		list(se.Notes, se.At, "notes")
	}
	return out
}

// fillText replaces the year's placeholders in s.
func (y *Year) fillText(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	n := y.Fund.Year
	return strings.NewReplacer(
		PlaceholderYear, strconv.Itoa(n),
		PlaceholderLastYear, strconv.Itoa(n-1),
		PlaceholderNextYear, strconv.Itoa(n+1),
		PlaceholderSubprojects, strconv.Itoa(len(y.Subprojects)),
	).Replace(s)
}

// fillPlaceholders fills the year's placeholders in every piece of prose,
// once every check of the raw text has run ({计划} and {实际} stay for
// Indicator.Expand).
func (y *Year) fillPlaceholders() {
	for _, p := range y.prose() {
		*p.s = y.fillText(*p.s)
	}
}
