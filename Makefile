# ogp — two commands: `make demo` (set up, build, harvest the bundled sample, search it)
# and `make test` (set up, run the tests). Both work offline.
SWIFT ?= swift
DEMO_DIR ?= demo-data
RELEASE_BIN = .build/release

.PHONY: setup build release demo test bench clean

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

# The tests run beside a throw-away PostgreSQL cluster (installed from Debian when missing).
test: setup
	$(SWIFT) build --build-tests
	scripts/pg-test-cluster.sh run -- $(SWIFT) test --skip-build

bench: release
	Benchmarks/run-all.sh

clean:
	rm -rf .build $(DEMO_DIR)
