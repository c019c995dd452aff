"""`python -m bench NAME [options]`: run the named benchmark (`python -m bench` lists them)."""

import importlib
import sys

BENCHES = {
    "intake_duplicates": "bench.intake_duplicates",
    "bulk_sms": "bench.bulk_sms",
    "verify_offline": "bench.verify_offline",
    "scan_online": "bench.scan_online",
    "dashboard": "bench.dashboard",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHES:
        print("usage: python -m bench NAME [options]   (NAME: " + ", ".join(BENCHES) + ")")
        return 0 if not argv else 2
    module = importlib.import_module(BENCHES[argv[0]])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
