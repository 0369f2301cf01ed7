# handout: make builds the example PDFs (content/ -> out/).

GO ?= go
GOFMT ?= gofmt

.PHONY: all handout test bench check clean

all: handout
	./handout build

# Always rebuilt: go build is quick when nothing changed, and knows better
# than make what the binary depends on. -trimpath -buildvcs=false: the same
# source gives the same binary, whatever the folder or commit, so that the
# PDFs recorded in out/.handout-manifest.json stay reusable.
handout:
	$(GO) build -trimpath -buildvcs=false -o handout .

# Fails, listing them, if any files need gofmt.
test:
	@unformatted=$$($(GOFMT) -l .); \
	if [ -n "$$unformatted" ]; then echo "gofmt -l: these files need gofmt:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test ./...

# benchstat-ready: six runs of every benchmark, kept in bench.txt.
bench:
	$(GO) test -p 1 -run '^$$' -bench . -benchmem -count 6 ./... | tee bench.txt

check: handout
	./handout check

clean:
	rm -f handout bench.txt
	[ ! -d out ] || find out -mindepth 1 ! -name .gitkeep -delete
