# 知识产权专项资金绩效评价报告生成工具：make 或 make help 列出全部目标。

GO       ?= go
YEAR     ?=
# Fuzz runs are counted, not timed: a timed run can fail at its deadline on
# a loaded machine (go.dev/issue/75804). Minimising an interesting input is
# kept short, or it can stall a short run.
FUZZTIME ?= 1000x
FUZZMINTIME ?= 1s
# The command is built into bin/ inside the project (ignored by git) and run
# from there: its own messages are all a user sees (go run would add
# English), and no other user of a shared /tmp can swap the program make
# runs. Every path in a recipe is quoted: the project may live under a
# path with spaces and Chinese, and so may TMPDIR.
EXE      := $(if $(filter Windows_NT,$(OS)),.exe)
BIN      := bin/ipfund$(EXE)
# YEAR as one quoted shell word (or nothing), whatever was typed.
QYEAR     = $(if $(YEAR),'$(subst ','\'',$(YEAR))')

.DEFAULT_GOAL := help
.PHONY: help report check allocation new pdf test fuzz fmt bench bin dist

help:
	@echo "知识产权专项资金绩效评价报告生成工具（ipfund）。用法：make <目标> [YEAR=年度]"
	@echo ""
	@echo "  make report YEAR=2019       检查 2019 年度数据并生成 out/2019/（不写 YEAR 则处理全部年度）"
	@echo "  make check YEAR=2019        只检查数据并显示主要结果，不生成文件"
	@echo "  make allocation YEAR=2023   只做因素法分配（data/2023/allocation.toml）"
	@echo "  make new YEAR=2020          从最近的上一年度建立 data/2020/（不覆盖已有年度）"
	@echo "  make pdf YEAR=2019          把 out/2019/ 的 Word、Excel 转成 PDF，放在 out/2019-pdf/（需要 LibreOffice）"
	@echo "  make test                   运行全部测试"
	@echo "  make fuzz FUZZTIME=10m      较长时间的模糊测试"
	@echo "  make bench                  性能基准测试（见 docs/performance.md）"
	@echo "  make dist                   编译可单独拷贝的程序（Windows、Linux 含龙芯和 ARM、macOS），放在 dist/"
	@echo "  make help                   显示本列表"
	@echo ""
	@echo "程序编译在 bin/ 中；不用 make 时可直接运行 bin/ipfund help（Windows 上见 README）。"

bin:
	@test -x "$(BIN)" || echo "正在编译程序（第一次运行约半分钟，请稍候）……"
	@$(GO) build -o "$(BIN)" ./cmd/ipfund

report: bin
	@"$(BIN)" build $(QYEAR)

check: bin
	@"$(BIN)" check $(QYEAR)

allocation: bin
	@"$(BIN)" allocate $(QYEAR)

new: bin
	@$(if $(YEAR),"$(BIN)" new $(QYEAR),echo "请写明新年度，例如：make new YEAR=2020"; exit 2)

# PDF previews of the year's documents (ipfund pdf; without YEAR, every
# year). The official fonts are substituted through templates/fonts.conf
# where they are not installed.
pdf: bin
	@"$(BIN)" pdf $(QYEAR)

# Self-contained programs for the platforms bureau staff use, into dist/
# with SHA256SUMS. Reproducible: no paths (-trimpath), no build id, no VCS
# stamp but the version and commit given here, so two runs on one commit
# give the same bytes. The version is the commit's date and short hash.
DIST_PLATFORMS = windows/amd64 windows/arm64 linux/amd64 linux/arm64 linux/loong64 darwin/arm64
dist:
	@rm -rf dist && mkdir dist
	@commit=$$(git rev-parse HEAD 2>/dev/null) || commit=; \
	version=$$(git log -1 --date=format:%Y.%m.%d --format=%cd-%h 2>/dev/null) || version=; \
	if [ -n "$$version" ] && [ -n "$$(git status --porcelain 2>/dev/null)" ]; then version=$$version-modified; fi; \
	echo "版本 $${version:-未知}，提交 $${commit:-未知}"; \
	for p in $(DIST_PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ "$$os" = windows ] && ext=.exe; \
		out="dist/ipfund-$$os-$$arch$$ext"; echo "  $$out"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch GOAMD64=v1 GOARM64=v8.0 \
		$(GO) build -trimpath -buildvcs=false \
			-ldflags="-s -w -buildid= -X ipfund/internal/version.Version=$$version -X ipfund/internal/version.Commit=$$commit" \
			-o "$$out" ./cmd/ipfund || exit 1; \
	done
	@cd dist && if command -v sha256sum >/dev/null 2>&1; then sha256sum ipfund-*; else shasum -a 256 ipfund-*; fi > SHA256SUMS
	@echo "  dist/SHA256SUMS"

test:
	@test -z "$$(gofmt -l cmd internal templates)" || { echo "以下文件未经 gofmt 格式化："; gofmt -l cmd internal templates; exit 1; }
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
	gofmt -w cmd internal templates

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
	if ! $(GO) test -p 1 -run='^$$' -bench=. -benchmem -benchtime=$(BENCHTIME) -count=$(BENCHCOUNT) ./internal/build ./internal/docx ./internal/tomlx ./internal/sheet >"$$out" 2>&1; then \
		cat "$$out"; rm -f "$$out"; exit 1; fi; \
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
		ratio("Rows (row loop) 100 000 / 10 000", "Rows/100000", "Rows/10000", 12) }' "$$out"; \
	rm -f "$$out"
