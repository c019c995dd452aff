"""Load the demo city. Idempotent: each app's demo.seed() creates only what is missing."""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand

from pingan.core import audit


def demo_modules():
    """Each pingan app's `demo` module, in INSTALLED_APPS order."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("pingan."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
    return modules


class Command(BaseCommand):
    help = "Create or complete the demo city 桐乡市 with its demo accounts (password pingan-demo)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the accounts")

    def handle(self, *args, quiet=False, **options):
        with audit.acting_as(None):
            for module in demo_modules():
                module.seed(stdout=self.stdout)
        if not quiet:
            self.print_accounts()

    def print_accounts(self):
        from pingan.org.demo import DEMO_PASSWORD, accounts_table

        self.stdout.write(self.style.SUCCESS("Demo city 桐乡市 (330483) is ready."))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for username, what in accounts_table():
            self.stdout.write(f"  {username:<18} {what}")
