from django.core.management.base import BaseCommand, CommandError

from pingan.passes import keys, online
from pingan.passes.models import SigningKey


class Command(BaseCommand):
    help = (
        "Make a new signing key for the codes; the previous one keeps verifying for a grace "
        "period. With --remove KID, drop a key from the trust list (its codes stop verifying)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--remove", metavar="KID", help="kid (hex) of the key to remove")

    def handle(self, *args, remove=None, **options):
        if remove:
            try:
                key = keys.key_remove(kid=remove)
            except SigningKey.DoesNotExist as exc:
                raise CommandError(f"no key {remove}") from exc
            self.stdout.write(f"removed {key.kid}")
        else:
            key = keys.key_rotate()
            self.stdout.write(f"active {key.kid} until {key.not_after:%Y-%m-%d}")
        online.forget_cached_keys()
