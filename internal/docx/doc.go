// Package docx fills .docx templates with data. It knows nothing about the
// data: template bytes and a value go in, document bytes come out. It does
// not use unioffice or any other OOXML library; it works on the raw XML of
// the parts with archive/zip, a small scanner (encoding/xml only checks
// well-formedness) and text/template.
//
// # Writing templates
//
// Staff write Go text/template actions into the document text in Word, WPS
// or LibreOffice: {{.Fund.Name}}, {{amount .Total}}, {{range .Rows}} …
// {{end}}, {{if …}} … {{else if …}} … {{else}} … {{end}}, {{with …}},
// {{/* comments */}}, {{$i, $r := range …}}. The functions of Funcs are
// available. Word may split an action over several runs (spelling marks,
// bookmarks, formatting changes, even between the two braces); the action is
// merged into its first run, whose formatting therefore wins. Curly quotes
// (“ ” ‘ ’) typed by AutoCorrect and full-width or no-break spaces inside an
// action are read as straight quotes and spaces, except inside `raw strings`.
// An action must lie within one paragraph.
//
// Where a control action (range, if, else, with, end, a comment or a
// variable declaration) ends up:
//
//   - alone in a paragraph (nothing else but whitespace, possibly with other
//     control actions): the paragraph disappears and the paragraphs between
//     repeat or are conditional;
//   - in a table row whose cells hold nothing but control actions: the row
//     disappears, so the rows between repeat;
//   - at the very start of a row's first cell, or at the very end of its last
//     cell, when its partner (the matching end, range…) lies outside that
//     cell: it moves before or after the row, so whole rows repeat, e.g.
//     {{range .Rows}}{{.Name}} | {{.Amount}}{{end}};
//   - otherwise it stays in the text, so {{if .X}}是{{else}}否{{end}} works
//     within a sentence, even across differently formatted runs (the runs
//     are split around the actions).
//
// A block whose parts cannot be placed at the same XML level (for example a
// range in one cell and its end in the middle of another row) is refused with
// a message saying how to fix it, never turned into a corrupt document. A
// paragraph that holds pictures, fields, page or section breaks, comments or
// text boxes is never dropped. A cell, header or footer keeps its last
// paragraph when all of its paragraphs would disappear.
//
// Every printing action is escaped for XML by rewriting the parse tree (as
// html/template does): the authors never escape anything. Newlines in values
// become line breaks, tabs become tabs, characters XML cannot hold are
// dropped or replaced by U+FFFD, nil prints as nothing. Missing map keys are
// errors. break, continue, define, template and block are not supported.
//
// # Charts
//
// A *Chart printed by an action alone in its paragraph becomes a native
// bar chart: a chart part word/charts/chartN.xml with its cached values, the
// workbook embedded beside it (word/embeddings/…) that holds the same data
// for Word's and WPS's "edit data", a relationship from the part that shows
// it and the content types. Charts are numbered in the order they are
// placed, after the names and drawing IDs the template already uses.
//
// # What is processed
//
// word/document.xml, word/header*.xml, word/footer*.xml, word/footnotes.xml
// and word/endnotes.xml are filled in; every other entry (docProps, styles,
// media…) is copied unchanged, except the relationships and content types
// that charts add to. Output zips are deterministic: the template's entry
// order (the charts' parts after it), Deflate, a fixed 1980-01-01 timestamp
// without extra fields, no comments.
//
// # Speed and memory
//
// A part is filled in one pass: text/template writes into a writer that
// places blocks as the output goes by (keeping back only the paragraph
// being written) and hands the output in 256 KB chunks to a compressor on a
// second goroutine. A Table writes its rows straight into that stream, and
// may take them one at a time from an iterator (Table.Body); what is held
// in memory is the compressed part. A 10 000-row table takes about as long
// as deflating its document.xml (docs/performance.md).
//
// # Errors
//
// Parse and Execute return *Error (or Errors, several at once from Parse):
// Chinese sentences naming the template, the part (正文, 页眉1, 页脚2…, with
// its zip path), the paragraph number and the text around the action.
// Execute renders and compresses every part in memory and writes to w only
// when all of them succeeded.
package docx
