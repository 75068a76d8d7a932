package figures

import (
	"bytes"
	"testing"
)

func TestDiffNamesExactlyTheFiguresThatMoved(t *testing.T) {
	old := write2019(t)
	new := bytes.Replace(old, []byte("\"实际支出\" = 1352.2\n"), []byte("\"实际支出\" = 1362.2\n"), 1)
	new = bytes.Replace(new, []byte("\"总分\" = 95.41\n"), []byte("\"总分\" = 95.40\n"), 1)
	new = append(new, []byte("\n[\"新表\"]\n\"新数\" = 1\n")...)
	changes, err := Diff(old, new)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`综合评价.总分：95.41 → 95.40`,
		`子项目1.实际支出：1352.2 → 1362.2`,
		`新表.新数：（新增）1`,
	}
	if len(changes) != len(want) {
		t.Fatalf("%d changes, want %d: %v", len(changes), len(want), changes)
	}
	for i, w := range want {
		if changes[i].String() != w {
			t.Errorf("change %d = %s, want %s", i, changes[i], w)
		}
	}
	if none, _ := Diff(old, old); len(none) != 0 {
		t.Errorf("a file differs from itself: %v", none)
	}
	removed, _ := Diff(new, old)
	if last := removed[len(removed)-1].String(); last != `新表.新数：1（删除）` {
		t.Errorf("removed figure shows as %s", last)
	}
}
