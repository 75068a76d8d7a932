package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"spending", "score", "percent", "total", "budget_current"}
	cases := map[string]string{
		"spendng": "spending", "totl": "total", "pecent": "percent", "SCORE": "score",
		"budget_curent": "budget_current", "xyz": "", "scroe": "", "": "",
	}
	for in, want := range cases {
		if got := Closest(in, names); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
	if Distance("kitten", "sitting") != 3 || Distance("", "ab") != 2 || Distance("知识产权", "知识产") != 1 {
		t.Error("Distance")
	}
}
