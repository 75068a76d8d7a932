# 知识产权专项资金绩效评价报告生成工具
#   make report YEAR=2019   生成该年度全部文件到 out/2019/（不写 YEAR 则生成 data/ 下全部年度）
#   make check  YEAR=2019   只检查数据（不写 YEAR 则检查全部年度）
#   make allocation YEAR=2023  只做因素法分配（data/2023/allocation.toml）
#   make new    YEAR=2020   从最近的上一年度建立 data/2020/（不覆盖已有年度）
#   make pdf    YEAR=2019   把该年度生成的 Word、Excel 文件转成 PDF（需要 LibreOffice），放在 out/2019-pdf/
#   make test               运行全部测试
#   make bench              运行性能基准测试并列表（见 docs/performance.md）

GO       ?= go
YEAR     ?=
LATEST    = $(shell ls data 2>/dev/null | grep -E '^[0-9]{4}$$' | sort -n | tail -n 1)
# Fuzz runs are counted, not timed: a timed run can fail at its deadline on
# a loaded machine (go.dev/issue/75804). Minimising an interesting input is
# kept short, or it can stall a short run.
FUZZTIME ?= 1000x
FUZZMINTIME ?= 1s
# The command is built once into a temporary directory and run from there,
# so that its own messages are all a user sees (go run would add English).
BIN      ?= $(or $(TMPDIR),/tmp)/ipfund-$(shell id -u)/ipfund

.PHONY: report check allocation new pdf test fuzz fmt bench bin

bin:
	@test -x $(BIN) || echo "正在编译程序（第一次运行需要下载依赖并编译，约半分钟，请稍候）……"
	@$(GO) build -o $(BIN) ./cmd/ipfund

report: bin
	@$(BIN) build $(YEAR)

check: bin
	@$(BIN) check $(YEAR)

allocation: bin
	@$(BIN) allocate $(YEAR)

new: bin
	@test -n "$(YEAR)" || { echo "请写明新年度，例如：make new YEAR=2020"; exit 2; }
	@$(BIN) new $(YEAR)

