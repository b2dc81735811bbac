from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hearth.accounts"
    label = "accounts"
    verbose_name = "Accounts: staff, sign-in"

    def ready(self) -> None:
        from hearth.accounts import receivers  # noqa: F401  (connects sign-in events to the audit log)
