package fund

import (
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// Placeholders an indicator's text may use for its plan and actual figures,
// so that a figure is written once, in plan/actual, and the prose follows it.
const (
	PlaceholderPlan   = "{计划}"
	PlaceholderActual = "{实际}"
)

// placeholderRe finds {…}, with full-width braces too (a Chinese input
// method types ｛计划｝), so that a wrong one is reported, never printed.
var placeholderRe = regexp.MustCompile(`[{｛][^{}｛｝]*[}｝]`)

// Expand fills the plan and actual placeholders of the indicator's text.
func (ind Indicator) Expand() string {
	s := ind.Text
	if ind.Plan != nil {
		s = strings.ReplaceAll(s, PlaceholderPlan, ind.Plan.String())
	}
	if ind.Actual != nil {
		s = strings.ReplaceAll(s, PlaceholderActual, ind.Actual.String())
	}
	return s
}

// TotalPoints is the indicator's points: as written, or the sum of its parts.
func (ind Indicator) TotalPoints() decimal.Decimal {
	if len(ind.Parts) > 0 {
		sum := decimal.Zero
		for _, p := range ind.Parts {
			if p.Points != nil {
				sum = sum.Add(*p.Points)
			}
		}
		return sum
	}
	if ind.Points == nil {
		return decimal.Zero
	}
	return *ind.Points
}

// Items returns the scored items of an indicator: its parts, or itself.
func (ind Indicator) Items() []Indicator {
	if len(ind.Parts) > 0 {
		return ind.Parts
	}
	return []Indicator{ind}
}

// CategoryByKey finds a category of the scoring system.
func (s Scoring) CategoryByKey(key string) (Category, bool) {
	for _, c := range s.Categories {
		if c.Key == key {
			return c, true
		}
	}
	return Category{}, false
}

// RuleByKey finds a scoring rule.
func (s Scoring) RuleByKey(key string) (Rule, bool) {
	for _, r := range s.Rules {
		if r.Key == key {
			return r, true
		}
	}
	return Rule{}, false
}

// DocumentsFor returns the documents cited for a use, in file order.
func (y *Year) DocumentsFor(use string) []Document {
	var out []Document
	for _, d := range y.Documents {
		for _, u := range d.Uses {
			if u == use {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// SubprojectNamed returns the sub-project with the given name.
func (y *Year) SubprojectNamed(name string) (Subproject, bool) {
	for _, s := range y.Subprojects {
		if s.Name == name {
			return s, true
		}
	}
	return Subproject{}, false
}

// ValueText is the target value as the target table shows it: "≥2%",
// "=100%", "≤2010万元", "2019年12月31日", "完善".
func (t Target) ValueText() string {
	if t.Value.IsNum {
		return t.Comparator + t.Value.Text + t.Unit
	}
	return t.Value.Text
}

// ActualText is the actual value with its unit, or "" when not filled in.
func (t Target) ActualText() string {
	switch {
	case t.Actual == nil:
		return ""
	case t.ActualShown != "":
		return t.ActualShown
	case t.Actual.IsNum:
		return t.Actual.Text + t.Unit
	}
	return t.Actual.Text
}
