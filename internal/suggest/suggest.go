// Package suggest finds the name a person most likely meant when they
// mistyped one: a data key, a template function, an indicator code.
package suggest

import "strings"

// Closest returns the name of names nearest to s, ignoring case, if it is
// close enough to be a plausible typo (at most one edit per three
// characters, and at least one edit allowed); else "".
func Closest(s string, names []string) string {
	best, bestD := "", max(1, len([]rune(s))/3)+1
	ls := strings.ToLower(s)
	for _, n := range names {
		if d := Distance(ls, strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, in characters.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
