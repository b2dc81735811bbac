from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hearth.people.imports import ImportRefused, people_import
from hearth.people.models import Person

HEADER = "given_name,family_name,date_of_birth,sex,nhs_number,postcode\n"


def test_an_import_links_a_clear_match_and_adds_the_rest(county, jayden):
    rows = HEADER + "Jaden,Smtih,2016-03-04,M,,\nZoë,O'Brien,2019-05-06,F,943 476 5919,st16 2lh\n"
    result = people_import(by=county.front_door_officer, file=StringIO(rows))
    assert (result.added, result.linked) == (1, 1)
    assert Person.objects.filter(given_name="Zoë", family_name="O'Brien").exists()
    assert not Person.objects.filter(family_name="Smtih").exists()


def test_a_file_with_any_bad_row_imports_nothing_and_names_every_problem(county):
    rows = HEADER + "Ava,Good,2015-01-01,F,,\n,Nameless,2015-13-01,X,123,nowhere\n"
    with pytest.raises(ImportRefused) as caught:
        people_import(by=county.front_door_officer, file=StringIO(rows))
    problems = " ".join(caught.value.problems)
    for expected in (
        "Row 3, date_of_birth",
        "Row 3, sex",
        "Row 3, given_name",
        "Row 3, nhs",
        "Row 3, postcode",
    ):
        assert expected in problems
    assert not Person.objects.filter(family_name="Good").exists()


def test_unknown_columns_are_refused(county):
    with pytest.raises(ImportRefused, match="problems"):
        people_import(
            by=county.front_door_officer, file=StringIO("given_name,family_name,shoe_size\nA,B,9\n")
        )


def test_the_import_command_reports_and_refuses(county, jayden, tmp_path):
    good = tmp_path / "people.csv"
    good.write_text(HEADER + "Jaden,Smtih,2016-03-04,M,,\n", encoding="utf-8")
    out = StringIO()
    call_command("people", "import", str(good), "--as", "fd", stdout=out)
    assert "linked 1 rows" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "A,B,yesterday,M,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("people", "import", str(bad), "--as", "fd", stdout=StringIO(), stderr=StringIO())
