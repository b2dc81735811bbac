"""The access-scoping lint: views, forms, selectors and presenters must reach person records through
`hearth.core.access.scoped()` / `get_for()`.

It reads the source (no imports of the checked modules), so it also runs on code that does not work yet.
What it catches, for any model that declares a `person_scope`:
- `Model.objects...`, `Model._default_manager...` or `Model._base_manager...` not inside a `scoped(...)`
  or `get_for(...)` call;
- `get_object_or_404(Model, ...)` and `get_list_or_404(Model, ...)`;
- `.raw(...)` SQL in those modules.
What it cannot see: related managers (`team.allocations.all()`); review those by eye.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Model

CHECKED_MODULES = (
    "views", "forms", "selectors", "presenters", "api", "serializers", "home", "navigation", "duplicates",
    "family", "assessment_views", "dashboard", "meeting_views", "plan_views", "meeting_forms", "details",
    "care_views",
)  # fmt: skip
MANAGERS = {"objects", "_default_manager", "_base_manager"}
# Prefetch(...) counts as scoped: it only fetches rows related to parents that were themselves fetched
# through scoped(), so it can never reach a record the parent query did not.
SCOPING_CALLS = {"scoped", "get_for", "beyond_reach", "Prefetch"}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def is_checked(path: Path) -> bool:
    parts = set(path.parts)
    if "tests" in parts or "migrations" in parts:
        return False
    return path.stem in CHECKED_MODULES or path.parent.name in CHECKED_MODULES


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


class _Checker(ast.NodeVisitor):
    def __init__(self, path: str, scoped_models: set[str]) -> None:
        self.path = path
        self.models = scoped_models
        self.depth = 0  # how many scoped()/get_for() calls enclose the current node
        self.violations: list[Violation] = []

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        if name in {"get_object_or_404", "get_list_or_404"} and node.args:
            first = node.args[0]
            if isinstance(first, ast.Name) and first.id in self.models:
                self._flag(node, f"{name}({first.id}, ...) bypasses the access policy; use access.get_for()")
        if name == "raw":
            self._flag(node, "raw SQL bypasses the access policy")
        if name in SCOPING_CALLS:
            self.depth += 1
            self.generic_visit(node)
            self.depth -= 1
            return
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        target = node.value
        if (
            node.attr in MANAGERS
            and isinstance(target, ast.Name)
            and target.id in self.models
            and self.depth == 0
        ):
            self._flag(
                node,
                f"{target.id}.{node.attr} is not inside access.scoped(); "
                "the query would ignore who may see these records",
            )
        self.generic_visit(node)

    def _flag(self, node: ast.AST, message: str) -> None:
        self.violations.append(Violation(self.path, getattr(node, "lineno", 0), message))


def check_source(source: str, path: str, scoped_models: set[str]) -> list[Violation]:
    checker = _Checker(path, scoped_models)
    checker.visit(ast.parse(source, filename=path))
    return checker.violations


def check_tree(root: Path, scoped_models: set[str]) -> Iterator[Violation]:
    for path in sorted(root.rglob("*.py")):
        if is_checked(path.relative_to(root)):
            yield from check_source(
                path.read_text(encoding="utf-8"), str(path.relative_to(root.parent)), scoped_models
            )


def scoped_model_names(models: Iterable[type[Model]]) -> set[str]:
    from hearth.core.access import person_scope_of

    return {m.__name__ for m in models if person_scope_of(m) is not None}
