"""The library's layout: one folder per stage, and no stage imports a stage above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parents[1] / "lib" / "newsprism"
# Bottom to top, as an article flows: files -> articles -> parse -> entities -> quotes -> markers
# -> comparison -> what a reader sees -> the run. cli.py sits on top of everything.
STAGES = ("text", "ingest", "entities", "quotes", "framing", "compare", "present", "run")


def _rank(module: str) -> int | None:
    """Rank of a ``newsprism.<stage>...`` module; None for modules outside the stages."""
    parts = module.split(".")
    if parts[0] != "newsprism" or len(parts) < 2:
        return None
    if parts[1] == "cli":
        return len(STAGES)
    return STAGES.index(parts[1]) if parts[1] in STAGES else None


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every newsprism module ``path`` imports, at any depth of the file (function-level imports too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            found.extend((node.lineno, name) for name in names if name.startswith("newsprism"))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names if alias.name.startswith("newsprism"))
    return found


def _modules() -> list[Path]:
    return sorted(p for p in LIBRARY.rglob("*.py") if p.name != "__init__.py" or p.parent != LIBRARY)


def test_every_module_lives_in_a_stage_folder():
    loose = sorted(p.name for p in LIBRARY.glob("*.py") if p.name not in ("__init__.py", "cli.py"))
    assert loose == []
    assert sorted(p.name for p in LIBRARY.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(
        [*STAGES, "data"]
    )


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(LIBRARY)))
def test_no_module_imports_a_stage_above_its_own(path):
    relative = path.relative_to(LIBRARY)
    own = _rank("newsprism." + ".".join(relative.with_suffix("").parts))
    upward = [
        f"line {line}: {name}" for line, name in _imports(path)
        if (rank := _rank(name)) is not None and own is not None and rank > own
    ]
    assert upward == [], f"{relative} imports from a stage above it"


def test_every_stage_says_what_comes_in_and_what_goes_out():
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((LIBRARY / stage / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "In:" in doc and "Out:" in doc, stage
