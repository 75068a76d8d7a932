package xmlent

import (
	"encoding/xml"
	"errors"
	"testing"
)

func TestAppend(t *testing.T) {
	for _, c := range []struct {
		raw, want string
		kind      Kind // of the error, when want is ""
		ref       string
	}{
		{raw: "a&lt;b&gt;c&amp;d&quot;e&apos;f", want: `a<b>c&d"e'f`},
		{raw: "&#20013;&#x6587;", want: "中文"},
		{raw: "&#x0000041;", want: "A"},
		{raw: "&#9;&#10;&#13;", want: "\t\n\r"},
		{raw: "&#x10FFFF;", want: "\U0010FFFF"},
		{raw: "a & b", kind: Incomplete},
		{raw: "&ampx", kind: Incomplete},
		{raw: "&nbsp;", kind: Unknown, ref: "nbsp"},
		{raw: "&;", kind: Unknown, ref: ""},
		{raw: "&#;", kind: Unknown, ref: "#"},
		{raw: "&#0;", kind: Invalid, ref: "#0"},
		{raw: "&#1;", kind: Invalid, ref: "#1"},
		{raw: "&#xD800;", kind: Invalid, ref: "#xD800"},
		{raw: "&#xFFFE;", kind: Invalid, ref: "#xFFFE"},
		{raw: "&#x110000;", kind: Invalid, ref: "#x110000"},
		{raw: "&#X41;", kind: Invalid, ref: "#X41"},
		{raw: "&#-1;", kind: Invalid, ref: "#-1"},
	} {
		got, err := Append(nil, []byte(c.raw))
		if c.want != "" {
			if err != nil || string(got) != c.want {
				t.Errorf("%q: %q %v, want %q", c.raw, got, err, c.want)
			}
			// encoding/xml reads it the same.
			var v struct {
				S string `xml:",chardata"`
			}
			if err := xml.Unmarshal([]byte("<a>"+c.raw+"</a>"), &v); err != nil || v.S != c.want {
				t.Errorf("%q: encoding/xml reads %q %v", c.raw, v.S, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Kind != c.kind || e.Ref != c.ref {
			t.Errorf("%q: %q %#v, want kind %d ref %q", c.raw, got, err, c.kind, c.ref)
		}
		// encoding/xml reads a surrogate as U+FFFD; XML 1.0 does not
		// allow it.
		if xml.Unmarshal([]byte("<a>"+c.raw+"</a>"), new(struct{})) == nil && c.ref != "#xD800" {
			t.Errorf("%q: encoding/xml accepts it", c.raw)
		}
	}
}

// Decoding in place, as the Word scanner does.
func TestAppendInPlace(t *testing.T) {
	raw := []byte("x&lt;&#x4E2D;y&amp;&amp;z")
	got, err := Append(raw[:0], raw)
	if err != nil || string(got) != "x<中y&&z" {
		t.Errorf("%q %v", got, err)
	}
	plain := []byte("no references")
	if got, _ := Append(nil, plain); &got[0] != &plain[0] {
		t.Error("text without references was copied")
	}
}