# PDF previews of the year's documents. The official fonts are substituted
# through templates/fonts.conf where they are not installed.
pdf: YEAR := $(or $(YEAR),$(LATEST))
pdf:
	@command -v soffice >/dev/null 2>&1 || { \
		echo "未安装 LibreOffice，无法转换 PDF。请先安装："; \
		echo "  sudo apt-get update && sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk"; \
		exit 1; }
	@test -d out/$(YEAR) || { echo "没有 out/$(YEAR)：请先运行 make report YEAR=$(YEAR)。"; exit 1; }
	@rm -rf out/$(YEAR)-pdf && mkdir -p out/$(YEAR)-pdf
	@profile=$$(mktemp -d) && \
	for f in out/$(YEAR)/*.docx out/$(YEAR)/*.xlsx; do \
		[ -e "$$f" ] || continue; \
		FONTCONFIG_FILE=$(CURDIR)/templates/fonts.conf soffice -env:UserInstallation=file://$$profile --headless \
			--convert-to pdf --outdir out/$(YEAR)-pdf "$$f" >/dev/null 2>&1 || { echo "转换失败：$$f"; rm -rf $$profile; exit 1; }; \
		echo "已转换：out/$(YEAR)-pdf/$$(basename "$${f%.*}").pdf"; \
	done; rm -rf $$profile

test:
	@test -z "$$(gofmt -l cmd internal)" || { echo "以下文件未经 gofmt 格式化："; gofmt -l cmd internal; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	@$(MAKE) --no-print-directory fuzz

# Short fuzz runs of every fuzz target; FUZZTIME=10m for a long run.
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzDecodeFile$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINTIME) ./internal/fund
	$(GO) test -run='^$$' -fuzz='^FuzzLoadAllocation$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINTIME) ./internal/alloc
	$(GO) test -run='^$$' -fuzz='^FuzzScanner$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINTIME) ./internal/tomlx
	$(GO) test -run='^$$' -fuzz='^FuzzTemplate$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINTIME) ./internal/docx
	$(GO) test -run='^$$' -fuzz='^FuzzSheet$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINTIME) ./internal/sheet

fmt:
	gofmt -w cmd internal

# Benchmarks (docs/performance.md): the stages and the whole build of 2019,
# synthetic years of 10 to 100 000 detail rows (loaded and built from their
# files with the rows in TOML, in a CSV file or in a workbook; validated; in
# Word and Excel, with the deflate floor), the template engine's own row
# loop, the text of a 121 MB body, the data-file scanner at its limits and
# the spreadsheet reader. Each runs BENCHCOUNT times; the table shows the
# median time, processor time (all threads), allocations, MB allocated and
# peak resident memory per run, then the targets and ratios the issues
# state. About eight minutes on an idle machine.
BENCHTIME  ?= 0.5s
BENCHCOUNT ?= 3
bench:
	@out=$$(mktemp) && \
	if ! $(GO) test -p 1 -run='^$$' -bench=. -benchmem -benchtime=$(BENCHTIME) -count=$(BENCHCOUNT) ./internal/build ./internal/docx ./internal/tomlx ./internal/sheet >$$out 2>&1; then \
		cat $$out; rm -f $$out; exit 1; fi; \
	awk '/^Benchmark/ { n = $$1; sub(/^Benchmark/, "", n); sub(/-[0-9]+$$/, "", n); r = "-"; \
		if (split(n, a, "/rows=") == 2) { n = a[1]; r = a[2] } \
		k = n "/" r; if (!(k in cnt)) { order[++m] = k; name[k] = n; rows[k] = r } \
		c = ++cnt[k]; for (i = 3; i < NF; i += 2) { val[k, $$(i+1), c] = $$i + 0; has[k, $$(i+1)] = 1 } } \
	function opt(k, u, f) { return has[k, u] ? sprintf(f, med(k, u)) : sprintf("%" length(sprintf(f, 0)) "s", "-") } \
	function med(k, u,   i, j, x, v, c) { c = cnt[k]; for (i = 1; i <= c; i++) { x = val[k, u, i]; \
		for (j = i - 1; j >= 1 && v[j] > x; j--) v[j+1] = v[j]; v[j+1] = x } return v[int((c + 1) / 2)] } \
	function ratio(what, a, b, limit) { if (t[a] && t[b]) printf "  %-44s %5.2f  (target <= %s)\n", what, t[a] / t[b], limit } \
	function target(what, k, ms, mb) { if (!t[k]) return; \
		printf "  %-44s %6.0f ms (target < %d ms)", what, t[k] / 1e6, ms; \
		if (mb) printf ", %5.1f MB peak (target < %d MB)", p[k], mb; \
		printf "  %s\n", (t[k] / 1e6 < ms && (!mb || p[k] < mb)) ? "met" : "NOT MET" } \
	END { printf "%-18s %7s %11s %9s %10s %8s %8s\n", "benchmark", "rows", "time/op", "cpu ms", "allocs/op", "MB/op", "peak MB"; \
		for (i = 1; i <= m; i++) { k = order[i]; t[name[k] "/" rows[k]] = med(k, "ns/op"); p[name[k] "/" rows[k]] = med(k, "peak-MB"); \
			printf "%-18s %7s %8.1f ms %s %10d %8.1f %s\n", name[k], rows[k], med(k, "ns/op") / 1e6, opt(k, "cpu-ms/op", "%9.1f"), med(k, "allocs/op"), med(k, "B/op") / 1e6, opt(k, "peak-MB", "%8.1f") } \
		print ""; print "Load, Build: from the year'"'"'s files, the detail rows in TOML; LoadCSV, BuildCSV: read from a CSV file (GBK);"; \
		print "LoadXLSX, BuildXLSX: from an .xlsx workbook. Word: the report with a detail table of that many rows; Rows: the"; \
		print "engine'"'"'s {{range}} row loop; Deflate, RowsDeflate: deflating their document.xml (the floor); Read: the"; \
		print "spreadsheet reader alone; Text: the text of a 121 MB report body; CheckRefuse, ScanAtLimit, DecodeAtLimit: a data"; \
		print "file at limits.DataFile. cpu ms: processor time of all threads per run (less sensitive to a busy machine)."; \
		target("Build from CSV, 100 000 rows", "BuildCSV/100000", 1200, 350); \
		target("Build from XLSX, 100 000 rows", "BuildXLSX/100000", 2000, 0); \
		ratio("Build from CSV 100 000 / 10 000 rows", "BuildCSV/100000", "BuildCSV/10000", 12); \
		ratio("Build from XLSX 100 000 / 10 000 rows", "BuildXLSX/100000", "BuildXLSX/10000", 12); \
		ratio("Build from TOML 100 000 / 10 000 rows", "Build/100000", "Build/10000", 12); \
		ratio("Load from TOML 100 000 / 10 000 rows", "Load/100000", "Load/10000", 12); \
		ratio("Word 10 000 rows / its deflate", "Word/10000", "Deflate/10000", 4); \
		ratio("Word 100 000 / 10 000 rows", "Word/100000", "Word/10000", 12); \
		ratio("Excel 100 000 / 10 000 rows", "Excel/100000", "Excel/10000", 12); \
		ratio("Rows (row loop) 10 000 / its deflate", "Rows/10000", "RowsDeflate/10000", 4); \
		ratio("Rows (row loop) 100 000 / 10 000", "Rows/100000", "Rows/10000", 12) }' $$out; \
	rm -f $$out
