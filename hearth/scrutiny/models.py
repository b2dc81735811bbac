"""Scrutiny committees, their members and meetings, the work programme, and each meeting's agenda.

Nothing here is about a person's case: councillors and officers are named, children and families never
are. A report item on an agenda holds only which report (`hearth.core.reports.REPORTS`) and the date its
figures are as at; the figures are built from the records when the pack is made (ADR 20).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from hearth.core.models import AuthorityOwned


class Committee(AuthorityOwned):
    """An overview and scrutiny committee or a panel (the Corporate Parenting Panel)."""

    name = models.CharField(max_length=150)
    remit = models.TextField(blank=True)  # what it scrutinises, as the work programme's front page says
    venue = models.CharField(max_length=150, blank=True)  # where it usually meets
    contact = models.CharField(max_length=150, blank=True)  # the scrutiny officer who supports it

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="committee_name_unique_in_authority")
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    CO_OPTED = "co_opted", "Co-opted member"


ROLE_ORDER = {role: n for n, role in enumerate(MemberRole)}


class CommitteeMember(AuthorityOwned):
    """A councillor on a committee, or a co-opted member (who is not a councillor)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=120)  # without "Councillor"
    party = models.CharField(max_length=80, blank=True)  # blank for co-opted members
    role = models.CharField(max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee"], condition=Q(role="chair"), name="one_chair_per_committee"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def title(self) -> str:
        """How papers name them: Councillor Jo Bloggs, or a co-opted member by name alone."""
        return self.name if self.role == MemberRole.CO_OPTED else f"Councillor {self.name}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class CommitteeMeeting(AuthorityOwned):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    venue = models.CharField(max_length=150)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    note = models.CharField(max_length=200, blank=True)  # "Extra meeting", why it was cancelled
    published_on = models.DateField(null=True, blank=True)  # when the agenda was published

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["committee", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.committee.name}, {self.starts_at:%Y-%m-%d}"


class ProgrammeKind(models.TextChoices):
    """The work programme's tables, as the seed's programme has them."""

    MEETING = "meeting", "Work programme"
    STANDING = "standing", "Standing items"
    BRIEFING = "briefing", "Briefing notes, updates and visits"
    WORKING_GROUP = "working_group", "Working groups and inquiry days"


class ProgrammeItem(AuthorityOwned):
    """A row of the committee's work programme: what it will look at, when, who leads, what came of it.

    When: a meeting of the committee, or a date (`month_only` for "September 2026"), or neither ("to be
    confirmed"). Standing items have no date: they come back whenever there is something to consider.
    """

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="programme")
    kind = models.CharField(max_length=15, choices=ProgrammeKind.choices, default=ProgrammeKind.MEETING)
    meeting = models.ForeignKey(
        CommitteeMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="programme"
    )
    on = models.DateField(null=True, blank=True)
    month_only = models.BooleanField(default=False)
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    lead_officer = models.CharField(max_length=150, blank=True)
    cabinet_member = models.CharField(max_length=150, blank=True)
    outcome = models.TextField(blank=True)  # "Action/Outcome": blank until the committee has considered it

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["committee", "kind"])]

    def __str__(self) -> str:
        return self.title


class AgendaKind(models.TextChoices):
    APOLOGIES = "apologies", "Apologies"
    MINUTES = "minutes", "Minutes of the last meeting"
    DECLARATIONS = "declarations", "Declarations of interest"
    REPORT = "report", "Report"
    WORK_PROGRAMME = "work_programme", "Work programme"
    OTHER = "other", "Other item"


class AgendaItem(AuthorityOwned):
    """One numbered item of a meeting's agenda. A report item names a report and the date its figures are
    as at; the pack builds the report from the records on that date."""

    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=15, choices=AgendaKind.choices)
    title = models.CharField(max_length=200)
    cover_note = models.TextField(blank=True)
    report_key = models.CharField(max_length=40, blank=True)
    as_at = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_unique_in_meeting"),
            models.CheckConstraint(
                condition=Q(kind="report", as_at__isnull=False) & ~Q(report_key="")
                | (~Q(kind="report") & Q(report_key="")),
                name="agenda_report_item_has_report_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"
