"""The architecture's rules, checked on every run (../shared/tools/check_layers does the same by
hand): no import cycle between the files of community/ (imports inside functions count;
`if TYPE_CHECKING:` blocks don't), permissions.py and content.py import no service, view or
adapter, and no module is over 400 lines."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "community"
MAX_LINES = 400
ADAPTERS = ("services", "views", "namespace", "api", "delivery", "wiring")


def _modules() -> dict[str, Path]:
    return {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p for p in PKG.rglob("*.py")}


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str, is_pkg: bool, known: set[str]) -> None:
        self.module, self.is_pkg, self.known, self.found = module, is_pkg, known, set()

    def visit_If(self, node: ast.If) -> None:
        t = node.test
        if (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"):
            for n in node.orelse:
                self.visit(n)
            return
        self.generic_visit(node)

    def _add(self, name: str) -> None:
        while name and name not in self.known:
            name = name.rpartition(".")[0]
        if name and name != self.module:
            self.found.add(name)

    def visit_Import(self, node: ast.Import) -> None:
        for a in node.names:
            self._add(a.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.module if self.is_pkg else self.module.rpartition(".")[0]
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            root = f"{base}.{node.module}" if node.module else base
        else:
            root = node.module or ""
        self._add(root)
        for a in node.names:
            self._add(f"{root}.{a.name}")


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    graph = {}
    for name, path in mods.items():
        v = _Imports(name, path.name == "__init__.py", set(mods))
        v.visit(ast.parse(path.read_text(encoding="utf-8")))
        # a package's __init__ importing its own submodules is not a cycle with them
        graph[name] = {d for d in v.found if not (path.name == "__init__.py" and d.startswith(name + "."))}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_the_cycle_check_sees_function_level_imports():
    # The check itself must catch what it is for: a cycle made only by an import inside a function.
    known = {"p", "p.a", "p.b"}
    graph = {"p.a": {"p.b"}, "p.b": set()}
    v = _Imports("p.b", False, known)
    v.visit(ast.parse("def f():\n    from . import a\n"))
    graph["p.b"] = v.found - {"p"}
    assert _cycles(graph) == [["p.a", "p.b"]]
    v = _Imports("p.b", False, known)
    v.visit(ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n"))
    assert v.found - {"p"} == set()


def test_rules_layer_imports_no_service_or_adapter():
    graph = _graph()
    for rules in ("community.permissions", "community.content", "community.clinicians.badges"):
        bad = sorted(d for d in graph[rules] if d.rsplit(".", 1)[-1] in ADAPTERS)
        assert bad == [], f"{rules} imports {bad}"


def test_no_module_over_400_lines():
    big = {name: path.read_text(encoding="utf-8").count("\n") for name, path in _modules().items()}
    assert {m: n for m, n in big.items() if n > MAX_LINES} == {}


def test_adapters_leave_rollback_to_errors_handled():
    """Rollback in one place: a view or API route that catches a domain error answers through
    errors.handled (or forms.show_error / errors.ack, which call it), never by rolling back itself."""
    found = []
    for name, path in _modules().items():
        leaf = name.rsplit(".", 1)[-1]
        if leaf.endswith("views") or leaf in ("api", "namespace") or leaf.endswith("_api"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if "session.rollback()" in line:
                    found.append(f"{name}:{number}")
    assert found == []
