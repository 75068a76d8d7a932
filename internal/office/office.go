// Package office gives tests LibreOffice, for the checks that need a real
// office suite: converting our documents to PDF and recalculating our
// workbooks. Require skips when LibreOffice is absent unless
// IPFUND_REQUIRE_LIBREOFFICE=1 (set by CI) demands it. Finding and running
// LibreOffice is package soffice's, which the program uses too.
package office

import (
	"context"
	"os"
	"testing"

	"ipfund/internal/soffice"
)

// Find returns the path of LibreOffice's soffice, or "" when not installed.
func Find() string { return soffice.Find() }

// Require returns soffice for a test, skipping the test with a visible
// message when LibreOffice is missing; with IPFUND_REQUIRE_LIBREOFFICE=1 a
// missing LibreOffice fails it instead.
func Require(t testing.TB) string {
	t.Helper()
	if p := Find(); p != "" {
		return p
	}
	if os.Getenv("IPFUND_REQUIRE_LIBREOFFICE") == "1" {
		t.Fatal("未找到 LibreOffice（soffice），而 IPFUND_REQUIRE_LIBREOFFICE=1 要求运行此项检查。请安装 libreoffice-writer-nogui libreoffice-calc-nogui。")
	}
	t.Skip("未安装 LibreOffice（soffice）：跳过此项检查（CI 设置 IPFUND_REQUIRE_LIBREOFFICE=1 时必须运行）")
	return ""
}

// Convert converts files with soffice into outDir, e.g. filter "pdf",
// with the official fonts substituted through fontsConf when given; it
// fails when a file produced no output.
func Convert(ctx context.Context, sofficePath, filter, outDir, fontsConf string, files ...string) error {
	return soffice.Convert(ctx, sofficePath, soffice.Options{Filter: filter, OutDir: outDir, FontsConf: fontsConf}, files...)
}
