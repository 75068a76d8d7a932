package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"ipfund/internal/diag"
)

// options are the folders a command works on. Left empty on the command
// line, they are the project's: data, out and templates in the project
// folder (see projectDir); without a templates folder there, the
// templates built into the program ("").
type options struct {
	data, out, templates string
	soffice              string // ipfund pdf only
}

// newFlags declares the options every year command accepts.
func newFlags(cmd string) (*flag.FlagSet, *options) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o := &options{}
	fs.StringVar(&o.data, "data", "", "")
	fs.StringVar(&o.out, "out", "", "")
	fs.StringVar(&o.templates, "templates", "", "")
	return fs, o
}

// parseFlags parses the command line; on -h it prints the command's help,
// on a mistake the mistake and the help. ok is false when the command
// should stop with code.
func parseFlags(fs *flag.FlagSet, cmd string, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := fs.Parse(args)
	if err == nil {
		return ExitOK, true
	}
	help := usage()
	if c := lookup(cmd); c != nil {
		help = c.help()
	}
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, help)
		return ExitOK, false
	}
	fmt.Fprintf(stderr, "参数有误：%s\n\n%s", flagError(err), help)
	return ExitUsage, false
}

// resolve fills the options not given on the command line with the
// project's folders.
func (o *options) resolve(fs *flag.FlagSet) {
	root := projectDir()
	if o.data == "" {
		o.data = filepath.Join(root, "data")
	}
	if o.out == "" {
		o.out = filepath.Join(root, "out")
	}
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "templates" })
	if !given {
		if fi, err := os.Stat(filepath.Join(root, "templates")); err == nil && fi.IsDir() {
			o.templates = filepath.Join(root, "templates")
		}
	}
}

// projectDir is the project folder the default folders are in: the
// working directory when it holds data/, else the nearest parent that
// does, so that a terminal opened anywhere in the project works. It is
// relative to the working directory ("." or "..", "../.."), which keeps
// the paths in messages short and true for the user's terminal. Without
// any data/ above, it is the working directory.
func projectDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	rel := "."
	for dir := wd; ; {
		if fi, err := os.Stat(filepath.Join(dir, "data")); err == nil && fi.IsDir() {
			return rel
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "."
		}
		dir, rel = parent, filepath.Join(rel, "..")
	}
}

func dataDirError(data string, err error, stderr io.Writer) int {
	fmt.Fprintf(stderr, "错误：无法读取数据目录 %s：%s。请在项目文件夹（含“data”文件夹）或它的子文件夹中运行，或用 -data 指定数据目录。\n", data, diag.IOError(err))
	return ExitIO
}

// templatesUsed says which templates a run used, for its summary.
func templatesUsed(dir string) string {
	if dir == "" {
		return "程序内置的模板"
	}
	return "“" + dir + "”文件夹中的模板"
}
