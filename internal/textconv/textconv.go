// Package textconv prints the text of the documents the tool writes, so
// that `git diff` on an archived .docx or .xlsx shows the words and numbers
// that changed (git's diff.<driver>.textconv).
package textconv

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"ipfund/internal/docx"
)

// Text returns the text of a .docx (paragraphs, tables as tab-separated
// rows, headers and footers) or a .xlsx (each sheet's cells as shown, row
// by row); other files are returned as they are.
func Text(name string, data []byte) (string, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		return docx.Text(data)
	case ".xlsx":
		return sheets(data)
	}
	return string(data), nil
}

var cellBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

func sheets(data []byte) (string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("不是有效的 Excel 文件：%w", err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "【%s】\n", sheet)
		rows, err := f.GetRows(sheet)
		if err != nil {
			return "", err
		}
		for i, row := range rows {
			// One row, one line: breaks inside a cell become spaces.
			for j, c := range row {
				row[j] = cellBreaks.Replace(c)
			}
			// Trailing empty cells carry nothing; leading ones keep the
			// columns lined up.
			line := strings.TrimRight(strings.Join(row, "\t"), "\t")
			if line == "" {
				continue
			}
			fmt.Fprintf(&b, "%d\t%s\n", i+1, line)
		}
	}
	return b.String(), nil
}
