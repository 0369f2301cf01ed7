# handout: make builds the example PDFs (content/ -> out/).

GO ?= go
GOFMT ?= gofmt

.PHONY: all handout test bench check dist clean

all: handout
	./handout build

# Always rebuilt: go build is quick when nothing changed, and knows better
# than make what the binary depends on. -trimpath -buildvcs=false: the same
# source gives the same binary, whatever the folder or commit, so that the
# PDFs recorded in out/.handout-manifest.json stay reusable.
handout:
	$(GO) build -trimpath -buildvcs=false -o handout .

# Fails, listing them, if any files need gofmt. Tests that check PDFs
# with poppler-utils or qpdf, and fonts with fontTools or a Chinese font,
# skip without them (outside CI=true), each noted in the file
# HANDOUT_SKIP_LOG names (internal/pdftool): the run ends with one line that
# counts them and names the packages, as go test alone shows skips only
# with -v.
test:
	@unformatted=$$($(GOFMT) -l .); \
	if [ -n "$$unformatted" ]; then echo "gofmt -l: these files need gofmt:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	@log=$$(mktemp); echo "$(GO) test ./..."; \
	HANDOUT_SKIP_LOG=$$log $(GO) test ./...; status=$$?; \
	if [ -s "$$log" ]; then \
		echo "make test: skipped $$(wc -l <"$$log" | tr -d ' ') tests that need $$(cut -f1 "$$log" | sort -u | paste -sd, - | sed 's/,/, /g'), which are not installed; to run them: apt-get install -y $$(cut -f2 "$$log" | sort -u | xargs)"; \
	fi; \
	rm -f "$$log"; exit $$status

# benchstat-ready: six runs of every benchmark, kept in bench.txt.
bench:
	$(GO) test -p 1 -run '^$$' -bench . -benchmem -count 6 ./... | tee bench.txt

check: handout
	./handout check

# Release archives in dist/: handout for linux, darwin and windows on amd64
# and arm64, with the README and the licenses, and SHA256SUMS
# (internal/dist). The version is the file VERSION or git describe, the
# files' time SOURCE_DATE_EPOCH or the last commit's: the same source and
# Go release give the same bytes.
dist:
	rm -rf dist
	$(GO) run ./internal/dist/gen -go $(GO) -o dist

clean:
	rm -f handout bench.txt
	rm -rf dist
	[ ! -d out ] || find out -mindepth 1 ! -name .gitkeep -delete
