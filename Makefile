# Warta — one environment (.venv, from requirements.txt) for the lab, the tests and briefings.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
CORPUS  ?= seeds
PORT    ?= 8888
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test briefing bench bench-full bench-100k annotate add clean

$(BIN)/.installed: requirements.txt requirements-dask.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dask.txt
	# make `import helpers` work from notebooks/, tests and papermill without installing
	$(BIN)/python -c "import site,sys; open(site.getsitepackages()[0]+'/warta.pth','w').write(sys.argv[1]+'\\n')" "$(CURDIR)"
	touch $@

## make lab: open JupyterLab on notebooks/ (127.0.0.1, token authentication on); the notebooks
## read CORPUS (default seeds/) through WARTA_CORPUS: make lab CORPUS=path/to/folder
# (CORPUS may hold spaces: every use of it below is quoted)
lab: $(BIN)/.installed
	corpus="$$(cd -- "$(CORPUS)" && pwd)" || { echo 'make lab: CORPUS="$(CORPUS)" is not a folder' >&2; exit 2; }; \
	WARTA_CORPUS="$$corpus" $(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) --ServerApp.root_dir=notebooks \
	  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate $(ROOT_FLAG)

## make test: the whole suite (unit, notebooks with nbval, browser test)
test: $(BIN)/.installed
	$(BIN)/python -m pytest

## make annotate: write the tables of CORPUS as CSV into build/tables
annotate: $(BIN)/.installed
	$(BIN)/python -m helpers annotate "$(CORPUS)" --out build/tables

## make add: add a saved web page (.html/.htm), a folder of them or an address to a corpus
## folder (one NNN_<slug>.txt + one metadata.csv row per article). CORPUS must be given:
## make add SOURCE="saved pages/Banjir.html" CORPUS="stories/banjir"
add: $(BIN)/.installed
	@test -n "$(SOURCE)" || { echo 'usage: make add SOURCE="page.html | folder | https://..." CORPUS=folder' >&2; exit 2; }
	$(if $(filter file,$(origin CORPUS)),@echo 'make add: give CORPUS=folder (the folder to add to)' >&2; exit 2)
	$(BIN)/python -m helpers add "$(SOURCE)" --corpus "$(CORPUS)"

## make briefing: render notebooks/04_briefing.ipynb to build/briefing.html (+ PNG and CSV per chart)
briefing: $(BIN)/.installed
	$(BIN)/python -m helpers briefing "$(CORPUS)" --out build

## make bench: speed and scale on a synthetic 10,000-article corpus (speed steps on a 2,000-article
## sample, a few minutes) → build/bench.json; bench-full: every step on every article (long);
## bench-100k: a 100,000-article corpus through the annotation cache, notebooks 01-03 on it
bench: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	$(BIN)/python -m bench

bench-full: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	$(BIN)/python -m bench --full --out build/bench_full.json

bench-100k: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	$(BIN)/python -m bench --scale 100000

clean:  # build/ holds outputs and the annotation cache (build/cache): all derived, safe to delete
	rm -rf build .pytest_cache
