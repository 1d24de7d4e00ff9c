# newsprism: two commands do all set-up on a fresh machine with Python 3.11+ and make.
#   make report   creates .venv, installs the pinned stack and model, registers the kernel, runs seeds/
#   make test     the same set-up, then every test (library, notebooks, end to end)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
KERNEL := newsprism
INPUT  ?= seeds

# uv must use this machine's Python, never download one.
export UV_PYTHON_DOWNLOADS := never

.PHONY: install report test lab bench lock clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	# Bytecode is compiled at install time: kernels then import spaCy and pandas in ~3 s instead of ~10 s.
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/newsprism kernel --name $(KERNEL)
	@touch $@

report: install
	$(BIN)/newsprism run $(INPUT)

test: install
	$(BIN)/python -m pytest

# JupyterLab on the project root, opening 01-ingest first. INPUT names the articles folder and
# TEACHING=true turns teaching mode on in every notebook (both reach the kernels as variables).
TEACHING ?= false
lab: install
	NEWSPRISM_INPUT="$(INPUT)" NEWSPRISM_TEACHING="$(TEACHING)" \
	  $(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/01-ingest.ipynb \
	  $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: install
	$(BIN)/python bench/bench_run.py

# Re-resolve the pinned lock after changing requirements.in (needs the registry).
lock: install
	$(BIN)/uv pip compile --quiet requirements.in -o requirements.lock

clean:
	rm -rf $(VENV) outputs/*/
