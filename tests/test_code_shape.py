"""The package's shape: no module over 300 lines, no function over 40 without a reason.

A function that must be longer says why in a comment that starts with ``# long:`` on the
line above its ``def`` (or above its decorators). Branches are counted by ruff (PLR0912,
at most 10; a longer one says why in its ``noqa`` comment).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "weedgo"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40
MODULES = sorted(PACKAGE.rglob("*.py"))


def long_functions(source: str) -> list[str]:
    """The functions of ``source`` over the limit that give no ``# long:`` reason."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        assert node.end_lineno is not None
        if node.end_lineno - node.lineno + 1 <= MAX_FUNCTION_LINES:
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        above = lines[first - 2].strip() if first >= 2 else ""
        if not above.startswith("# long:"):
            found.append(f"{node.name} (line {node.lineno})")
    return found


def test_the_modules_are_found() -> None:
    assert len(MODULES) > 100
    assert PACKAGE / "pipeline" / "plan.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_size_and_function_length(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES, "split this module"
    assert long_functions(source) == [], "shorten these, or say why above them (# long: ...)"


def test_a_long_function_needs_its_reason() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(45))
    assert long_functions(f"def f():\n{body}\n") == ["f (line 1)"]
    assert long_functions(f"# long: a table of cases\ndef f():\n{body}\n") == []
    assert long_functions(f"# long: why\n@decorated\ndef f():\n{body}\n") == []
    assert long_functions("def f():\n    return 1\n") == []
