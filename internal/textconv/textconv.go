// Package textconv prints the text of the documents the tool writes, so
// that `git diff` on an archived .docx or .xlsx shows the words and numbers
// that changed (git's diff.<driver>.textconv).
package textconv

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"ipfund/internal/diag"
	"ipfund/internal/docx"
	"ipfund/internal/limits"
	"ipfund/internal/sheet"
)

// Text returns the text of a .docx (paragraphs, tables as tab-separated
// rows, headers and footers), a .xlsx (each sheet's cells as shown, row
// by row) or a .csv (in UTF-8, as a detail table's source in GBK is
// decoded); other files are returned as they are. It reads any document
// build may write and refuses more (limits.OutputPart per part,
// limits.OutputDocument in all), on the zip's directory, before inflating
// anything. Its errors are Chinese sentences.
func Text(name string, data []byte) (string, error) {
	var b strings.Builder
	if err := Write(&b, name, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Write writes what Text returns to w; the body of a .docx streams as it
// is read.
func Write(w io.Writer, name string, data []byte) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		if err := docx.WriteText(w, data); err != nil {
			return fmt.Errorf("不是有效的 Word 文件（.docx）：%s", reason(err))
		}
		return nil
	case ".xlsx":
		s, err := sheets(data)
		if err != nil {
			return fmt.Errorf("不是有效的 Excel 文件（.xlsx）：%s", reason(err))
		}
		_, err = io.WriteString(w, s)
		return err
	case ".csv":
		_, err := w.Write(sheet.CSVText(data))
		return err
	}
	_, err := w.Write(data)
	return err
}

// reason says why a document could not be read.
func reason(err error) string {
	var tl *limits.TooLargeError
	if errors.As(err, &tl) {
		return fmt.Sprintf("解压后超过上限（单个部件 %d MB，合计 %d MB），不是本程序生成的文件", limits.OutputPart>>20, limits.OutputDocument>>20)
	}
	return diag.IOError(err)
}

var cellBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

func sheets(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	var total uint64
	for _, f := range zr.File {
		if total += f.UncompressedSize64; f.UncompressedSize64 > limits.OutputPart || total > limits.OutputDocument {
			return "", &limits.TooLargeError{Size: -1, Limit: limits.OutputDocument}
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: limits.OutputDocument})
	if err != nil {
		return "", err
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
