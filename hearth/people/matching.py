"""Duplicate detection: blocking keys, and scoring of candidates with reasons a person can read.

Pure functions over `Probe` values, so the same rules serve the form, the API and imports, and can be
tested without a database. The index (MatchKey rows) and the query live in hearth.people.duplicates.

Libraries: jellyfish for phonetic codes (metaphone), rapidfuzz for typing-error distances
(Damerau-Levenshtein, Jaro-Winkler), anyascii to bring names in any script to Latin letters first.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date

import jellyfish
from anyascii import anyascii
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

SHOW_FROM = 35  # candidates scoring less are not shown
STRONG_FROM = 65  # for example the same names and date of birth, or a typo in each name


@dataclass(frozen=True)
class Probe:
    """What is known about a person, whether typed into a form, posted to the API or held in a record."""

    given_name: str
    family_name: str
    date_of_birth: date | None = None
    sex: str = ""
    identifiers: dict[str, str] = field(default_factory=dict)  # kind -> normalised value
    postcodes: tuple[str, ...] = ()
    other_family_names: tuple[str, ...] = ()  # previous names and aliases
    other_given_names: tuple[str, ...] = ()


def fold(name: str) -> str:
    """Upper-case Latin letters and single spaces: "Zoë O'Brien-Smith" -> "ZOE OBRIEN SMITH"."""
    latin = anyascii(name or "").upper().replace("'", "").replace("’", "")
    return re.sub(r"[^A-Z]+", " ", latin).strip()


def tokens(name: str) -> list[str]:
    return [t for t in fold(name).split(" ") if t]


def phonetic(token: str) -> str:
    return jellyfish.metaphone(token) if token else ""


def _dob_variants(born: date) -> list[date]:
    """Dates a typist might have entered for `born`: day and month swapped, year one out."""
    variants = []
    if born.day <= 12 and born.day != born.month:
        with suppress(ValueError):
            variants.append(born.replace(month=born.day, day=born.month))
    for year in (born.year - 1, born.year + 1):
        with suppress(ValueError):  # 29 February
            variants.append(born.replace(year=year))
    return variants


def index_keys(person: Probe) -> set[str]:
    """The keys under which a person is filed in the match index."""
    keys = {f"id:{kind}:{value}" for kind, value in person.identifiers.items() if value}
    if person.date_of_birth:
        keys.add(f"dob:{person.date_of_birth.isoformat()}")
    givens = [tokens(g) for g in (person.given_name, *person.other_given_names)]
    initials = {t[0][0] for t in givens if t}
    first_givens = {t[0] for t in givens if t}
    for family in (person.family_name, *person.other_family_names):
        family_tokens = tokens(family)
        for token in family_tokens:
            for initial in initials:
                keys.add(f"fn:{phonetic(token)}:{initial}")
        joined = "".join(family_tokens)
        for given in first_givens:
            keys.add(f"gn:{phonetic(given)}:{phonetic(joined)}")
    keys.update(f"pc:{postcode}" for postcode in person.postcodes if postcode)
    return {k[:60] for k in keys}


def probe_keys(probe: Probe) -> set[str]:
    """The keys to look up for a probe: its own, plus likely mistypings of its date of birth."""
    keys = index_keys(probe)
    if probe.date_of_birth:
        keys.update(f"dob:{d.isoformat()}" for d in _dob_variants(probe.date_of_birth))
    return keys


@dataclass
class Match:
    score: int
    reasons: list[str]

    @property
    def strength(self) -> str:
        return "Strong match" if self.score >= STRONG_FROM else "Possible match"


def _name_similarity(typed: str, held: str) -> tuple[int, str]:
    """(points out of 10, how they are alike) for one name against another."""
    a, b = fold(typed).replace(" ", ""), fold(held).replace(" ", "")
    if not a or not b:
        return 0, ""
    if a == b:
        return 10, "same"
    if DamerauLevenshtein.distance(a, b) <= (1 if min(len(a), len(b)) <= 5 else 2):
        return 8, "spelt nearly the same"
    if phonetic(a) == phonetic(b):
        return 7, "sounds the same"
    if JaroWinkler.similarity(a, b) >= 0.9:
        return 6, "spelt nearly the same"
    if set(tokens(typed)) & set(tokens(held)):
        return 5, "shares a part"
    return 0, ""


def _best_name(typed: str, current: str, others: tuple[str, ...]) -> tuple[int, str, str, bool]:
    best = (0, "", current, False)
    for held, is_other in ((current, False), *((o, True) for o in others)):
        points, how = _name_similarity(typed, held)
        if points > best[0]:
            best = (points, how, held, is_other)
    return best


def score(probe: Probe, held: Probe) -> Match:
    """How likely `held` is the person described by `probe`, 0 to 100, with the reasons."""
    points = 0
    reasons: list[str] = []
    labels = {"nhs": "NHS number", "upn": "UPN", "la_child_id": "local authority child ID"}
    for kind, value in probe.identifiers.items():
        theirs = held.identifiers.get(kind)
        if value and theirs:
            if value == theirs:
                points += 50
                reasons.append(f"Same {labels.get(kind, kind)}")
            elif kind == "nhs":
                points -= 40
                reasons.append("Different NHS number")

    if probe.date_of_birth and held.date_of_birth:
        if probe.date_of_birth == held.date_of_birth:
            points += 30
            reasons.append("Same date of birth")
        elif held.date_of_birth in _dob_variants(probe.date_of_birth):
            points += 12
            same_year = held.date_of_birth.year == probe.date_of_birth.year
            reasons.append(
                "Date of birth with day and month swapped" if same_year else "Date of birth one year out"
            )
        else:
            points -= 10

    family_points, how, name, is_other = _best_name(
        probe.family_name, held.family_name, held.other_family_names
    )
    if family_points:
        points += round(family_points * 2.5)
        if how == "same":
            reasons.append(f"Same {'previous ' if is_other else ''}family name")
        else:
            reasons.append(
                f"{'Previous f' if is_other else 'F'}amily name {how}: {probe.family_name} and {name}"
            )
    given_points, how, name, _ = _best_name(probe.given_name, held.given_name, held.other_given_names)
    if given_points:
        points += given_points * 2
        reasons.append(
            "Same first name" if how == "same" else f"First name {how}: {probe.given_name} and {name}"
        )

    if set(probe.postcodes) & set(held.postcodes):
        points += 10
        reasons.append("Same postcode")
    if probe.sex in {"F", "M"} and held.sex in {"F", "M"} and probe.sex != held.sex:
        points -= 10
    return Match(max(0, min(100, points)), reasons)
