// Package templates carries the project's default Word templates and the
// font substitutions for PDF previews inside the program, so that the
// program alone can build a year. A templates folder in the project, or
// -templates, takes their place (see README, 修改 Word 模板).
package templates

import "embed"

//go:embed *.docx fonts.conf
var files embed.FS

// Read returns one of the built-in files by name, e.g. "report.docx".
func Read(name string) ([]byte, error) {
	return files.ReadFile(name)
}
