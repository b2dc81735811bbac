from __future__ import annotations

import pytest

from hearth.cli import main


def test_hyphenated_command_names_reach_djangos_commands(db, capsys):
    assert main(["lint-scoping"]) == 0
    assert "Scoping lint" in capsys.readouterr().out


def test_an_unknown_command_says_so(capsys):
    with pytest.raises(SystemExit):
        main(["no-such-command"])
    assert "Unknown command" in capsys.readouterr().err
