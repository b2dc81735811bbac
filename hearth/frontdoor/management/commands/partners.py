from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.frontdoor.models import Partner, PartnerToken
from hearth.frontdoor.partners import partner_create, partner_token_issue, partner_token_revoke
from hearth.organisation.models import Authority
from hearth.people.codes import REFERRAL_SOURCE


class Command(BaseCommand):
    help = "Partner organisations that use the API: add one, issue or revoke a token, list them."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        add = sub.add_parser("add", help="Add a partner organisation")
        add.add_argument("name")
        add.add_argument("--source", required=True, choices=[c for c, _ in REFERRAL_SOURCE],
                         help="Its CIN census referral source code, for example 6 for the police")  # fmt: skip
        add.add_argument("--authority", help="The council's DfE code (needed when Hearth hosts several)")
        token = sub.add_parser("token", help="Issue a token to a partner; it is shown once")
        token.add_argument("partner_id", type=int)
        token.add_argument("--name", default="API token")
        revoke = sub.add_parser("revoke", help="Revoke a token by its prefix")
        revoke.add_argument("prefix")
        sub.add_parser("list", help="List partners and their tokens")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "add":
            authorities = Authority.objects.all()
            if options.get("authority"):
                authorities = authorities.filter(dfe_code=options["authority"])
            if authorities.count() != 1:
                raise CommandError("Say which council with --authority DFE_CODE")
            partner = partner_create(
                authority_id=authorities.get().pk, name=options["name"], source=options["source"]
            )
            self.stdout.write(f"Added partner {partner.pk}: {partner.name}")
        elif subcommand == "token":
            found = Partner.objects.filter(pk=options["partner_id"]).first()
            if found is None:
                raise CommandError(f"There is no partner {options['partner_id']}")
            record, token = partner_token_issue(partner=found, name=options["name"])
            self.stdout.write(
                f"Token {record.prefix} for {found.name}. Copy it now; it will not be shown again:"
            )
            self.stdout.write(token)
        elif subcommand == "revoke":
            token_record = PartnerToken.objects.filter(prefix=options["prefix"]).first()
            if token_record is None:
                raise CommandError(f"There is no token {options['prefix']}")
            partner_token_revoke(token=token_record)
            self.stdout.write(f"Revoked token {token_record.prefix}")
        else:
            for partner in Partner.objects.select_related().order_by("pk"):
                self.stdout.write(f"{partner.pk}: {partner.name} (source {partner.source})")
                for t in partner.tokens.order_by("pk"):
                    state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
                    self.stdout.write(f"    {t.prefix}  {t.name}  {state}")
