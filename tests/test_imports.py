"""The house has no import cycles: a graph of every helpers/ module's imports of other helpers/
modules (at the top or inside functions) must be acyclic, and importing ``helpers`` alone loads
nothing else (the public API is lazy)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

HELPERS = Path(__file__).resolve().parents[1] / "helpers"


def module_names() -> set[str]:
    names = {p.stem for p in HELPERS.glob("*.py") if p.stem not in ("__init__", "__main__")}
    return names | {p.name for p in HELPERS.iterdir() if (p / "__init__.py").exists()}


def imports_of(path: Path, names: set[str]) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level == 1 or mod.split(".")[0] == "helpers":
                base = mod.removeprefix("helpers").strip(".").split(".")[0]
                found |= {base} if base else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("helpers.")}
    return found & names


def graph() -> dict[str, set[str]]:
    names = module_names()
    out = {}
    for n in names:
        p = HELPERS / f"{n}.py"
        out[n] = imports_of(p if p.exists() else HELPERS / n / "__init__.py", names) - {n}
    return out


def find_cycle(g: dict[str, set[str]]):
    """A cycle as a list of modules, or None (depth-first search with colours)."""
    colour, stack = {}, []

    def visit(n):
        colour[n] = "grey"
        stack.append(n)
        for m in sorted(g.get(n, ())):
            if colour.get(m) == "grey":
                return stack[stack.index(m):] + [m]
            if m not in colour:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        colour[n] = "black"
        return None

    for n in sorted(g):
        if n not in colour:
            found = visit(n)
            if found:
                return found
    return None


def test_helpers_has_no_import_cycle():
    assert find_cycle(graph()) is None, " -> ".join(find_cycle(graph()))


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_importing_helpers_loads_no_module_of_it():
    code = "import sys, helpers; print(sorted(m for m in sys.modules if m.startswith('helpers.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=HELPERS.parent).stdout.strip()
    assert out == "[]", out
