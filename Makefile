# ogp — two commands: `make demo` (set up, build, harvest the bundled sample, search it)
# and `make test` (set up, run the tests). Both work offline.
SWIFT ?= swift
DEMO_DIR ?= demo-data
RELEASE_BIN = .build/release

FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 30
TIMING_SUITES = CrashSafetyTests|RunOptionsTests|CancellationTests|WorkerHarvestTests

PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: setup build release demo serve test bench fuzz fuzz-smoke clean man install uninstall

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
	$(RELEASE_BIN)/ogp-search --data-dir $(DEMO_DIR) --synonyms config/synonyms.txt "données environnementales"

# ogp-serve (Hummingbird; its own product, not built by `make demo`) on the demo catalogue.
SERVE_PORT ?= 8080
serve: setup
	$(SWIFT) build -c release --product ogp-serve
	@if [ ! -f $(DEMO_DIR)/catalog.sqlite ]; then $(MAKE) demo; fi
	$(RELEASE_BIN)/ogp-serve --data-dir $(DEMO_DIR) --port $(SERVE_PORT)

# The tests run beside a throw-away PostgreSQL cluster (installed from Debian when missing).
test:
	@scripts/setup.sh --test
	$(SWIFT) build --build-tests
	$(SWIFT) build --product generate-manual  # for the install test's man pages
	scripts/pg-test-cluster.sh run -- scripts/in-scratch-tmp.sh $(SWIFT) test --skip-build --skip '$(TIMING_SUITES)'
	@# Suites whose scenarios depend on timing (kills mid-run, time limits, signals) run on
	@# their own: in the parallel run, other tests' synchronous work can starve them.
	scripts/pg-test-cluster.sh run -- scripts/in-scratch-tmp.sh $(SWIFT) test --skip-build --filter '$(TIMING_SUITES)'
	@scripts/fuzz-smoke-ci.sh

# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of every decoder of outside data, a
# bounded time per target (Fuzz/README.md). `fuzz-smoke` is the short run `make test` does.
fuzz: setup
	Fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: setup
	Fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

# Man pages from the argument parser (swift-argument-parser's generate-manual tool), one per
# command and subcommand.
man: release
	$(SWIFT) build -c release --product generate-manual
	@rm -rf .build/man && mkdir -p .build/man
	$(RELEASE_BIN)/generate-manual $(RELEASE_BIN)/ogp --multi-page -o .build/man
	$(RELEASE_BIN)/generate-manual $(RELEASE_BIN)/ogp-search --multi-page -o .build/man

# `make install PREFIX=/usr/local` (DESTDIR for packaging): binaries, plans reference, example
# configuration, logrotate and systemd examples, man pages, bash/zsh/fish completions.
install: man
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" BIN="$(RELEASE_BIN)" MAN=.build/man scripts/install.sh install

uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/install.sh uninstall

bench: release
	Benchmarks/run-all.sh

clean:
	rm -rf .build Fuzz/.build $(DEMO_DIR)
