package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"ipfund/internal/outdir"
)

// lockWait is how long a run waits for another run of the same year (a
// variable for the tests).
var lockWait = outdir.DefaultWait

func outOptions(dir string, stderr io.Writer, owns func(string) bool) outdir.Options {
	return outdir.Options{Owns: owns, Wait: lockWait, OnWait: func(pid int) {
		fmt.Fprintf(stderr, "另一个生成过程正在写 %s（%s），等待它结束……\n", dir, pidText(pid))
	}}
}

func pidText(pid int) string {
	if pid <= 0 {
		return "进程号未知"
	}
	return "进程 " + strconv.Itoa(pid)
}

// recoverYear repairs out/<year> after an interrupted run, before the
// command reads any data. It returns ExitIO when out/<year> could not be
// made whole.
func recoverYear(dir string, stderr io.Writer) int {
	notes, err := outdir.Recover(dir, outOptions(dir, stderr, nil))
	for _, n := range notes {
		fmt.Fprintf(stderr, "注意：%s\n", n)
	}
	if err != nil {
		printOutError(stderr, dir, err)
		return ExitIO
	}
	return ExitOK
}

// printOutError says why out/<year> could not be written and, truthfully,
// what state it is in.
func printOutError(w io.Writer, dir string, err error) {
	var locked *outdir.LockedError
	if errors.As(err, &locked) {
		fmt.Fprintf(w, "错误：%s。%s 保持原样。\n", locked.Error(), dir)
		return
	}
	var oe *outdir.Error
	if !errors.As(err, &oe) {
		fmt.Fprintf(w, "错误：写入 %s 失败：%v。\n", dir, err)
		return
	}
	state := ""
	switch oe.State {
	case outdir.Unchanged:
		state = dir + " 保持原样，未做任何改动。"
	case outdir.Restored:
		state = "已把 " + dir + " 恢复为原来的文件。"
	case outdir.Incomplete:
		state = ""
	}
	fmt.Fprintf(w, "错误：写入 %s 失败：%s。%s%s\n", dir, oe.Msg, state, oe.Hint)
}

// printReport lists what a replace did besides writing the new files.
func printReport(w io.Writer, r *outdir.Report) {
	if r == nil {
		return
	}
	if len(r.Kept) > 0 {
		noun, names := "文件", make([]string, len(r.Kept))
		for i, e := range r.Kept {
			names[i] = e.Name
			switch {
			case e.Dir:
				names[i] += "（文件夹）"
				noun = "文件或文件夹"
			case e.Link:
				names[i] += "（链接）"
				noun = "文件或文件夹"
			}
		}
		fmt.Fprintf(w, "保留了 %d 个不是本程序生成的%s：%s\n", len(r.Kept), noun, strings.Join(names, "、"))
	}
	for _, s := range r.Saved {
		if s.Edited {
			fmt.Fprintf(w, "注意：%s 在上次生成之后被改动过，改动后的文件已另存为 %s，新生成的文件放在原名下。\n", s.Name, s.As)
		} else {
			fmt.Fprintf(w, "注意：%s 不是本程序生成的，但与要生成的文件同名，已改名为 %s 保留，新生成的文件放在原名下。\n", s.Name, s.As)
		}
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(w, "删除了 %d 个上次生成、这次不再生成的文件：%s\n", len(r.Removed), strings.Join(r.Removed, "、"))
	}
	if len(r.Released) > 0 {
		fmt.Fprintf(w, "注意：%s 是上次生成的，这次不再生成；它在生成之后被改动过，因此保留未删（今后不再由本程序管理）。\n", strings.Join(r.Released, "、"))
	}
}

// printNotes prints what recovering or cleaning up did.
func printNotes(w io.Writer, r *outdir.Report) {
	if r == nil {
		return
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "注意：%s\n", n)
	}
}

// yearLookalikes lists the folders of dataDir that look like a year but are
// not named with exactly four ASCII digits (2019年, ２０１９, 2019 with a
// space), each with the year it looks like.
func yearLookalikes(dataDir string) [][2]string {
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return nil
	}
	var out [][2]string
	for _, e := range entries {
		if !e.IsDir() || yearRe.MatchString(e.Name()) {
			continue
		}
		if y := yearIn(e.Name()); y != "" {
			out = append(out, [2]string{e.Name(), y})
		}
	}
	return out
}

// yearIn finds a run of exactly four digits (ASCII or full-width) between
// 1900 and 2199 in a folder name.
func yearIn(name string) string {
	var run []rune
	flush := func() string {
		defer func() { run = run[:0] }()
		if len(run) != 4 {
			return ""
		}
		y, _ := strconv.Atoi(string(run))
		if y < 1900 || y > 2199 {
			return ""
		}
		return string(run)
	}
	for _, r := range name {
		switch {
		case r >= '0' && r <= '9':
			run = append(run, r)
		case r >= '０' && r <= '９':
			run = append(run, '0'+(r-'０'))
		default:
			if y := flush(); y != "" {
				return y
			}
		}
	}
	return flush()
}

// warnLookalikes tells about year-like folders that are skipped.
func warnLookalikes(w io.Writer, dataDir string, years []int) {
	for _, l := range yearLookalikes(dataDir) {
		fmt.Fprintf(w, "警告：%s 看起来是年度数据目录，但目录名不是四位数字，已跳过。%s\n", filepath.Join(dataDir, l[0]), lookalikeHint(dataDir, l, years))
	}
}

func lookalikeHint(dataDir string, l [2]string, years []int) string {
	for _, y := range years {
		if strconv.Itoa(y) == l[1] {
			return fmt.Sprintf("已有 %s；如果它只是备份，可以移出 %s 以免每次提示。", filepath.Join(dataDir, l[1]), dataDir)
		}
	}
	return fmt.Sprintf("如果这是 %s 年度的数据，请把目录改名为 %s（四位半角数字）。", l[1], filepath.Join(dataDir, l[1]))
}
