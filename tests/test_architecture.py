"""The layout shows the architecture: no module over 300 lines, no import cycle, no import from a stage above.

Imports are read from the source with `ast` (every `import`, at module level, inside a function or under
TYPE_CHECKING alike: each is a dependency), so the checks need no import of the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "generators"
MAX_LINES = 300
# Stages from the top down; a module may import its own stage and those below it, never one above.
STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("cli", ("generators.cli", "generators.__main__")),
    ("plugin", ("generators.plugin",)),
    ("tools", ("generators.diff_report", "generators.new_event", "generators.new_answers", "generators.new_checks",
               "generators.new_target", "generators.schema", "generators.split_subject", "generators.annotations",
               "generators.wording")),
    ("render", ("generators.render",)),
    ("history", ("generators.history", "generators.diff", "generators.worddiff")),
    ("load", ("generators.load", "generators.yamlread", "generators.datafiles", "generators.dataparts", "generators.record_checks")),
    ("figures", ("generators.figures",)),
    ("model", ("generators.model",)),
    ("base", ("generators.settings", "generators.errors", "generators.files", "generators.outputs", "generators.inert",
              "generators",)),
]


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(path: Path, known: dict[str, Path]) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("generators"):
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("generators"))
    return {name for name in found if name in known}


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _imports(path, known) - {name} for name, path in known.items()}


def _stage(module: str) -> int:
    best = (-1, len(STAGES))
    for rank, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best[0]:
                best = (len(prefix), rank)
    return best[1]


def test_no_module_is_longer_than_300_lines() -> None:
    long = {str(path.relative_to(ROOT)): n for path in PACKAGE.rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_every_module_belongs_to_a_stage() -> None:
    assert [name for name in _graph() if _stage(name) == len(STAGES)] == []


def test_no_module_imports_a_stage_above_its_own() -> None:
    graph = _graph()
    upward = sorted(f"{module} ({STAGES[_stage(module)][0]}) imports {target} ({STAGES[_stage(target)][0]})"
                    for module, targets in graph.items() for target in targets if _stage(target) < _stage(module))
    assert upward == []


def test_there_is_no_import_cycle() -> None:
    graph = _graph()
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join(path[path.index(target):] + [module, target]) if target in path else f"{module} -> {target}")
            elif target not in state:
                visit(target, path + [module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_the_checks_see_a_cycle_and_an_upward_import() -> None:
    """The walk finds what it looks for: the loader imports the model, and the CLI sits above everything."""
    graph = _graph()
    assert "generators.model.store" in graph["generators.load"]
    assert _stage("generators.cli") < _stage("generators.render.site") < _stage("generators.load") < _stage("generators.model.store")
    assert _stage("generators.render") == _stage("generators.render.site")


def test_only_the_settings_read_the_environment() -> None:
    """One place turns the environment into settings; the MkDocs adapter only sets MkDocs's own banner switch."""
    readers = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
                readers.add(str(path.relative_to(ROOT)))
            if isinstance(node, ast.ImportFrom) and node.module == "os" and {a.name for a in node.names} & {"environ", "getenv", "environb"}:
                readers.add(str(path.relative_to(ROOT)))  # `from os import environ` reads it too
    assert readers == {"generators/settings.py", "generators/plugin/mkdocs_api.py"}
    adapter = (PACKAGE / "plugin/mkdocs_api.py").read_text(encoding="utf-8")
    assert adapter.count("os.environ") == 1 and 'os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")' in adapter
