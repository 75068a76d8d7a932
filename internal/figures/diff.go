package figures

import (
	"fmt"

	"ipfund/internal/tomlx"
)

// Change is one figure that differs between two figures files.
type Change struct {
	Name     string // path of the figure, e.g. 子项目1.实际支出
	Old, New string // as written; "" when absent on that side
}

// String renders the change for people: 子项目1.实际支出：1352.2 → 1362.2
func (c Change) String() string {
	switch {
	case c.Old == "":
		return fmt.Sprintf("%s：（新增）%s", c.Name, c.New)
	case c.New == "":
		return fmt.Sprintf("%s：%s（删除）", c.Name, c.Old)
	}
	return fmt.Sprintf("%s：%s → %s", c.Name, c.Old, c.New)
}

// Diff compares two figures files and lists what moved, in the order the
// figures stand in the newer file, then those only in the older one.
func Diff(old, new []byte) ([]Change, error) {
	o, err := tomlx.Leaves(old)
	if err != nil {
		return nil, fmt.Errorf("旧文件不是有效的结果文件：%w", err)
	}
	n, err := tomlx.Leaves(new)
	if err != nil {
		return nil, fmt.Errorf("新文件不是有效的结果文件：%w", err)
	}
	oldVals := map[string]string{}
	for _, l := range o {
		oldVals[l.Path] = l.Raw
	}
	var out []Change
	seen := map[string]bool{}
	for _, l := range n {
		seen[l.Path] = true
		if ov, ok := oldVals[l.Path]; !ok || ov != l.Raw {
			out = append(out, Change{Name: l.Path, Old: ov, New: l.Raw})
		}
	}
	for _, l := range o {
		if !seen[l.Path] {
			out = append(out, Change{Name: l.Path, Old: l.Raw})
		}
	}
	return out, nil
}
