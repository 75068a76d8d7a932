# 知识产权专项资金绩效评价报告生成工具
#   make report YEAR=2019   生成该年度全部文件到 out/2019/（不写 YEAR 则为 data/ 下最新年度）
#   make check  YEAR=2019   只检查数据
#   make allocation YEAR=2023  只做因素法分配（data/2023/allocation.toml）
#   make pdf    YEAR=2019   把该年度生成的 Word、Excel 文件转成 PDF（需要 LibreOffice），放在 out/2019-pdf/
#   make test               运行全部测试

GO       ?= go
YEAR     ?= $(shell ls data 2>/dev/null | grep -E '^[0-9]{4}$$' | sort -n | tail -n 1)
FUZZTIME ?= 5s
CLI       = $(GO) run ./cmd/ipfund

.PHONY: report check allocation pdf test fuzz fmt

report:
	@$(CLI) build $(YEAR)

check:
	@$(CLI) check $(YEAR)

allocation:
	@$(CLI) allocate $(YEAR)

# PDF previews of the year's documents. The official fonts are substituted
# through templates/fonts.conf where they are not installed.
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
	$(GO) test -run='^$$' -fuzz='^FuzzDecodeFile$$' -fuzztime=$(FUZZTIME) ./internal/fund
	$(GO) test -run='^$$' -fuzz='^FuzzLoadAllocation$$' -fuzztime=$(FUZZTIME) ./internal/alloc
	$(GO) test -run='^$$' -fuzz='^FuzzTemplate$$' -fuzztime=$(FUZZTIME) ./internal/docx

fmt:
	gofmt -w cmd internal
