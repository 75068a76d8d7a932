// Package console knows how the program was started on Windows: from a
// command prompt, or by a double-click that opened a console window for
// it alone, which closes as soon as the program ends.
package console
