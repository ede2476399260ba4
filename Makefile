# Every target acts on the project in the current directory and installs what it needs first.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
JS     := node_modules/.installed-stamp
BENCH_JS := bench/node_modules/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install browser validate build build-fast serve test test-fast fuzz lint bench clean

install: $(STAMP) $(JS)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

$(JS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium renders static images (kaleido) and drives browser tests (Playwright).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install -y chromium'" >&2; exit 1; fi; }

validate: install
	$(PY) -m generators validate --strict

build: install browser
	$(PY) -m generators build

build-fast: install
	$(PY) -m generators build --no-images

serve: install
	$(PY) -m generators validate
	$(PY) -m generators serve --dev-addr 127.0.0.1:8000

test: install browser
	$(PY) -m pytest -n 2 -q

test-fast: install
	$(PY) -m pytest -q -m "not browser and not slow"

# A long fuzzing session over the data loader (the suite runs 150 examples per test).
fuzz: install
	FUZZ_EXAMPLES=10000 $(PY) -m pytest tests/model/test_fuzz.py

lint: install
	$(PY) -m ruff check generators tests bench
	$(PY) -m mypy generators

# The baselines the benchmark measures against (TimelineJS, vis-timeline), pinned in bench/package-lock.json.
$(BENCH_JS): bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	touch $@

bench: install browser $(BENCH_JS)
	$(PY) -m bench.run

clean:
	rm -rf site .cache bench/out
