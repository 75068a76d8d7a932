package tomlx

import (
	"strings"
	"testing"

	"ipfund/internal/benchmem"
	"ipfund/internal/limits"
)

// Benchmarks of the data-file scanner at its limits (docs/performance.md):
// the largest file it accepts and one it refuses, both of limits.DataFile.
//
//   - CheckRefuse: the counting pass over a 4 MB file of one line,
//     "x = [1,1,1,…]", stopping at limits.Items (where main took 42 s for
//     640 KB and did not finish 4 MB);
//   - ScanAtLimit: the indexing pass over a file of limits.Items - 2 values
//     on one line, the most the scanner indexes;
//   - DecodeAtLimit: the whole Decode of that file (counting pass, parser,
//     indexing pass, conversion): the cost of the largest file accepted.

// oneLine is "x = [" and n values on one line.
func oneLine(n int) string {
	var b strings.Builder
	b.WriteString("x = [")
	for i := 0; i < n; i++ {
		b.WriteString(`"一二三",`)
	}
	b.WriteString("]\n")
	return b.String()
}

func benchScan(b *testing.B, src string, f func(string)) {
	peak := benchmem.PeakMB(func() { f(src) })
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for range b.N {
		f(src)
	}
	b.ReportMetric(peak, "peak-MB")
}

func BenchmarkCheckRefuse(b *testing.B) {
	src := string(atLimit("x = [", func(b *strings.Builder, _ int) { b.WriteString("1,") }, "1]\n"))
	benchScan(b, src, func(s string) {
		if check(s, nil).over == nil {
			b.Fatal("not refused")
		}
	})
}

func BenchmarkScanAtLimit(b *testing.B) {
	benchScan(b, oneLine(limits.Items-2), func(s string) {
		if sc := scan(s); sc.over != nil || sc.bailed {
			b.Fatal("not indexed")
		}
	})
}

func BenchmarkDecodeAtLimit(b *testing.B) {
	type file struct {
		X []string `toml:"x"`
	}
	benchScan(b, oneLine(limits.Items-2), func(s string) {
		var f file
		if ds := Decode("f.toml", []byte(s), &f); len(ds) > 0 || len(f.X) != limits.Items-2 {
			b.Fatal(ds)
		}
	})
}
