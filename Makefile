# ogp — two commands: `make demo` (set up, build, harvest the bundled sample, search it)
# and `make test` (set up, run the tests). Both work offline.
SWIFT ?= swift
DEMO_DIR ?= demo-data
RELEASE_BIN = .build/release

.PHONY: setup build release demo serve test bench clean

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

# ogp-serve (Hummingbird; its own product, not built by `make demo`) on the demo catalogue.
SERVE_PORT ?= 8080
serve: setup
	$(SWIFT) build -c release --product ogp-serve
	@if [ ! -f $(DEMO_DIR)/catalog.sqlite ]; then $(MAKE) demo; fi
	$(RELEASE_BIN)/ogp-serve --data-dir $(DEMO_DIR) --port $(SERVE_PORT)

test:
	@scripts/setup.sh --test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	Benchmarks/run-all.sh

clean:
	rm -rf .build $(DEMO_DIR)
