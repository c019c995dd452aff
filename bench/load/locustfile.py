"""The three loads of `make load`, as locust users (driven by bench/load/run.py).

    GateGuard           a Monday morning at the factory gates: guards scan workers' 桐健码
    Resident, Officer   a Safety Day evening: residents file reports on the citizen pages,
                        town officers enter their activities and read the roll-up
    HotlineOperator     the 12345 hotline at its peak: duplicate search, intake, queues

LOAD_FIXTURES names the JSON bench/load/seed.py wrote (tokens, codes, valid form choices).
A request counts as failed when its status is not the expected one, or when its answer says
something other than what it should (a green code that does not pass, a red one that does):
a fast wrong answer is not a success.
"""

import itertools
import json
import os
import random
import re

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["LOAD_FIXTURES"], encoding="utf-8") as _handle:
    FIXTURES = json.load(_handle)

_addresses = itertools.count(1)
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_SUBMISSION = re.compile(r'name="submission" value="([^"]*)"')
GARBAGE = [
    "PA1:",
    "PA1:NOT-A-CODE",
    "https://example.com/not-a-pass",
    "HC1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDE",
    "PA1:" + "A" * 300,
]


def _new_address() -> str:
    """A public-looking IPv4 address of its own for each simulated person (36.0.0.0/8)."""
    n = next(_addresses)
    return f"36.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255 or 1}"


def _expect_json(response, check, what: str) -> None:
    if response.status_code != 200:
        response.failure(f"{what}: HTTP {response.status_code} {response.text[:200]!r}")
        return
    try:
        data = response.json()
    except ValueError:
        response.failure(f"{what}: not JSON")
        return
    problem = check(data)
    if problem:
        response.failure(f"{what}: {problem}")
    else:
        response.success()


class GateGuard(FastHttpUser):
    """A guard at a factory gate on Monday morning: one worker every few seconds, mostly green
    codes; some red, some expired (yesterday's screenshot), some that are not codes at all."""

    wait_time = between(1, 3)
    fixtures = FIXTURES["gates"]

    def on_start(self):
        scanner = self.fixtures["scanners"][next(_addresses) % len(self.fixtures["scanners"])]
        self.headers = {"Authorization": f"Bearer {scanner['token']}"}
        self.checkpoint = scanner["checkpoint"]

    def _scan(self, payload: str, name: str, check) -> None:
        with self.client.post(
            "/api/v1/passes/verify",
            json={"payload": payload, "checkpoint": self.checkpoint},
            headers=self.headers,
            name=f"verify ({name})",
            catch_response=True,
        ) as response:
            _expect_json(response, check, name)

    @task(85)
    def green(self):
        self._scan(
            random.choice(self.fixtures["green"]),
            "green",
            lambda d: None if d.get("result") == "pass" else f"green refused: {d}",
        )

    @task(5)
    def red(self):
        self._scan(
            random.choice(self.fixtures["red"]),
            "red",
            lambda d: None if d.get("result") == "deny" else f"red admitted: {d}",
        )

    @task(5)
    def expired(self):
        self._scan(
            random.choice(self.fixtures["expired"]),
            "expired",
            lambda d: (
                None
                if (d.get("result"), d.get("reason")) == ("deny", "expired")
                else f"expired code: {d}"
            ),
        )

    @task(5)
    def garbage(self):
        self._scan(
            random.choice(GARBAGE),
            "garbage",
            lambda d: (
                None
                if (d.get("result"), d.get("reason")) == ("deny", "bad_format")
                else f"garbage: {d}"
            ),
        )


