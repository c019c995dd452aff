import json
import sys

from django.core.management.base import BaseCommand

from pingan.passes import online
from pingan.passes.verifier import Verifier


class Command(BaseCommand):
    help = (
        "Verify a 桐行码/桐健码 offline (pingan.passes.verifier) against a trust list and a "
        "revocation list: the files given, else this installation's. Prints the answer as JSON; "
        "exit status 0 for pass, 1 for deny."
    )

    def add_arguments(self, parser):
        parser.add_argument("payload", help='the code text, "PA1:..." ("-" reads stdin)')
        parser.add_argument("--trust-list", metavar="FILE", help="JWKS saved from trust-list")
        parser.add_argument("--revocations", metavar="FILE", help="saved revocation list")

    def handle(self, *args, payload, trust_list=None, revocations=None, **options):
        if payload == "-":
            payload = sys.stdin.read()
        jwks = _load(trust_list) if trust_list else online.trust_list_document()
        revoked = _load(revocations) if revocations else online.revocations_document()
        result = Verifier(jwks, revoked).verify(payload)
        claims = result.claims or {}
        answer = {
            "result": result.result,
            "reason": result.reason,
            "type": claims.get("type", ""),
            "status": claims.get("status", ""),
            "masked_name": claims.get("name", ""),
            "place": claims.get("place", ""),
            "seq": claims.get("seq"),
            "expires_at": claims.get("exp"),
        }
        self.stdout.write(json.dumps(answer, ensure_ascii=False))
        if not result.ok:
            sys.exit(1)


def _load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
