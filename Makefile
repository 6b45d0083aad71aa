# parcours: a guided learning-path engine for the terminal.
#   make run    start parcours (the REPL) on the default store
#   make test   format check, build and every test (against a throwaway PostgreSQL server and LRS)
#   make bench  release-build benchmarks (see docs/performance.md)

SWIFT      ?= swift
PREFIX     ?= /usr/local
BIN_DEBUG  := .build/debug/parcours
BIN_RELEASE:= .build/release/parcours
APT_PACKAGES := libreadline-dev libsqlite3-dev graphviz hyperfine chromium postgresql python3-venv curl
# Ralph, the open-source LRS the tests post xAPI statements to, lives in this git-ignored
# virtual environment (made by `make test` when missing).
LRS_VENV   := .venv-lrs
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: all deps lrs-deps build release run test format lint bench fuzz install uninstall clean

all: build

## deps: install the system packages parcours needs, when they are missing (Debian/Ubuntu).
deps:
	@if command -v dpkg >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing:$$missing"; \
	    $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  fi; \
	else echo "dpkg not found: install readline and sqlite3 development files yourself"; fi
	@python3 -c 'import jsonschema, yaml' 2>/dev/null || \
	  python3 -m pip install --quiet jsonschema pyyaml 2>/dev/null || \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-jsonschema python3-yaml

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	@$(BIN_DEBUG)

## lrs-deps: Ralph (ralph-malph on PyPI) in $(LRS_VENV), when it is not there yet.
lrs-deps:
	@[ -x $(LRS_VENV)/bin/ralph ] || { \
	  echo "Installing Ralph, the tests' LRS, in $(LRS_VENV)"; \
	  python3 -m venv $(LRS_VENV) && $(LRS_VENV)/bin/pip install --quiet "ralph-malph[cli,lrs]" requests; }

## test: formatting, course lint, then every test target (unit, store, terminal, end to end).
## The tests run against a throwaway PostgreSQL server (Tests/Scripts/postgres-server.sh) and
## a throwaway LRS, Ralph (Tests/Scripts/lrs-server.sh), both stopped and deleted afterwards,
## whether the tests pass, fail or are interrupted. With PARCOURS_TEST_POSTGRES_URL already
## set, that server is used and no PostgreSQL is started; with PARCOURS_TEST_LRS_URL (and
## PARCOURS_TEST_LRS_KEY, PARCOURS_TEST_LRS_SECRET), that LRS, and no Ralph.
test: deps lrs-deps
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Sources Tests
	$(SWIFT) build
	$(BIN_DEBUG) lint
	@pgdir=""; lrsdir=""; \
	trap '[ -z "$$pgdir" ] || Tests/Scripts/postgres-server.sh stop "$$pgdir"; \
	  [ -z "$$lrsdir" ] || Tests/Scripts/lrs-server.sh stop "$$lrsdir"' EXIT; \
	trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM; \
	if [ -n "$$PARCOURS_TEST_POSTGRES_URL" ]; then \
	  echo "PostgreSQL: the server of PARCOURS_TEST_POSTGRES_URL (none started)"; \
	else \
	  pgdir=$$(mktemp -d "$${TMPDIR:-/tmp}/parcours-pg.XXXXXX") || exit 1; \
	  PARCOURS_TEST_POSTGRES_URL=$$(Tests/Scripts/postgres-server.sh start "$$pgdir") || exit 1; \
	  export PARCOURS_TEST_POSTGRES_URL; \
	fi; \
	if [ -n "$$PARCOURS_TEST_LRS_URL" ]; then \
	  echo "LRS: the server of PARCOURS_TEST_LRS_URL (none started)"; \
	else \
	  lrsdir=$$(mktemp -d "$${TMPDIR:-/tmp}/parcours-lrs.XXXXXX") || exit 1; \
	  PARCOURS_TEST_LRS_URL=$$(Tests/Scripts/lrs-server.sh start "$$lrsdir") || exit 1; \
	  PARCOURS_TEST_LRS_KEY=$$(cat "$$lrsdir/key"); PARCOURS_TEST_LRS_SECRET=$$(cat "$$lrsdir/secret"); \
	  export PARCOURS_TEST_LRS_URL PARCOURS_TEST_LRS_KEY PARCOURS_TEST_LRS_SECRET; \
	fi; \
	echo "PARCOURS_TEST_POSTGRES_URL=(server) PARCOURS_TEST_LRS_URL=$$PARCOURS_TEST_LRS_URL $(SWIFT) test"; \
	$(SWIFT) test

format:
	$(SWIFT) format --in-place --recursive --configuration .swift-format Sources Tests

lint: build
	$(BIN_DEBUG) lint

bench: release
	./Benchmarks/run-all.sh
	PARCOURS_BIN=$(CURDIR)/.build-bench/release/parcours ./Benchmarks/report-bench.sh

## fuzz: libFuzzer with AddressSanitizer on the bundle decoder and the course loader,
## FUZZ_SECONDS each (default 300). Findings land in .build-fuzz/findings/ (docs/reliability.md).
FUZZ_SECONDS ?= 300
FUZZ_FLAGS := -c release --package-path Fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
fuzz: deps
	$(SWIFT) build $(FUZZ_FLAGS)
	@mkdir -p .build-fuzz/findings .build-fuzz/corpus/bundle .build-fuzz/corpus/course
	@for target in bundle course; do \
	  echo "fuzz-$$target: $(FUZZ_SECONDS) s"; \
	  .build-fuzz/release/fuzz-$$target -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=.build-fuzz/findings/$$target- -print_final_stats=1 \
	    .build-fuzz/corpus/$$target Fuzz/corpus/$$target || exit $$?; \
	done

## install: the release binaries (parcours, and parcours-sync beside it), the courses, bash/zsh/fish completions and a man page under
## $(PREFIX) (default /usr/local; DESTDIR for staging).
MANDIR   := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR  := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR   := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR  := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/parcours $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 0755 $(BIN_RELEASE) $(DESTDIR)$(PREFIX)/bin/parcours
	install -m 0755 $(BIN_RELEASE)-sync $(DESTDIR)$(PREFIX)/bin/parcours-sync
	cp -R Paths Locales $(DESTDIR)$(PREFIX)/share/parcours/
	$(BIN_RELEASE) --generate-completion-script bash > $(BASHDIR)/parcours
	$(BIN_RELEASE) --generate-completion-script zsh > $(ZSHDIR)/_parcours
	$(BIN_RELEASE) --generate-completion-script fish > $(FISHDIR)/parcours.fish
	$(SWIFT) package generate-manual --configuration release
	install -m 0644 .build/plugins/GenerateManual/outputs/parcours/parcours.1 $(MANDIR)/parcours.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/parcours $(DESTDIR)$(PREFIX)/bin/parcours-sync $(MANDIR)/parcours.1 $(BASHDIR)/parcours $(ZSHDIR)/_parcours \
	  $(FISHDIR)/parcours.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/parcours

clean:
	rm -rf .build
