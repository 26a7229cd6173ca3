"""Screenshots of the site for review (not a test): ``python tests/screenshots.py [OUT_DIR]``.

The matcher with a profile, one result per kind (money and bars, eligibility checks), the printed
forms, policy pages, at phone and desktop widths (390 and 1366 px). Needs the built site (``make site``) and Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_scripts.serve import serve_in_background
from calc import estimators
from tests.chromium import launch_args

WIDTHS = {"phone": (390, 844), "desktop": (1366, 768)}
RESULT = ".calc-output [data-field][data-value]"


def as_query(inputs: dict) -> str:
    """Inputs as the address carries them: booleans true/false, lists comma-separated."""

    def text(value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return ",".join(value) if isinstance(value, list) else str(value)

    return urlencode({k: text(v) for k, v in inputs.items()})


def example_url(estimator_id: str) -> str:
    est = next(e for e in estimators() if e.id == estimator_id)
    return f"calculators/{estimator_id}/?{as_query(est.example)}"


SHOTS = [
    (
        "matcher",
        "calculators/policy-match/?"
        + urlencode(
            {
                "city": "sanming",
                "categories": "tech_sme",
                "sme": "true",
                "commissioner_service": "municipal",
                "needs_loan": "true",
                "guarantee": "true",
            }
        ),
        RESULT,
        False,
    ),
    ("subsidy", example_url("sanming-ktd-subsidy"), RESULT, False),
    ("guarantee", example_url("national-guarantee"), RESULT, False),
    ("eligibility", example_url("sanming-ktd-eligibility"), RESULT, False),
    ("form2-printed", example_url("sanming-ktd-subsidy"), RESULT, True),
    ("form1-printed", example_url("sanming-ktd-compensation"), RESULT, True),
    ("policy", "policies/sanming-ktd/#s4-2", None, False),
    ("policy-box", "policies/liaocheng-2024/", None, False),
    ("overview", "overview/", None, False),
    ("lpr", "lpr/", None, False),
    ("batch", "batch/?estimator=sanming-ktd-subsidy", '.calc-batch[data-engine="ready"]', False),
]


def shoot(page: Page, base: str, name: str, url: str, wait: str | None, printed: bool, out: Path, width: str) -> None:
    page.goto(base + url)
    if wait:
        page.wait_for_selector(wait, timeout=120_000)
    if printed:
        page.evaluate("""() => { document.documentElement.classList.add('print-form');
                                 document.querySelector('.calc-print-form').hidden = false; }""")
        page.emulate_media(media="print")
    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
    page.emulate_media(media="screen")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve_in_background()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args())
        for width, (w, h) in WIDTHS.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            for name, url, wait, printed in SHOTS:
                shoot(page, base, name, url, wait, printed, out, width)
            page.close()
        browser.close()
    server.shutdown()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
