from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hearth.core.scoping_lint import check_source, check_tree, is_checked

MODELS = {"Person", "Allocation"}


def test_an_unscoped_query_in_a_view_is_caught():
    source = "def view(request):\n    return Person.objects.filter(pk=1)\n"
    violations = check_source(source, "people/views.py", MODELS)
    assert [v.line for v in violations] == [2]
    assert "not inside access.scoped()" in violations[0].message


def test_a_query_inside_scoped_or_get_for_passes():
    source = (
        "def view(request):\n"
        "    a = scoped(request.user, Person.objects.all())\n"
        "    b = access.get_for(request.user, Allocation.objects.select_related('team'), pk=1)\n"
    )
    assert check_source(source, "people/views.py", MODELS) == []


def test_a_prefetch_of_a_scoped_parents_rows_passes():
    source = "qs = scoped(u, Person.objects.all()).prefetch_related(Prefetch('addresses', queryset=Address.objects.all()))\n"
    assert check_source(source, "people/duplicates.py", MODELS | {"Address"}) == []


def test_get_object_or_404_and_raw_sql_are_caught():
    source = "get_object_or_404(Person, pk=1)\nscoped(u, Person.objects.raw('select 1'))\n"
    messages = [v.message for v in check_source(source, "people/views.py", MODELS)]
    assert len(messages) == 2


def test_models_without_a_person_scope_may_be_queried_directly():
    assert check_source("Team.objects.all()\n", "x/views.py", MODELS) == []


def test_only_views_forms_selectors_and_presenters_are_checked():
    assert is_checked(Path("people/views.py"))
    assert is_checked(Path("people/selectors.py"))
    assert is_checked(Path("people/api/views.py"))
    assert not is_checked(Path("people/services.py"))
    assert not is_checked(Path("people/tests/test_views.py"))


def test_the_lint_fails_on_a_tree_with_a_violation(tmp_path):
    app = tmp_path / "hearth" / "widgets"
    app.mkdir(parents=True)
    (app / "views.py").write_text("def v(r):\n    return Person.objects.all()\n")
    assert len(list(check_tree(tmp_path / "hearth", MODELS))) == 1


def test_hearths_own_code_passes_the_lint(db):
    out = StringIO()
    call_command("lint_scoping", stdout=out)
    assert "no unscoped queries of" in out.getvalue()
    assert "Person" in out.getvalue()


def test_the_lint_command_fails_when_it_finds_a_violation(db, monkeypatch):
    from hearth.core.management.commands import lint_scoping
    from hearth.core.scoping_lint import Violation

    monkeypatch.setattr(lint_scoping, "check_tree", lambda root, models: iter([Violation("x.py", 3, "bad")]))
    with pytest.raises(CommandError):
        call_command("lint_scoping", stdout=StringIO())
