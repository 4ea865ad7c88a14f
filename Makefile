# ogp — two commands: `make demo` (set up, build, harvest the bundled sample, search it)
# and `make test` (set up, run the tests). Both work offline.
SWIFT ?= swift
DEMO_DIR ?= demo-data
RELEASE_BIN = .build/release

FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 30

.PHONY: setup build release demo test bench fuzz fuzz-smoke clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --product ogp
	$(SWIFT) build -c release --product ogp-search

demo: release
	@rm -rf $(DEMO_DIR)
	$(RELEASE_BIN)/ogp harvest --config config/demo.yml --data-dir $(DEMO_DIR)
	$(RELEASE_BIN)/ogp-search --data-dir $(DEMO_DIR) "données environnementales"

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) fuzz-smoke

# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of every decoder of outside data, a
# bounded time per target (Fuzz/README.md). `fuzz-smoke` is the short run `make test` does.
fuzz: setup
	Fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: setup
	Fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

bench: release
	Benchmarks/run-all.sh

clean:
	rm -rf .build Fuzz/.build $(DEMO_DIR)
