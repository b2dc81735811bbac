"""Missing children: episodes, and the return home interviews offered and taken (seed 001)."""

from __future__ import annotations

from django.utils import timezone

from hearth.care.missing import interview_in_time
from hearth.care.models import InterviewOutcome, MissingEpisode
from hearth.performance.figures import Counter, Figures, Selection
from hearth.performance.indicators.base import Indicator, count_flow, shared

GROUP = "Missing children"


def episodes(selection: Selection) -> Figures:
    rows = MissingEpisode.objects.filter(authority_id=selection.authority_id)
    return count_flow(selection, rows, "started_at", "person__district_id", timed=True)


@shared
def _returns(selection: Selection) -> list[MissingEpisode]:
    """Episodes that ended (the child came back or was found) in the range, as unsaved rows holding only what
    the interview rules read. Interviews the child's own council held are another council's to count."""
    first, after = selection.moments()
    rows = (
        MissingEpisode.objects.filter(authority_id=selection.authority_id, ended_at__gte=first, ended_at__lt=after)
        .exclude(interview_outcome=InterviewOutcome.HOME_AUTHORITY)
        .order_by()
        .values_list("person__district_id", "ended_at", "interview_offered_at", "interview_outcome")
    )  # fmt: skip
    found = []
    for district, ended_at, offered_at, outcome in rows:
        episode = MissingEpisode(
            ended_at=ended_at, interview_offered_at=offered_at, interview_outcome=outcome
        )
        episode.district = district  # type: ignore[attr-defined]
        found.append(episode)
    return found


def interviews_offered(selection: Selection) -> Figures:
    counter = Counter(selection)
    for episode in _returns(selection):
        in_time = interview_in_time(episode)
        if in_time is not None and episode.ended_at is not None:
            counter.flow(episode.district, timezone.localdate(episode.ended_at), int(in_time), 1)  # type: ignore[attr-defined]
    return counter.figures()


def interviews_taken(selection: Selection) -> Figures:
    counter = Counter(selection)
    answered = (InterviewOutcome.ACCEPTED, InterviewOutcome.DECLINED)
    for episode in _returns(selection):
        if episode.interview_offered_at and episode.interview_outcome in answered and episode.ended_at:
            accepted = episode.interview_outcome == InterviewOutcome.ACCEPTED
            counter.flow(episode.district, timezone.localdate(episode.ended_at), int(accepted), 1)  # type: ignore[attr-defined]
    return counter.figures()


INDICATORS = (
    Indicator(
        "missing", "Missing episodes", GROUP,
        "Episodes that started in the period in which a child was missing, or away from their placement "
        "without permission, for every child the council recorded, including children other councils look "
        "after who live in the area.",
        "count", episodes, counted="Missing episodes",
    ),
    Indicator(
        "interviews-offered", "Return home interviews offered in 72 hours", GROUP,
        "Of the children who came back or were found in the period, the share offered a return home "
        "interview within 72 hours. Returns less than 72 hours ago with no offer yet are not counted, nor "
        "are interviews the child’s own council held for a child it looks after.",
        "percent", interviews_offered, counted="Offered in 72 hours", base="Returns",
    ),
    Indicator(
        "interviews-taken", "Return home interviews taken up", GROUP,
        "Of the return home interviews offered to children who came back or were found in the period, and "
        "that the child accepted or declined, the share the child accepted.",
        "percent", interviews_taken, counted="Accepted", base="Offered and answered",
    ),
)  # fmt: skip
