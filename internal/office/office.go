// Package office runs LibreOffice for the checks that need a real office
// suite: converting our documents to PDF and recalculating our workbooks.
// Tests use Require, which skips when LibreOffice is absent unless
// IPFUND_REQUIRE_LIBREOFFICE=1 (set by CI) demands it.
package office

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Find returns the path of LibreOffice's soffice, or "" when not installed.
func Find() string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

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

// Convert converts files with soffice into outDir, e.g. filter "pdf". It
// runs in a throw-away user profile (so it never collides with an open
// LibreOffice), with the official fonts substituted through fontsConf when
// given, and fails when a file produced no output.
func Convert(ctx context.Context, soffice, filter, outDir, fontsConf string, files ...string) error {
	profile, err := os.MkdirTemp("", "ipfund-lo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--convert-to", filter, "--outdir", outDir}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	if fontsConf != "" {
		cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+fontsConf)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("soffice: %v: %s", err, out)
	}
	ext := filter
	if i := strings.IndexByte(ext, ':'); i >= 0 {
		ext = ext[:i]
	}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		if _, err := os.Stat(filepath.Join(outDir, base+"."+ext)); err != nil {
			return fmt.Errorf("soffice produced no %s for %s: %s", ext, f, out)
		}
	}
	return nil
}
