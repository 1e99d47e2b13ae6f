"""The apps' layering: no import cycle between or inside apps, and imports go one way.

Every `import` in an app's code counts, also those inside functions (they only hide a cycle
from Python, not from the reader). Imports under `if TYPE_CHECKING:` count for the direction
but not for cycles, since they never run. Migrations are left out: Django orders them.
"""

import ast
from collections import defaultdict
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# Which apps each app may import. To add an app, add its row (and the apps that may use it).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "sites": {"core"},
    "visits": {"sites", "core"},
    "volunteers": {"sites", "core"},
    "partners": {"sites", "core"},
    "planning": {"sites", "partners", "core"},
    "feedback": {"sites", "visits", "core"},
    "reports": {"sites", "visits", "volunteers", "partners", "planning", "feedback", "core"},
}


def app_modules() -> dict[str, Path]:
    """Dotted module name -> file, for every app's code outside its migrations."""
    found = {}
    for app in settings.LOCAL_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imported_names(module: str, path: Path, *, with_type_checking: bool) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _is_type_checking_block(node) and not with_type_checking:
            return
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names.add(base)
            # `from sites import rules` imports the module sites.rules.
            names.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return names


def import_graph(*, with_type_checking: bool) -> dict[str, set[str]]:
    """Module -> the app modules it imports."""
    modules = app_modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in modules.items():
        for name in _imported_names(module, path, with_type_checking=with_type_checking):
            while name and name not in modules:  # `sites.models.Site` -> `sites.models`
                name = name.rpartition(".")[0]
            if name and name != module:
                graph[module].add(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(set(graph) | {m for targets in graph.values() for m in targets}):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}}) == []


def test_no_module_of_an_app_imports_itself_round_in_a_circle():
    found = cycles(import_graph(with_type_checking=False))
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(group) for group in found)


def test_every_app_is_in_the_rule_table():
    missing = set(settings.LOCAL_APPS) - set(ALLOWED)
    assert not missing, f"add {sorted(missing)} to ALLOWED in {__file__}"


def test_apps_import_only_the_apps_below_them():
    wrong = []
    for module, targets in import_graph(with_type_checking=True).items():
        app = module.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if other != app and other not in ALLOWED.get(app, set()):
                wrong.append(f"{module} imports {target}")
    assert not wrong, "imports against the direction in ALLOWED:\n" + "\n".join(sorted(wrong))


def test_nothing_imports_reports():
    assert all("reports" not in allowed for app, allowed in ALLOWED.items() if app != "reports")
