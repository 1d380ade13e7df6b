"""Remake the README's screenshots of the web interface (`workshop serve`).

    python docs/make_web_screenshots.py            # into docs/
    python docs/make_web_screenshots.py /tmp/shots --all   # every page, fr/en, 1280/360 px

Starts the server on a free localhost port with a temporary data folder, uploads the bundled
Dakar demo's files, issues its certificates, makes a workshop with the New workshop form, and
photographs the pages (after their lazily loaded preview images) with Debian's Chromium
driven by Playwright (apt install chromium; pip install playwright). A development script.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from toolkit.web.security import Settings  # noqa: E402
from toolkit.web.server import Background  # noqa: E402

SURVEYS = ROOT / "surveys" / "dakar-2019"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 360, "height": 740}
WID = "dakar-2019"
# (image, language, viewport, path, element to scroll to or None)
SHOTS = [
    ("web-home.png", "fr", DESKTOP, "/", None),
    ("web-trainer.png", "fr", DESKTOP, f"/trainer/{WID}", None),
    ("web-facilitator-phone.png", "en", PHONE, f"/facilitator/{WID}", "#inspect"),
    ("web-scores.png", "en", DESKTOP, f"/facilitator/{WID}/scores", None),
    ("web-manager.png", "fr", DESKTOP, f"/manager/{WID}", None),
    ("web-verify-phone.png", "fr", PHONE, "/verify/{code}", None),
    ("web-new-workshop.png", "fr", DESKTOP, "/trainer/new", None),
    ("web-new-workshop-phone.png", "en", PHONE, "/trainer/new", None),
    ("web-previews.png", "fr", DESKTOP, f"/trainer/{WID}", "#preview-fr"),
    ("web-report-preview.png", "fr", DESKTOP, f"/manager/{WID}", "#report-pages-fr"),
]
NEW = "lome-2027"  # a workshop made with the New workshop form
PAGES = ["/", "/trainer", f"/trainer/{WID}", "/facilitator", f"/facilitator/{WID}",
         f"/facilitator/{WID}/scores", "/manager", f"/manager/{WID}", "/verify",
         "/verify/{code}", "/verify/DKR19-AAAA-AAAA", "/trainer/new", f"/trainer/{NEW}/created",
         f"/trainer/{NEW}"]
VISIBLE_IMAGES_LOADED = """() => Array.from(document.images).filter(i => {
    const r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight;
}).every(i => i.complete && i.naturalWidth > 0)"""


def _images(page, everything: bool) -> None:
    """Wait for the lazily loaded page images in view (with ``everything``: scroll to each,
    since a full-page photograph does not wait for them)."""
    import time

    images = page.locator("img")
    for i in range(images.count() if everything else 0):
        images.nth(i).scroll_into_view_if_needed()
    if everything:
        page.evaluate("window.scrollTo(0, 0)")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if everything and all(images.nth(i).evaluate("i => i.complete && i.naturalWidth > 0")
                              for i in range(images.count())):
            break
        if not everything and page.evaluate(VISIBLE_IMAGES_LOADED):
            break
        time.sleep(0.5)
    time.sleep(1)  # painted, not only loaded


def _prepare(page, url: str) -> str:
    """Upload the demo's files, issue the certificates, make a new workshop with the form;
    return one certificate's code."""
    page.goto(url + "/trainer/new")
    page.fill("#id", NEW)
    page.fill("#title", "Atelier de Lomé sur les migrations mixtes")
    page.fill("#city", "Lomé")
    page.select_option("#country", "TG")
    page.fill("#organisers", "OIM Togo\nMinistère de la Sécurité et de la Protection civile")
    page.click("#create")
    page.goto(url + f"/facilitator/{WID}")
    for kind, name in (("pre", "pre-test.xlsx"), ("post", "post-test.xlsx"),
                       ("participants", "participants.xlsx"), ("attendance", "attendance.xlsx"),
                       ("satisfaction", "satisfaction.xlsx")):
        page.set_input_files(f"#f-{kind}", str(SURVEYS / name))
    page.click("#upload")
    page.goto(url + f"/manager/{WID}")
    page.click("#issue")
    page.wait_for_selector("#done", timeout=120_000)
    page.goto(url + f"/manager/{WID}")
    return page.locator("#eligibility td code").first.inner_text()


def main(argv: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    everything = "--all" in argv
    out = Path(next((a for a in argv if not a.startswith("--")), HERE))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data, Background(Settings(data=Path(data))) as server, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport=DESKTOP, locale="fr")
        code = _prepare(context.new_page(), server.url)
        context.close()
        if everything:
            shots = [(f"{p.strip('/').replace('/', '-').replace(code, 'code') or 'home'}"
                      f"-{lang}-{size}.png", lang, view, p, None)
                     for p in PAGES for lang in ("fr", "en")
                     for size, view in (("desktop", DESKTOP), ("phone", PHONE))]
        else:
            shots = SHOTS
        for name, lang, viewport, path, anchor in shots:
            context = browser.new_context(viewport=viewport, locale=lang,
                                          extra_http_headers={"Accept-Language": lang})
            page = context.new_page()
            page.goto(server.url + path.replace("{code}", code))
            if anchor:
                page.locator(anchor).scroll_into_view_if_needed()
                page.evaluate(f"document.querySelector('{anchor}').scrollIntoView()")
            _images(page, everything)
            page.screenshot(path=str(out / name), full_page=everything)
            context.close()
            print(out / name)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
