# 知识产权专项资金绩效评价报告生成工具
#   make report YEAR=2019   生成该年度全部文件到 out/2019/（不写 YEAR 则为 data/ 下最新年度）
#   make check  YEAR=2019   只检查数据
#   make allocation YEAR=2023  只做因素法分配（data/2023/allocation.toml）
#   make test               运行全部测试

GO       ?= go
YEAR     ?= $(shell ls data 2>/dev/null | grep -E '^[0-9]{4}$$' | sort -n | tail -n 1)
FUZZTIME ?= 5s
CLI       = $(GO) run ./cmd/ipfund

.PHONY: report check allocation test fuzz fmt

report:
	@$(CLI) build $(YEAR)

check:
	@$(CLI) check $(YEAR)

allocation:
	@$(CLI) allocate $(YEAR)

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
