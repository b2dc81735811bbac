"""The partner API's request and response shapes. Unknown fields are refused, not ignored."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from hearth.frontdoor.models import Consent, Contact, ContactStatus

STATUS_FOR_PARTNERS: dict[str, str] = {
    ContactStatus.AWAITING_DECISION: "received",
    ContactStatus.DECIDED: "decided",
    ContactStatus.SIGNED_OFF: "decided",
}


class StrictSerializer(serializers.Serializer):
    """Refuses a body that is not an object, and any field the API does not define."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Send a JSON object"]})
        errors: dict[str, Any] = {
            name: ["This field is not part of the API"] for name in sorted(set(data) - set(self.fields))
        }
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as invalid:
            errors.update(invalid.detail)
            raise serializers.ValidationError(errors) from invalid
        if errors:  # every problem at once: unknown fields and invalid ones
            raise serializers.ValidationError(errors)
        return value


class PersonIn(StrictSerializer):
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True, help_text="YYYY-MM-DD")
    nhs_number = serializers.CharField(required=False, allow_blank=True, max_length=20)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=10)


class ContactIn(StrictSerializer):
    partner_reference = serializers.CharField(max_length=60, help_text="Your own reference for this contact")
    received_at = serializers.DateTimeField(required=False, help_text="When you raised it; now if left out")
    caller_name = serializers.CharField(max_length=150)
    caller_relationship = serializers.CharField(required=False, allow_blank=True, max_length=150)
    caller_phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    worries = serializers.CharField(max_length=10_000)
    consent = serializers.ChoiceField(choices=Consent.choices)
    child = PersonIn()
    family_members = PersonIn(many=True, required=False, max_length=10)


class ContactStatusOut(serializers.Serializer):
    id = serializers.IntegerField()
    partner_reference = serializers.CharField()
    status = serializers.ChoiceField(choices=["received", "decided"])
    received_at = serializers.DateTimeField()
    decision_due_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField(allow_null=True, help_text="What happens next, once decided")

    @staticmethod
    def of(contact: Contact) -> dict[str, Any]:
        decided = contact.status in (ContactStatus.DECIDED, ContactStatus.SIGNED_OFF)
        return {
            "id": contact.pk, "partner_reference": contact.partner_reference,
            "status": STATUS_FOR_PARTNERS.get(contact.status, "received"), "received_at": contact.received_at,
            "decision_due_at": contact.decision_due_at, "decided_at": contact.decided_at if decided else None,
            "outcome": contact.get_outcome_display() if decided else None,
        }  # fmt: skip


class ErrorOut(serializers.Serializer):
    errors = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
