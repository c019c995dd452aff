"""Steps shared by the hall's browser tests."""


def login(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")


def take_on_phone(page, phone: str, kind: str = "comprehensive") -> str:
    page.goto("/hall/c/wutong/")
    page.fill("[data-testid=take-phone]", phone)
    page.click(f"[data-testid=take-{kind}]")
    page.wait_for_selector("[data-testid=ticket-number]")
    return page.inner_text("[data-testid=ticket-number]")


def call_and_start(page, number: str) -> None:
    page.goto("/hall/")
    page.click("[data-testid=call-next]")
    page.wait_for_selector(f"[data-testid=current-number]:has-text('{number}')")
    page.click("[data-testid=start]")
    page.wait_for_selector("[data-testid=finish]")


def look_up(page, query: str) -> None:
    page.fill("[data-testid=lookup-q]", query)
    page.click("[data-testid=lookup]")
    page.wait_for_selector("[data-testid=visitor-found], [data-testid=visitor-new]")
