"""The care changes made from a child's page, each on its own small page (hearth.people.details)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from hearth.care import episodes, finding, leavers, missing, permanence, records
from hearth.care import forms as f
from hearth.care.models import CareLeaver
from hearth.core.access import Action, scoped
from hearth.core.fields import at_time
from hearth.people.details import DetailsPage


def _placement(data: dict[str, Any], form: Any) -> episodes.NewPlacement | None:
    if not data.get("placement_type"):
        if data.get("provider") or data.get("carer"):
            raise ValidationError({"placement_type": ["Select the placement type of the new placement"]})
        return None
    return episodes.NewPlacement(data["placement_type"], form.chosen_provider(), data.get("carer", ""),
                                 data.get("distance_miles"))  # fmt: skip


def _start(request: HttpRequest, person: Any, data: dict[str, Any], form: Any) -> object:
    placement = _placement(data, form)
    if placement is None:
        raise ValidationError({"placement_type": ["Select the placement type"]})
    return episodes.care_start(by=request.user, person=person, started_on=data["started_on"],
                               legal_status=data["legal_status"], category_of_need=data["category_of_need"],
                               placement=placement, home_postcode=data["home_postcode"],
                               unaccompanied=data["unaccompanied"], request=request)  # fmt: skip


def _change(request: HttpRequest, person: Any, data: dict[str, Any], form: Any) -> object:
    return episodes.care_change(by=request.user, person=person, on=data["on"], legal_status=data["legal_status"],
                                placement=_placement(data, form), change_reason=data["change_reason"], request=request)  # fmt: skip


def _end(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return episodes.care_end(
        by=request.user, person=person, on=data["on"], reason=data["reason"], request=request
    )


def _missing(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    if data["ended_time"] and not data["ended_on"]:
        raise ValidationError({"ended_on": ["Enter the date they came back, or leave the time empty"]})
    return missing.missing_record(by=request.user, person=person, kind=data["kind"],
                                  started_at=at_time(data["started_on"], data["started_time"]),
                                  ended_at=at_time(data["ended_on"], data["ended_time"]),
                                  where_found=data["where_found"], police_reference=data["police_reference"],
                                  request=request)  # fmt: skip


def _episode(form: Any, data: dict[str, Any]) -> Any:
    episode = form.open.get(data["episode"])
    if episode is None:
        raise ValidationError({"episode": ["Select the missing episode"]})
    return episode


def _return(request: HttpRequest, person: Any, data: dict[str, Any], form: Any) -> object:
    return missing.missing_return(by=request.user, episode=_episode(form, data),
                                  ended_at=at_time(data["ended_on"], data["ended_time"]),
                                  where_found=data["where_found"], request=request)  # fmt: skip


def _interview(request: HttpRequest, person: Any, data: dict[str, Any], form: Any) -> object:
    return missing.interview_record(by=request.user, episode=_episode(form, data), outcome=data["outcome"],
                                    offered_at=at_time(data["offered_on"], data["offered_time"]),
                                    held_on=data["held_on"], notes=data["notes"], request=request)  # fmt: skip


def _review(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return records.care_review_record(by=request.user, person=person, request=request, **data)


def _visit(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return records.care_visit_record(by=request.user, person=person, visited_on=data["visited_on"],
                                     seen_alone=data["seen_alone"] == "yes", request=request)  # fmt: skip


def _health(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return records.health_check_record(by=request.user, person=person, request=request, **data)


def _education(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return records.education_plan_record(by=request.user, person=person, request=request, **data)


def _permanence(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return permanence.permanence_plan_agree(by=request.user, person=person, request=request, **data)


def _adoption_decision(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return permanence.adoption_decide(by=request.user, person=person, request=request, **data)


def _adoption_step(request: HttpRequest, person: Any, data: dict[str, Any], form: Any) -> object:
    return permanence.adoption_step(by=request.user, person=person, step=data["step"], on=data["on"],
                                    adopter=form.adopters.get(data.get("adopter") or ""), request=request)  # fmt: skip


def _adoption_stop(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return permanence.adoption_stop(by=request.user, person=person, request=request, **data)


def _leaver(request: HttpRequest, person: Any, data: dict[str, Any], form: Any) -> object:
    return leavers.leaver_open(by=request.user, person=person, adviser=form.staff.get(data.get("adviser") or ""),
                               request=request)  # fmt: skip


def _pathway(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    leaver = scoped(request.user, CareLeaver.objects.filter(person=person), Action.CHANGE).first()
    if leaver is None:
        raise ValidationError("Start supporting this young person as a care leaver first")
    return leavers.pathway_plan_record(by=request.user, leaver=leaver, request=request, **data)


def _leaver_contact(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return leavers.leaver_contact_record(by=request.user, person=person, request=request, **data)


def _hosted(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return missing.hosted_record(by=request.user, person=person, request=request, **data)


def _placement_request(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return finding.placement_request_create(by=request.user, person=person, request=request, **data)


CARE_DETAILS = {
    "start-care": DetailsPage("Start to be looked after", f.StartCareForm,
                              (("started_on", "date"), ("legal_status", "select"), ("category_of_need", "select"),
                               ("placement_type", "select"), ("provider", "select"), ("carer", "text"),
                               ("distance_miles", "text"), ("home_postcode", "text"), ("unaccompanied", "checkbox")),
                              _start,
                              "The child is looked after. Their first review and visit are due"),
    "change-care": DetailsPage("Change legal status or placement", f.ChangeCareForm,
                               (("on", "date"), ("legal_status", "select"), ("placement_type", "select"),
                                ("provider", "select"), ("carer", "text"), ("distance_miles", "text"),
                                ("change_reason", "select")), _change,
                               "The change is recorded as a new episode"),
    "end-care": DetailsPage("Stop being looked after", f.EndCareForm, (("on", "date"), ("reason", "select")), _end,
                            "The period of care has ended"),
    "missing": DetailsPage("Record a missing episode", f.MissingForm,
                           (("kind", "radios"), ("started_on", "date"), ("started_time", "text"), ("ended_on", "date"),
                            ("ended_time", "text"), ("where_found", "text"), ("police_reference", "text")), _missing,
                           "The missing episode is recorded"),
    "missing-return": DetailsPage("Record that a child came back", f.ReturnForm,
                                  (("episode", "radios"), ("ended_on", "date"), ("ended_time", "text"),
                                   ("where_found", "text")), _return,
                                  "The return is recorded. Offer a return home interview within 72 hours"),
    "return-interview": DetailsPage("Record a return home interview", f.InterviewForm,
                                    (("episode", "radios"), ("outcome", "radios"), ("offered_on", "date"),
                                     ("offered_time", "text"), ("held_on", "date"), ("notes", "textarea")), _interview,
                                    "The return home interview is recorded"),
    "care-review": DetailsPage("Record a looked-after review", f.ReviewForm,
                               (("held_on", "date"), ("participation", "select"), ("decisions", "textarea")), _review,
                               "The review is recorded and the next one is due", action=Action.VIEW),
    "care-visit": DetailsPage("Record a statutory visit in placement", f.CareVisitForm,
                              (("visited_on", "date"), ("seen_alone", "radios")), _visit, "Visit recorded"),
    "health-check": DetailsPage("Record a health check", f.HealthForm,
                                (("kind", "radios"), ("done_on", "date"), ("sdq_score", "text"), ("sdq_reason", "select"),
                                 ("notes", "text")), _health, "Health check recorded"),
    "education-plan": DetailsPage("Record a personal education plan meeting", f.EducationForm,
                                  (("held_on", "date"), ("school", "text"), ("targets", "textarea")), _education,
                                  "Personal education plan recorded"),
    "permanence-plan": DetailsPage("Agree a permanence plan", f.PermanenceForm,
                                   (("kind", "radios"), ("agreed_on", "date")), _permanence, "Permanence plan recorded"),
    "adoption-decision": DetailsPage("Should be placed for adoption", f.AdoptionDecisionForm,
                                     (("decided_on", "date"),), _adoption_decision, "The decision is recorded"),
    "adoption-step": DetailsPage("Record a step to adoption", f.AdoptionStepForm,
                                 (("step", "radios"), ("on", "date"), ("adopter", "select")), _adoption_step,
                                 "The step is recorded"),
    "adoption-stop": DetailsPage("Stop the plan for adoption", f.AdoptionStopForm,
                                 (("on", "date"), ("reason", "select")), _adoption_stop, "The plan for adoption stopped"),
    "care-leaver": DetailsPage("Support as a care leaver", f.LeaverForm, (("adviser", "select"),), _leaver,
                               "The young person is supported as a care leaver"),
    "pathway-plan": DetailsPage("Record a pathway plan", f.PathwayForm, (("on", "date"), ("staying_put", "checkbox")),
                                _pathway, "Pathway plan recorded"),
    "leaver-contact": DetailsPage("Record keeping in touch", f.LeaverContactForm,
                                  (("contacted_on", "date"), ("in_touch", "select"), ("activity", "select"),
                                   ("accommodation", "select")), _leaver_contact, "Contact recorded"),
    "hosted": DetailsPage("Placed here by another council", f.HostedForm,
                          (("home_authority", "text"), ("home_authority_code", "text"), ("started_on", "date")),
                          _hosted, "Recorded: the child is looked after by another council"),
    "placement-request": DetailsPage("Request a placement", f.PlacementRequestForm,
                                     (("needed_by", "date"), ("needs", "checkboxes"), ("description", "textarea")),
                                     _placement_request, "Placement requested. Choose from the matches",
                                     goto=lambda made: reverse("care:request", args=[made.pk])),
}  # fmt: skip
