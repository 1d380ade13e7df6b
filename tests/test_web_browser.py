"""`workshop serve` used as a person uses it: Playwright driving Debian's Chromium.

The test starts the server itself (uvicorn on a thread, a free localhost port, a fresh data
folder) and stops it. Each workflow is clicked through with the bundled demo's files; the
downloads are opened (PDF text read with pypdf, XLSX with openpyxl, ZIP listed); every page is
loaded in French and English, at 1280 px and at 360 px (a phone) where nothing may scroll
sideways. Set WORKSHOP_SCREENSHOTS=DIR to photograph every page into DIR
(docs/make_web_screenshots.py makes the README's images).

Chromium comes from Debian (`apt-get install chromium`; .ci/run installs it when missing),
since Playwright's own browser download cannot be reached from CI.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from toolkit.web.security import Settings
from toolkit.web.server import Background

ROOT = Path(__file__).resolve().parent.parent
SURVEYS = ROOT / "surveys" / "dakar-2019"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 360, "height": 740}
WID = "dakar-2019"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("web-data")
    with Background(Settings(data=data)) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Shots:
    """Screenshots, taken only when WORKSHOP_SCREENSHOTS names a folder (they cost seconds)."""

    def __init__(self, folder: str | None) -> None:
        self.folder = Path(folder) if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, page, name: str) -> None:
        if self.folder:
            page.screenshot(path=str(self.folder / name), full_page=True)


@pytest.fixture(scope="module")
def shots() -> Shots:
    return Shots(os.environ.get("WORKSHOP_SCREENSHOTS"))


def _page(browser, lang: str, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, locale=lang, accept_downloads=True,
                                  extra_http_headers={"Accept-Language": lang})
    return context.new_page()


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"{page.url}: {width}px wide in a {inner}px window"


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def _download(page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_trainer_workflow_in_french(server, browser, shots):
    page = _page(browser, "fr")
    page.goto(server.url + "/")
    assert page.inner_text("h1") == "Boîte à outils des ateliers"
    page.click("#go-trainer")
    page.click(f"a[data-id='{WID}']")
    assert page.url.endswith(f"/trainer/{WID}")
    # the bundled example has no error; its agenda warnings (free time before a break) show
    problems = page.inner_text("#problems")
    assert "Les fichiers sont valides" in problems or (
        "(avertissement)" in problems and "(erreur)" not in problems), problems
    agenda = page.inner_text("#agenda")
    assert "Jour 1 · mercredi 10 avril 2019" in agenda and "08h30–09h00" in agenda
    shots(page, "trainer-fr-desktop.png")
    pdf = _download(page, "a[data-name='fr-agenda.pdf']")
    text = _pdf_text(pdf)
    assert "Migrations mixtes et protection des migrants" in text and "10 avril 2019" in text
    xlsform = _download(page, "a[data-name='en-pre-xlsform.xlsx']")
    from openpyxl import load_workbook

    assert {"survey", "choices", "settings"} <= set(load_workbook(io.BytesIO(xlsform)).sheetnames)
    page.context.close()


def test_trainer_uploads_yaml_files_and_sees_each_problem_with_its_line(server, browser,
                                                                       tmp_path):
    curricula = ROOT / "curricula"
    text = (curricula / "workshops" / "dakar-2019.yaml").read_text(encoding="utf-8")
    text = text.replace("id: dakar-2019", "id: atelier-test").replace(
        "attendance_threshold: 0.75", "attendance_threshold: 7.5")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "threshold: 7.5" in row)
    (tmp_path / "atelier-test.yaml").write_text(text, encoding="utf-8")
    files = [str(tmp_path / "atelier-test.yaml")] + [
        str(p) for p in sorted((curricula / "modules").glob("*.yaml"))]
    page = _page(browser, "en", PHONE)
    page.goto(server.url + "/trainer")
    page.set_input_files("#files", files)
    page.click("#upload-yaml")
    assert page.url.endswith("/trainer/atelier-test")
    problems = page.inner_text("#problems")
    assert f"atelier-test.yaml, line {line}:" in problems and "attendance_threshold" in problems
    _no_sideways_scroll(page)
    page.context.close()


def test_facilitator_workflow_on_a_phone_in_english(server, browser, shots):
    page = _page(browser, "en", PHONE)
    page.goto(server.url + "/facilitator")
    page.click(f"a[data-id='{WID}']")
    for kind, name in (("pre", "pre-test.xlsx"), ("post", "post-test.xlsx"),
                       ("participants", "participants.xlsx"), ("attendance", "attendance.xlsx"),
                       ("satisfaction", "satisfaction.xlsx")):
        page.set_input_files(f"#f-{kind}", str(SURVEYS / name))
    page.click("#upload")
    pre = page.inner_text("article[data-kind='pre']")
    assert "kobo" in pre and "Rows read\n30" in pre.replace("\t", "\n")
    assert "row 31: no participant code" in pre  # the rejected row, with its reason
    post = page.inner_text("article[data-kind='post']")
    assert "row 6 (DKR-05) — row 7 kept" in post  # the duplicate, and which row counts
    assert "30 participants in the roster · Women 14 · Men 16" in page.inner_text("#roster")
    _no_sideways_scroll(page)
    shots(page, "facilitator-en-phone.png")
    page.click("#to-scores")
    matched = page.inner_text("#matched")
    # `workshop score --json` for the same files: 28 matched, gain 26.61, CI 18.92 to 34.29
    assert "28" in matched and "26.6" in matched and "[18.9, 34.3]" in matched
    accounted = page.inner_text("#accounted")
    assert "DKR-30" in accounted and "DKR-29" in accounted  # pre only, post only
    assert "pre-test.xlsx, row 31" in accounted and "post-test.xlsx, row 6" in accounted
    _no_sideways_scroll(page)
    shots(page, "scores-en-phone.png")
    workbook = _download(page, "#scores-xlsx")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook))
    assert {"Summary", "Participants", "Rejected", "Duplicates"} <= set(book.sheetnames)
    page.context.close()


def _manager_page(browser, server):
    """The manager's page in French, with the Dakar files uploaded (by an earlier test, or
    here when this test runs alone)."""
    page = _page(browser, "fr")
    page.goto(server.url + f"/manager/{WID}")
    if "Chargez d’abord" in page.inner_text("#report"):
        _upload_all(page, server)
        page.goto(server.url + f"/manager/{WID}")
    return page


def test_manager_workflow_report_certificates_registry(server, browser, shots):
    page = _manager_page(browser, server)
    preview = page.inner_text("#preview")
    # the 28 who took both tests, as in the report (and `workshop score`)
    assert "44,3\u202f% → 70,9\u202f%" in preview and "26,6 points" in preview
    for lang, figures in (("fr", ("44,3 % → 70,9 %", "+26,6 points (18,9 ; 34,3)")),
                          ("en", ("44.3% → 70.9%", "+26.6 points (18.9 to 34.3)"))):
        href = page.get_attribute(f"a[data-name='report-{lang}']", "href")
        answer = page.request.get(server.url + href)
        assert answer.headers["content-type"] == "application/pdf"
        text = _pdf_text(answer.body()).replace("\u202f", " ")
        assert all(f in text for f in figures), (lang, text[:1500])
    table = page.inner_text("#eligibility")
    assert "Rasmata Kaboré" in table and "présence 50 % < 75 %" in table.replace("\u202f", " ")
    shots(page, "manager-fr-desktop.png")
    page.select_option("#cert_lang", "fr")
    # the workshop is over: the date printed is its last day, as `workshop certificates`
    assert page.input_value("#cert_date") == "2019-04-13"
    page.click("#issue")
    page.wait_for_selector("#done", timeout=90_000)  # the progress page reloads itself
    assert "28 attestation(s)" in page.inner_text("#done")
    archive = zipfile.ZipFile(io.BytesIO(_download(page, "a[data-name='certificates-zip']")))
    assert len([n for n in archive.namelist() if n.endswith(".pdf")]) == 28
    merged = page.request.get(server.url + f"/manager/{WID}/certificates.pdf").body()
    text = _pdf_text(merged)
    assert "Aïssatou Ndiaye" in text and "Sènami Florence Agossou" in text
    # the registry: search, revoke, and the public page says so
    page.goto(server.url + f"/manager/{WID}")
    page.fill("#q", "Agossou")
    page.click("#search")
    row = page.locator("#registry-results tbody tr")
    assert row.count() == 1
    code = row.get_attribute("data-code")
    shots(page, "registry-fr-desktop.png")
    verify = _page(browser, "en", PHONE)
    verify.goto(server.url + f"/verify/{code}")
    assert verify.inner_text("#verdict h2") == "Valid certificate"
    assert "Sènami Florence Agossou" in verify.inner_text("#holder")
    _no_sideways_scroll(verify)
    shots(verify, "verify-en-phone.png")
    page.fill("#registry-results input[name=reason]", "nom mal orthographié")
    page.click("#registry-results button.danger")
    assert code in page.inner_text("p[role=status]")
    verify.reload()
    assert verify.inner_text("#verdict h2") == "Revoked certificate"
    near = code[:-1] + ("A" if code[-1] != "A" else "B")
    verify.goto(server.url + f"/verify/{near}")
    assert verify.inner_text("#verdict h2") == "Unknown code"
    assert code not in verify.content() and "Agossou" not in verify.content()
    export = _download(page, "#registry-xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export)).active
    assert [c.value for c in sheet[1]][:3] == ["code", "participant_id", "name"]
    assert sheet.max_row == 29
    # the registry is the database in the data folder; the revocation is an entry in it
    from toolkit.registry import open_registry

    with open_registry(server.settings.data / "certificate-registry.sqlite",
                       create=False) as reg:
        assert reg.lookup(code).status == "revoked" and reg.lookup(code).reason == \
            "nom mal orthographié"
    assert not (server.settings.data / "certificate-registry.csv").exists()
    verify.context.close()
    page.context.close()


def _upload_all(page, server) -> None:
    page.goto(server.url + f"/facilitator/{WID}")
    for kind, name in (("pre", "pre-test.xlsx"), ("post", "post-test.xlsx"),
                       ("participants", "participants.xlsx"), ("attendance", "attendance.xlsx"),
                       ("satisfaction", "satisfaction.xlsx")):
        page.set_input_files(f"#f-{kind}", str(SURVEYS / name))
    page.click("#upload")


PAGES = ["/", "/trainer", "/trainer/new", f"/trainer/{WID}", "/facilitator",
         f"/facilitator/{WID}", f"/facilitator/{WID}/scores", "/manager", f"/manager/{WID}",
         "/verify"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_in_both_languages_and_sizes(server, browser, shots, lang):
    """Every page on a phone (the workflows above run at 1280 px too); with
    WORKSHOP_SCREENSHOTS set, at 1280 px as well, for the screenshots."""
    other = {"fr": "en", "en": "fr"}[lang]
    sizes = ((DESKTOP, "desktop"), (PHONE, "phone")) if shots.folder else ((PHONE, "phone"),)
    for viewport, size in sizes:
        page = _page(browser, lang, viewport)
        page.goto(server.url + f"/facilitator/{WID}")
        if "data-uploaded" not in page.content():
            _upload_all(page, server)
        for path in PAGES:
            page.goto(server.url + path)
            assert page.get_attribute("html", "lang") == lang
            assert page.locator("#lang-switch").count() == 1
            if viewport is PHONE:
                _no_sideways_scroll(page)
            name = path.strip("/").replace("/", "-").replace(WID, "ws") or "home"
            shots(page, f"{name}-{lang}-{size}.png")
        page.click("#lang-switch")  # the switch on every page: back on the same page
        assert page.get_attribute("html", "lang") == other
        assert page.url.endswith("/verify")
        page.context.close()


def test_nothing_is_fetched_from_outside(server, browser):
    """Offline: every request a page makes goes to the server itself (no CDN, no fonts)."""
    page = _page(browser, "fr")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/", f"/trainer/{WID}", "/verify"):
        page.goto(server.url + path)
    assert requested and all(re.match(re.escape(server.url) + "/", u) for u in requested)
    page.context.close()


# ---------------------------------------------------------------- a new workshop, previews


def _loaded(image, timeout: float = 240.0) -> int:
    """The natural width of an <img> once it has loaded (scrolled into view first, since the
    previews load lazily); 0 if it did not load in time. (Polled from Python: the page's
    Content-Security-Policy forbids the string evaluation wait_for_function uses.)"""
    import time

    image.scroll_into_view_if_needed()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        width = image.evaluate("i => i.complete ? i.naturalWidth : 0")
        if width:
            return width
        time.sleep(0.3)
    return 0


NEW = {"fr": {"bad": "ne peut pas être un identifiant d’atelier", "title": "Atelier de Lomé",
              "created": "Atelier créé", "clean": "Les fichiers sont valides",
              "dates": "du 15 au 18 mars 2027", "alt": "Programme, page 1",
              "test": "Pré-test\u00a0: questions et choix", "correct": "bonne réponse"},
       "en": {"bad": "cannot be a workshop id", "title": "Lomé workshop",
              "created": "Workshop created", "clean": "The files are valid",
              "dates": "15–18 March 2027", "alt": "Agenda, page 1",
              "test": "Pre-test: questions and choices", "correct": "correct answer"}}


@pytest.mark.parametrize("lang,viewport", [("fr", DESKTOP), ("en", PHONE)],
                         ids=["fr-desktop", "en-phone"])
def test_a_new_workshop_from_the_browser_then_its_previews(server, browser, shots, lang,
                                                          viewport):
    words, size = NEW[lang], "phone" if viewport is PHONE else "desktop"
    wid = f"lome-{lang}"
    page = _page(browser, lang, viewport)
    page.goto(server.url + "/trainer")
    page.click("#new-link")
    assert page.url.endswith("/trainer/new")
    if viewport is PHONE:
        _no_sideways_scroll(page)
    shots(page, f"trainer-new-{lang}-{size}.png")
    # a wrong id first: refused in the page's language, the form keeps what was typed
    page.fill("#id", "Lomé 2027")
    page.fill("#title", words["title"])
    page.click("#create")
    assert words["bad"] in page.inner_text("#new-error")
    assert page.input_value("#title") == words["title"]
    assert not (server.settings.data / "workshops" / "Lomé 2027").exists()
    page.fill("#id", wid)
    page.check(f"input[name=lang][value={lang}]")
    page.fill("#start", "2027-03-15")
    page.fill("#city", "Lomé")
    page.select_option("#country", "TG")
    page.fill("#organisers", "OIM Togo\nMinistère de la Sécurité")
    page.uncheck("input[name=modules][value=international-recruitment]")
    page.check("input[name=modules][value=gender-advocacy]")
    page.click("#create")
    assert page.url.endswith(f"/trainer/{wid}/created")
    assert words["created"] in page.inner_text("h1") and words["title"] in page.inner_text("h1")
    assert words["dates"] in page.inner_text(".lead")
    assert words["clean"] in page.inner_text("#clean")
    if viewport is PHONE:
        _no_sideways_scroll(page)
    shots(page, f"trainer-created-{lang}-{size}.png")
    yaml_text = _download(page, "a[data-name='workshop.yaml']").decode("utf-8")
    assert f"id: {wid}" in yaml_text and "module: gender-advocacy" in yaml_text
    assert "international-recruitment" not in yaml_text and "OIM Togo" in yaml_text
    from openpyxl import load_workbook

    roster = load_workbook(io.BytesIO(_download(page, "a[data-name='participants.xlsx']")))
    assert roster.sheetnames
    assert _pdf_text(_download(page, "a[data-name='satisfaction-paper.pdf']")).strip()
    # on to the trainer workflow: the print previews and the tests as tables
    page.click("#continue")
    assert page.url.endswith(f"/trainer/{wid}")
    agenda = page.locator(f"#preview-{lang} figure[data-doc=agenda] img").first
    assert agenda.get_attribute("alt") == words["alt"]
    assert agenda.get_attribute("loading") == "lazy"
    assert _loaded(agenda) > 300  # an A4 page at 72 dpi is 595 px wide
    page.click(f"#test-{lang}-pre summary")
    table = page.inner_text(f"#test-{lang}-pre")
    assert words["test"] in table and words["correct"] in table
    rows = page.locator(f"#test-{lang}-pre tbody tr")
    assert rows.count() >= 4
    if viewport is PHONE:
        _no_sideways_scroll(page)
    # the page image is the PDF's first page: the same PDF opens from it
    href = page.locator(f"#preview-{lang} figure[data-doc=agenda] a").first.get_attribute("href")
    pdf = page.request.get(server.url + href)
    assert pdf.headers["content-type"] == "application/pdf" and "Lomé" in _pdf_text(pdf.body())
    shots(page, f"trainer-previews-{lang}-{size}.png")
    page.context.close()


def test_the_report_preview_shows_its_first_pages(server, browser, shots):
    page = _manager_page(browser, server)
    for lang in ("fr", "en"):
        first = page.locator(f"#report-pages-{lang} img").first
        assert first.get_attribute("alt") == {"fr": "Rapport en français, page 1",
                                              "en": "Rapport en anglais, page 1"}[lang]
        assert _loaded(first) > 300
    page.reload()  # the report exists now: its first pages are all shown
    images = page.locator("#report-pages-fr img")
    assert images.count() >= 2 and all(_loaded(images.nth(i)) for i in range(images.count()))
    shots(page, "manager-report-fr-desktop.png")
    page.context.close()