class Resident(FastHttpUser):
    """A resident on a phone, the evening of Safety Day: opens 我要反映, picks a kind, a
    category and a village (the page fetches the choices with htmx), writes and sends. Each
    round is another resident: a fresh session and an address of their own (see settings.py
    of this directory for how the address reaches the platform)."""

    weight = 6
    wait_time = between(3, 8)
    fixtures = FIXTURES["safety"]
    calls = FIXTURES["hotline"]["reports"]

    @task
    def report(self):
        self.client.cookiejar.clear()
        headers = {"X-Forwarded-For": _new_address()}
        kind, group, category = random.choice(self.fixtures["report_choices"])
        town, village = random.choice(self.fixtures["report_places"])
        with self.client.get(
            "/report/", headers=headers, name="/report/ (form)", catch_response=True
        ) as page:
            csrf = _CSRF.search(page.text or "")
            submission = _SUBMISSION.search(page.text or "")
            if page.status_code != 200 or not csrf or not submission:
                page.failure(f"report form: HTTP {page.status_code}, no form fields")
                return
        self.client.get(
            f"/report/categories/?kind={kind}&group={group}",
            headers=headers,
            name="/report/categories/ (htmx)",
        )
        self.client.get(
            f"/report/villages/?town={town}", headers=headers, name="/report/villages/ (htmx)"
        )
        form = {
            "csrfmiddlewaretoken": csrf.group(1),
            "submission": submission.group(1),
            "kind": kind,
            "group": group,
            "category": category,
            "town": town,
            "village": village,
            "address": "村口",
            "description": random.choice(self.calls)["description"][:2000],
            "phone": f"139{random.randrange(10**8):08d}",
            "name": "",
        }
        with self.client.post(
            "/report/",
            data=form,
            headers=headers | {"Referer": f"{self.host}/report/"},
            name="/report/ (submit)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            where = response.headers.get("Location", "")
            if response.status_code == 302 and where.endswith("/report/done/"):
                response.success()
            else:
                error = re.search(r'class="[^"]*invalid-feedback[^"]*"[^>]*>([^<]+)', response.text)
                response.failure(
                    f"report: HTTP {response.status_code} "
                    f"{error.group(1).strip() if error else where or response.text[:120]!r}"
                )
                return
        self.client.get("/report/done/", headers=headers, name="/report/done/")


class Officer(FastHttpUser):
    """A town's 综治办 officer entering the evening's activities and looking at the roll-up."""

    weight = 1
    wait_time = between(5, 15)
    fixtures = FIXTURES["safety"]

    def on_start(self):
        self.officer = random.choice(self.fixtures["officers"])
        self.headers = {"Authorization": f"Bearer {self.officer['token']}"}
        self.campaign = self.fixtures["campaign"]

    @task(3)
    def report_activity(self):
        region = random.choice(self.officer["villages"] or [self.officer["town"]])
        body = {
            "region": region,
            "kind": random.choice(["talk", "training", "patrol", "rectification"]),
            "held_on": self.fixtures["held_on"],
            "place": "文化礼堂",
            "summary": "平安桐乡日集中宣传：反诈、消防、防溺水。",
            "people_reached": random.randrange(20, 400),
            "questionnaires": random.randrange(0, 200),
            "banners": random.randrange(0, 5),
            "screens": random.randrange(0, 3),
            "sms_sent": random.randrange(0, 500),
        }
        with self.client.post(
            f"/api/v1/safety/campaigns/{self.campaign}/activities",
            json=body,
            headers=self.headers,
            name="safety activity (create)",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                response.success()
            else:
                response.failure(f"activity: HTTP {response.status_code} {response.text[:200]!r}")

    @task(1)
    def rollup(self):
        with self.client.get(
            f"/api/v1/safety/campaigns/{self.campaign}",
            headers=self.headers,
            name="safety campaign (roll-up)",
            catch_response=True,
        ) as response:
            _expect_json(response, lambda d: None if "id" in d else "no campaign", "roll-up")


class HotlineOperator(FastHttpUser):
    """A 12345 operator at peak: while the caller speaks, the probable duplicates; then the
    work order; between calls, the queues and a search."""

    wait_time = between(2, 6)
    fixtures = FIXTURES["hotline"]

    def on_start(self):
        token = self.fixtures["tokens"][next(_addresses) % len(self.fixtures["tokens"])]
        self.headers = {"Authorization": f"Bearer {token}"}
        self.created: list[int] = []

    @task(4)
    def intake(self):
        call = random.choice(self.fixtures["reports"])
        with self.client.get(
            "/api/v1/cases/duplicates",
            params={
                "description": call["description"],
                "region": call["region"],
                "phone": call["reporter_phone"],
                "category": call["category"],
            },
            headers=self.headers,
            name="cases/duplicates",
            catch_response=True,
        ) as response:
            _expect_json(
                response, lambda d: None if isinstance(d, list) else "not a list", "duplicates"
            )
        with self.client.post(
            "/api/v1/cases",
            json=call,
            headers=self.headers,
            name="cases (create)",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                self.created = [*self.created[-19:], response.json()["id"]]
                response.success()
            else:
                response.failure(f"create: HTTP {response.status_code} {response.text[:200]!r}")

    @task(2)
    def queue(self):
        name = random.choice(["new", "to_dispatch", "due_soon", "overdue", "follow_up"])
        with self.client.get(
            f"/api/v1/cases?queue={name}&limit=20",
            headers=self.headers,
            name="cases?queue=",
            catch_response=True,
        ) as response:
            _expect_json(response, lambda d: None if "items" in d else "no items", "queue")

    @task(1)
    def queue_counts(self):
        self.client.get("/api/v1/cases/queues", headers=self.headers, name="cases/queues")

    @task(1)
    def search(self):
        word = random.choice(["欠薪", "噪音", "渣土车", "电梯", "路灯", "漏水", "井盖"])
        self.client.get(f"/api/v1/cases?q={word}&limit=20", headers=self.headers, name="cases?q=")

    @task(1)
    def detail(self):
        if self.created:
            self.client.get(
                f"/api/v1/cases/{random.choice(self.created)}",
                headers=self.headers,
                name="cases/{id}",
            )
