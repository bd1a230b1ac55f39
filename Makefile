# One entry point: `make test` runs every check on a fresh Debian machine (as root it installs
# what is missing first); `make bench` runs the benchmarks. Each binding keeps its own Makefile
# with `test` and `bench` targets, picked up here by wildcard.

CARGO ?= cargo
BINDINGS := $(patsubst %/Makefile,%,$(wildcard bindings-*/Makefile))

.PHONY: test deps lint test-rust test-vectors test-bindings test-browser test-nextjs bench bench-rust timing fuzz demo $(addprefix test-,$(BINDINGS)) $(addprefix bench-,$(BINDINGS))

test: deps lint test-rust test-vectors test-bindings test-browser test-nextjs
	@echo "make test: every suite passed"

deps:
	@scripts/install-deps.sh

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# The webhook test that posts from the Chatwoot-like Ruby sender must run here, not skip.
test-rust:
	CHATWOOT_IDENTITY_REQUIRE_RUBY=1 $(CARGO) test --workspace --exclude chatwoot-identity-python --exclude chatwoot-identity-node

test-vectors:
	python3 tests/vectors/generate.py --check

test-bindings: $(addprefix test-,$(BINDINGS))

$(addprefix test-,$(BINDINGS)): test-%:
	$(MAKE) -C $* test

# Real Chromium against pages rendered by the core (through the CLI) and by the Django, Rails
# and Express helpers; after the bindings, whose suites build and install what the pages use.
test-browser: test-bindings
	$(MAKE) -C tests/browser test

# The Next.js App Router example: next build, next start, Chromium (chatwoot-identity/react).
test-nextjs: test-bindings
	$(MAKE) -C tests/nextjs test

# Each benchmark leaves its figures in target/bench/<language>.json; report.py turns them all
# into BENCHMARKS.md.
bench: bench-rust timing $(addprefix bench-,$(BINDINGS))
	python3 bench/report.py

bench-rust:
	$(CARGO) bench -p chatwoot-identity --bench hashing
	python3 bench/rust_summary.py
	$(CARGO) build --release -p chatwoot-identity-cli
	python3 bench/cli_batch.py

# dudect: does verify's time depend on where a wrong candidate differs? (about a minute)
timing:
	mkdir -p target/bench
	$(CARGO) build --release -p chatwoot-identity-timing
	python3 bench/timing.py

# Fuzzing needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz --locked);
# it is not part of `make test`. FUZZ_SECONDS per target; the corpora in fuzz/corpus grow.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := identifier_hash verify diagnose widget_script c_abi webhook_verify webhook_diagnose
fuzz:
	cd fuzz && for target in $(FUZZ_TARGETS); do \
	  cargo +nightly fuzz run -O $$target -- -max_total_time=$(FUZZ_SECONDS) -max_len=4096 || exit 1; \
	done

$(addprefix bench-,$(BINDINGS)): bench-%:
	$(MAKE) -C $* bench

demo:
	CHATWOOT_HMAC_SECRET=your-secret-token-for-hmac $(CARGO) run -q --release -p chatwoot-identity-cli -- hash unique-identifier-of-the-user
