package figures

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

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
	o, err := parse(old)
	if err != nil {
		return nil, fmt.Errorf("旧文件不是计算结果文件：%w", err)
	}
	n, err := parse(new)
	if err != nil {
		return nil, fmt.Errorf("新文件不是计算结果文件：%w", err)
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

// NotFigures says why b is not a figures file written by this tool ("" when
// it is one): empty, not TOML, or TOML without the tables a figures file
// has (a data file, git's empty output for a path it does not have).
func NotFigures(b []byte) string {
	if _, err := parse(b); err != nil {
		return err.Error()
	}
	return ""
}

// parse lists the figures of a figures file.
func parse(b []byte) ([]tomlx.Leaf, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, errors.New("文件是空的")
	}
	leaves, err := tomlx.Leaves(b)
	if err != nil {
		return nil, fmt.Errorf("不是有效的 TOML（%v）", err)
	}
	for _, l := range leaves {
		for _, t := range []string{"专项资金.", allocationTable + "."} {
			if strings.HasPrefix(l.Path, t) {
				return leaves, nil
			}
		}
	}
	return nil, fmt.Errorf("其中没有“专项资金”或“%s”这一节，不是本程序写的 figures.toml 或 allocation-figures.toml", allocationTable)
}
