# One entry point: `make test` runs every check on a fresh Debian machine (as root it installs
# what is missing first); `make bench` runs the benchmarks. Each binding keeps its own Makefile
# with `test` and `bench` targets, picked up here by wildcard.

CARGO ?= cargo
GO ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
BINDINGS := $(patsubst %/Makefile,%,$(wildcard bindings-*/Makefile))

.PHONY: test deps lint test-rust test-vectors test-bindings test-browser test-nextjs dist test-dist test-packaging lint-workflows bench bench-rust timing fuzz demo $(addprefix test-,$(BINDINGS)) $(addprefix bench-,$(BINDINGS))

test: deps lint lint-workflows test-rust test-vectors test-bindings test-dist test-browser test-nextjs
	@echo "make test: every suite passed"

# `make test` builds every package in release mode, as users get it, but without the fat
# link-time optimisation with one codegen unit that shipped builds and `make bench` use: that
# makes each of the eight native libraries a minutes-long serial link on a 2-core CI machine,
# and no test measures speed. (Target-specific, so the setting reaches every prerequisite and
# every cargo that maturin, napi, rb-sys and Mix run; `make dist` alone keeps the release
# profile.)
test: export CARGO_PROFILE_RELEASE_LTO = false
test: export CARGO_PROFILE_RELEASE_CODEGEN_UNITS = 16

deps:
	@scripts/install-deps.sh

# The fuzz targets are a workspace of their own (running them needs nightly), so the workspace
# build never compiles them; linting them here keeps them in step with the core and the C ABI.
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) fmt --manifest-path fuzz/Cargo.toml -- --check
	$(CARGO) clippy --manifest-path fuzz/Cargo.toml --bins --locked -- -D warnings

# The webhook test that posts from the Chatwoot-like Ruby sender must run here, not skip.
test-rust:
	CHATWOOT_IDENTITY_REQUIRE_RUBY=1 $(CARGO) test --workspace --exclude chatwoot-identity-python --exclude chatwoot-identity-node

test-vectors:
	python3 tests/vectors/generate.py --check

# Two suites at a time: most of a suite's time is one test runner on one core (pytest, node
# --test, minitest, ExUnit, valgrind), so a second suite fills the other core of a CI machine.
# -O keeps each suite's output together; cargo's own lock orders the builds they share.
test-bindings:
	$(MAKE) -j2 -O $(addprefix test-,$(BINDINGS))

# Each suite itself runs in order (-j1): its steps build on one another.
$(addprefix test-,$(BINDINGS)): test-%:
	$(MAKE) -j1 -C $* test

# Real Chromium against pages rendered by the core (through the CLI) and by the Django, Rails
# and Express helpers; after the bindings, whose suites build and install what the pages use.
test-browser: test-bindings
	$(MAKE) -C tests/browser test

# The Next.js App Router example: next build, next start, Chromium (chatwoot-identity/react).
test-nextjs: test-bindings
	$(MAKE) -C tests/nextjs test

# Every release artifact this machine builds (linux x86_64), versioned from Cargo.toml, into
# dist/ (RELEASING.md). test-dist installs each one by name from a registry on loopback, in a
# fresh environment without cargo or rustc on PATH, and runs its README's example; it comes
# after the bindings' suites so that it reuses their Rust builds' dependencies.
dist:
	packaging/dist.sh

test-dist: test-packaging dist
	packaging/test-dist.sh

# The packaging scripts' own tests (the versions of every manifest agree, and a mismatch fails).
test-packaging:
	python3 -m unittest discover -s packaging/tests -v

# The release workflow (.github/workflows/release.yml), by actionlint at a pinned version.
ACTIONLINT_VERSION := v1.7.12
ACTIONLINT := target/tools/actionlint-$(ACTIONLINT_VERSION)/actionlint
lint-workflows: $(ACTIONLINT)
	$(ACTIONLINT) -no-color
$(ACTIONLINT):
	GOBIN=$(abspath $(dir $(ACTIONLINT))) GOFLAGS=-mod=mod $(GO) install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)

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
