"""The policy in a real browser: Chromium reports every Content Security Policy violation
(`securitypolicyviolation`), including those of scripts that write HTML at run time (htmx swaps,
ECharts tooltips), which no scan of templates or rendered pages can see."""

import pytest

from pingan.analytics.rollup import rollup_recent
from pingan.cases.tests.factories import new_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Registered before any page script runs; the browser calls it for each blocked resource.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__csp || []")


def show_tooltips(page, selector: str) -> int:
    """Ask every ECharts chart under `selector` to show the tooltip of its first point."""
    shown = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).filter((el) => {
             const chart = echarts.getInstanceByDom(el);
             if (chart) chart.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: 0 });
             return Boolean(chart);
           }).length""",
        selector,
    )
    page.wait_for_timeout(300)
    return shown


def login(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")


@pytest.fixture
def city(demo_city):
    from pingan.cases.demo import seed_categories

    seed_categories()
    for region in ("330483001011", "330483001012", "330483103001"):
        new_case(region=region)
    rollup_recent()


def test_pages_with_scripts_run_without_a_single_violation(page, city):
    page.add_init_script(WATCH)
    found = {}
    page.goto("/report/")
    page.wait_for_load_state("networkidle")
    found["/report/"] = violations(page)
    login(page, "city_leader")
    found["/"] = violations(page)
    page.goto("/analytics/")
    page.get_by_test_id("kpis").wait_for()
    # A chart's tooltip is written at run time: show one on every chart.
    page.locator("#chart-trend canvas").wait_for()
    assert show_tooltips(page, "[id^=chart-]") >= 4
    found["/analytics/"] = violations(page)
    page.goto("/analytics/screen/")
    page.wait_for_load_state("networkidle")
    assert show_tooltips(page, "[id^=screen-]") >= 3
    found["/analytics/screen/"] = violations(page)
    page.goto("/cases/")
    page.wait_for_load_state("networkidle")
    found["/cases/"] = violations(page)
    page.goto("/account/")
    page.get_by_test_id("reveal-phone").click()  # an htmx swap
    page.wait_for_load_state("networkidle")
    found["/account/"] = violations(page)
    assert not any(found.values()), found
    # The watch is live: a style attribute written now is reported.
    page.evaluate("""document.body.insertAdjacentHTML("beforeend", '<i style="color:red">x</i>')""")
    page.wait_for_timeout(300)
    assert any("style-src" in v for v in violations(page))
