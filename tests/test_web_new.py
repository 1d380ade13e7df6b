"""`workshop serve`: a new workshop from the browser's form (`workshop init`), the library's
messages in the page's language, and Secure cookies behind HTTPS (HTTP tests; the browser
clicks through the same form in tests/test_web_browser.py)."""
from __future__ import annotations

import io
import re
import urllib.request
import warnings
import zipfile
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")  # Starlette 1.x prefers httpx2
from starlette.testclient import TestClient  # noqa: E402

from toolkit.curriculum import load_workshop, validate_paths  # noqa: E402
from toolkit.web.app import create_app  # noqa: E402
from toolkit.web.security import Settings  # noqa: E402

FORM = {"id": "lome-2027", "title": "Atelier de Lomé sur la migration", "lang": "fr",
        "start": "2027-03-15", "end": "", "city": "Lomé", "country": "TG",
        "organisers": "OIM Togo\nMinistère de la Sécurité", "modules": ["mixed-migration",
                                                                        "migrant-protection"]}


def _client(tmp_path: Path, **settings) -> TestClient:
    return TestClient(create_app(Settings(data=tmp_path / "data", **settings)))


def _csrf(client: TestClient, page: str = "/trainer/new") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(page).text).group(1)


def _written(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _error(page: str) -> str:
    found = re.search(r'id="new-error">(.*?)</p>', page, re.S)
    assert found, page[:500]
    import html

    return html.unescape(found.group(1))


def _create(client: TestClient, **changes):
    form = {**FORM, **changes, "csrf": _csrf(client)}
    return client.post("/trainer/new", data=form, follow_redirects=False)


def test_the_form_offers_the_bundled_modules_and_the_defaults(tmp_path):
    page = _client(tmp_path, lang="fr").get("/trainer/new").text
    for module in ("mixed-migration", "international-recruitment", "migrant-protection",
                   "gender-advocacy"):
        assert f'name="modules" value="{module}"' in page
    # the command line's default modules are ticked; the others are not
    assert re.search(r'value="mixed-migration" checked', page)
    assert not re.search(r'value="gender-advocacy" checked', page)
    assert '<option value="CI">Côte d’Ivoire</option>' in page
    assert 'type="radio" name="lang" value="fr" checked' in page
    english = _client(tmp_path, lang="en").get("/trainer/new").text
    assert 'type="radio" name="lang" value="en" checked' in english


def test_a_new_workshop_is_written_validates_and_offers_its_files(tmp_path):
    client = _client(tmp_path, lang="fr")
    answer = _create(client)
    assert answer.status_code == 303 and answer.headers["location"] == "/trainer/lome-2027/created"
    root = tmp_path / "data" / "workshops" / "lome-2027" / "yaml"
    assert [p for p in validate_paths([str(root)]) if p.severity != "warning"] == []
    ws = load_workshop(str(root / "workshops" / "lome-2027.yaml"))
    assert ws.languages == ("fr",) and ws.country == "TG" and ws.start.isoformat() == "2027-03-15"
    assert [o.name.get("fr") for o in ws.organisers] == ["OIM Togo", "Ministère de la Sécurité"]
    assert [m.id for m in ws.modules] == ["mixed-migration", "migrant-protection"]
    page = client.get(answer.headers["location"]).text
    assert "Atelier créé\u00a0: Atelier de Lomé sur la migration" in page
    assert 'id="clean"' in page and "du 15 au 17 mars 2027" in page
    assert 'href="/trainer/lome-2027"' in page  # on to the trainer workflow
    # the workshop file, the three templates and the whole folder, each downloadable
    got = {}
    for name in re.findall(r'/trainer/lome-2027/files/([^"]+)"', page):
        answer = client.get(f"/trainer/lome-2027/files/{name}")
        assert answer.status_code == 200, name
        got[name] = answer.content
    assert set(got) == {"workshop.yaml", "participants.xlsx", "attendance.xlsx",
                        "satisfaction-xlsform.xlsx", "satisfaction-paper.pdf",
                        "workshop-files.zip"}
    assert b"id: lome-2027" in got["workshop.yaml"]
    assert got["participants.xlsx"][:2] == b"PK" and got["satisfaction-paper.pdf"][:4] == b"%PDF"
    names = zipfile.ZipFile(io.BytesIO(got["workshop-files.zip"])).namelist()
    assert "lome-2027/workshops/lome-2027.yaml" in names
    assert "lome-2027/modules/migrant-protection.yaml" in names
    assert "lome-2027/data/participants.xlsx" in names
    # it is now one of the workshops, and the trainer page shows its agenda
    assert 'data-id="lome-2027"' in client.get("/trainer").text
    trainer = client.get("/trainer/lome-2027").text
    assert "Atelier de Lomé sur la migration" in trainer and "lundi 15 mars 2027" in trainer
    assert "/trainer/lome-2027/files/participants.xlsx" in trainer
    assert client.get("/trainer/lome-2027/files/../../x").status_code == 404
    assert client.get("/trainer/dakar-2019/files/workshop.yaml").status_code == 404


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_bad_input_is_refused_with_the_cli_sentences_and_nothing_is_written(tmp_path, lang):
    from click.testing import CliRunner

    from toolkit.cli import main

    client = _client(tmp_path, lang=lang)

    def cli(*args: str) -> str:  # the command line's own words, in the same language
        result = CliRunner().invoke(main, ["--lang", lang, "init", str(tmp_path / "cli"),
                                           *args])
        assert result.exit_code != 0
        return " ".join(result.output.split())

    cases = [({"id": "lome 2027"}, ["--id", "lome 2027"]),
             ({"id": "lome/2027"}, ["--id", "lome/2027"]),
             ({"id": "x-2027", "start": "2027-03-15", "end": "2027-03-12"},
              ["--id", "x-2027", "--start", "2027-03-15", "--end", "2027-03-12"]),
             ({"id": "x-2027", "modules": []}, ["--id", "x-2027", "--modules", ","])]
    for form, args in cases:
        answer = _create(client, **form)
        assert answer.status_code == 400, form
        said = " ".join(_error(answer.text).split())
        sentence = cli(*args).split(": ", 1)[1].strip()
        assert sentence in said, (sentence, said)
        assert 'value="{}"'.format(form["id"]) in answer.text  # the form keeps what was typed
    assert _written(tmp_path / "data") == []
    # an id already taken: by a bundled example, then by a workshop made here
    assert "dakar-2019.yaml" in _error(_create(client, id="dakar-2019").text)
    assert _create(client).status_code == 303
    before = _written(tmp_path / "data")
    again = _create(client, title="Autre")
    taken = _error(again.text)
    assert again.status_code == 400 and "lome-2027.yaml" in taken
    word = {"en": "already exists; nothing was written", "fr": "existe déjà"}[lang]
    assert word in taken
    assert _written(tmp_path / "data") == before
    # no CSRF token: refused, nothing written
    forged = client.post("/trainer/new", data={**FORM, "id": "forged-1"})
    assert forged.status_code == 403 and not (tmp_path / "data/workshops/forged-1").exists()


def test_a_french_page_shows_the_library_messages_in_french(tmp_path):
    """Validation problems, refusals and import errors come from the library's catalogue in
    the language of the page, even when two languages are asked for one after the other."""
    client = _client(tmp_path)
    french, english = {"accept-language": "fr"}, {"accept-language": "en"}
    csrf = _csrf(client)
    refused = client.post("/trainer/new", data={**FORM, "id": "Lomé 2027", "csrf": csrf},
                          headers=french)
    assert "ne peut pas être un identifiant d’atelier" in _error(refused.text)
    refused = client.post("/trainer/new", data={**FORM, "id": "Lomé 2027", "csrf": csrf},
                          headers=english)
    assert "cannot be a workshop id" in _error(refused.text)
    client.post("/trainer/new", data={**FORM, "csrf": csrf}, headers=french)
    # the new workshop leaves free time before two breaks: validate's warnings
    fr_page = client.get("/trainer/lome-2027/created", headers=french).text
    en_page = client.get("/trainer/lome-2027/created", headers=english).text
    assert "min de temps libre" in fr_page and "min of free time" not in fr_page
    assert "min of free time" in en_page and "min de temps libre" not in en_page
    # an import error: a test export that is not a table
    files = {"pre": ("pre.csv", b"\x00\x01\x02 not a table \xff" * 3)}
    client.post("/facilitator/lome-2027/upload", data={"csrf": csrf}, files=files)
    from toolkit.i18n import use_language
    from toolkit.web import services

    folder = tmp_path / "data" / "workshops" / "lome-2027" / "uploads"
    messages = {}
    for lang in ("fr", "en"):
        with use_language(lang), pytest.raises(services.UserError) as error:
            services.inspect_upload(tmp_path / "data", "lome-2027", "pre", folder)
        messages[lang] = services.explain(error.value, folder)  # as the page shows it
    assert messages["fr"] != messages["en"] and str(folder) not in messages["fr"]
    import html

    for lang, headers in (("fr", french), ("en", english)):
        page = html.unescape(client.get("/facilitator/lome-2027", headers=headers).text)
        assert messages[lang] in page
    assert "ni un tableur" in messages["fr"]


def _cookie_flags(headers) -> dict[str, str]:
    out = {}
    for value in headers.get_list("set-cookie") if hasattr(headers, "get_list") else \
            headers.get_all("set-cookie"):
        out[value.split("=", 1)[0]] = value.lower()
    return out


def test_cookies_are_secure_behind_https(tmp_path):
    # plain http on the local machine: the cookies must work over http, so no Secure flag
    plain = _cookie_flags(_client(tmp_path).get("/").headers)
    assert "wt_csrf" in plain and "secure" not in plain["wt_csrf"]
    # --public-url https://...: every cookie (CSRF, language, login) is Secure
    settings = Settings(data=tmp_path / "data", public_url="https://ateliers.example.org/",
                        password="pw horse")
    # (the test client speaks https too, or it would not send the Secure cookies back)
    client = TestClient(create_app(settings), base_url="https://testserver")
    # the server itself is reached over plain http (the proxy in front does TLS)
    behind = TestClient(create_app(settings))
    got = _cookie_flags(behind.get("/login").headers)
    assert "; secure" in got["wt_csrf"] and "httponly" in got["wt_csrf"]
    assert "; secure" in _cookie_flags(behind.get("/login?lang=en",
                                                  follow_redirects=False).headers)["wt_lang"]
    logged = client.post("/login", data={"csrf": _csrf(client, "/login"), "password": "pw horse",
                                         "next": "/"}, follow_redirects=False)
    assert logged.status_code == 303
    assert "; secure" in _cookie_flags(logged.headers)["wt_auth"]


def _headers_of(url: str, **headers) -> dict[str, str]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
        return _cookie_flags(r.headers)


def test_x_forwarded_proto_is_believed_from_a_trusted_proxy_only(tmp_path):
    """Through uvicorn, as `workshop serve` runs it: the proxy at 127.0.0.1 says https."""
    from toolkit.web.server import Background

    https = {"X-Forwarded-Proto": "https"}
    with Background(Settings(data=tmp_path / "a")) as server:  # no --trusted-proxy
        assert "secure" not in _headers_of(server.url + "/", **https)["wt_csrf"]
    trusted = Settings(data=tmp_path / "b", trusted_proxies=("127.0.0.1",))
    with Background(trusted) as server:
        assert "; secure" in _headers_of(server.url + "/", **https)["wt_csrf"]
        assert "secure" not in _headers_of(server.url + "/")["wt_csrf"]
    elsewhere = Settings(data=tmp_path / "c", trusted_proxies=("10.0.0.7",))
    with Background(elsewhere) as server:
        assert "secure" not in _headers_of(server.url + "/", **https)["wt_csrf"]


def test_serve_options_for_https(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from toolkit.cli import main
    from toolkit.web.server import settings_for

    settings = settings_for(host="127.0.0.1", data=str(tmp_path), lang=None, password_file=None,
                            public_url="https://ateliers.example.org/",
                            trusted_proxies=("10.0.0.7",))
    assert settings.secure_cookies and settings.trusted_proxies == ("10.0.0.7",)
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path), "--public-url",
                                       "ateliers.example.org"])
    assert result.exit_code == 1 and "--public-url" in result.output


def test_the_api_speaks_its_clients_language_else_english(tmp_path):
    client = _client(tmp_path)
    files = {"pre": ("pre.exe", b"MZ not a table")}
    english = client.post("/api/score", data={"workshop": "dakar-2019"}, files=files)
    assert english.json()["error"].startswith("pre.exe: a .exe file cannot be read here")
    french = client.post("/api/score", data={"workshop": "dakar-2019"}, files=files,
                         headers={"accept-language": "fr-SN"})
    assert french.json()["error"].startswith("pre.exe\u00a0: un fichier .exe ne peut pas être "
                                             "lu ici")


def test_previews_are_made_once_kept_next_to_the_pdf_and_remade_when_an_input_changes(tmp_path):
    import os
    import subprocess

    client = _client(tmp_path, lang="fr")
    assert _create(client).status_code == 303
    page = client.get("/trainer/lome-2027").text
    src = "/trainer/lome-2027/preview/fr/pre-paper/1.png"
    assert f'<img src="{src}" loading="lazy" alt="Pré-test sur papier, page 1"' in page
    assert "/trainer/lome-2027/preview/fr/pre-paper/2.png" not in page  # not made yet
    first = client.get(src)
    assert first.status_code == 200 and first.headers["content-type"] == "image/png"
    outputs = tmp_path / "data" / "workshops" / "lome-2027" / "outputs" / "fr"
    pdf, png = outputs / "pre-paper.pdf", outputs / "pre-paper-page1.png"
    assert png.read_bytes() == first.content and pdf.is_file()
    # the image is the PDF's first page, as pdftoppm draws it
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(tmp_path / "check")], check=True)
    assert (tmp_path / "check.png").read_bytes() == first.content
    made = pdf.stat().st_mtime_ns, png.stat().st_mtime_ns
    assert client.get(src).content == first.content
    assert (pdf.stat().st_mtime_ns, png.stat().st_mtime_ns) == made  # kept, not made again
    # the PDF has been made: the page now shows its first two pages and how many there are
    page = client.get("/trainer/lome-2027").text
    assert "/trainer/lome-2027/preview/fr/pre-paper/2.png" in page
    count = int(re.search(r"Pré-test sur papier · (\d+) pages", page).group(1))
    assert count >= 2
    # a workshop file edited after the PDF: PDF and image are made again
    yaml = tmp_path / "data" / "workshops" / "lome-2027" / "yaml" / "workshops" / \
        "lome-2027.yaml"
    later = pdf.stat().st_mtime + 5
    os.utime(yaml, (later, later))
    assert client.get(src).status_code == 200
    assert pdf.stat().st_mtime_ns != made[0] and png.stat().st_mtime_ns != made[1]
    # pages beyond those shown, unknown documents and languages: not found
    for bad in ("/trainer/lome-2027/preview/fr/pre-paper/3.png",
                "/trainer/lome-2027/preview/fr/nothing/1.png",
                "/trainer/lome-2027/preview/de/agenda/1.png",
                "/trainer/no-such/preview/fr/agenda/1.png"):
        assert client.get(bad).status_code == 404, bad
    # the PDF behind the images opens in the browser
    shown = client.get("/trainer/lome-2027/pdf/fr/pre-paper.pdf")
    assert shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"].startswith("inline")


def test_the_tests_as_tables_follow_the_paper_order_and_mark_the_right_answers(tmp_path):
    import html

    from toolkit.stages import letters, stage_questions

    client = _client(tmp_path, lang="fr")
    assert _create(client).status_code == 303
    page = html.unescape(client.get("/trainer/lome-2027").text)
    ws = load_workshop(str(tmp_path / "data/workshops/lome-2027/yaml/workshops/lome-2027.yaml"))
    for stage in ("pre", "post"):
        table = page.split(f'id="test-fr-{stage}"')[1].split("</details>")[0]
        questions = stage_questions(ws, stage)
        assert f"({len(questions)} questions)" in table
        rows = table.split("<tr>")[2:]  # after the header row
        assert len(rows) == len(questions)
        for row, question in zip(rows, questions):
            assert question.text.get("fr") in row
            shown = re.findall(r"<li( class=\"correct\")?><b>(\w+)</b> ", row)
            assert [letter for _, letter in shown] == letters(len(question.choices))
            assert {letter for mark, letter in shown if mark} == {
                letter for letter, c in zip(letters(len(question.choices)), question.choices)
                if c.correct}


def test_a_fallback_face_is_loaded_once_when_pages_ask_together():
    """The page images of a trainer page are made by several requests at once: a fallback
    face must not be loaded twice (a document would then hold two fonts of one name and every
    later report fail with "redefining named object")."""
    import threading

    from toolkit.render.pdf.fonts import LazyFace
    from toolkit.render.pdf.theme import FONT_DIR

    face = LazyFace("WTFallback-Test", str(FONT_DIR / "DejaVuSans.ttf"))
    start, got = threading.Barrier(8), []

    def load() -> None:
        start.wait()
        got.append(face.font)

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 8 and len({id(font) for font in got}) == 1
    assert face.covers("→")


def test_pdfs_are_made_one_at_a_time(tmp_path, monkeypatch):
    """Every PDF the server makes goes through one lock (reportlab's shared fonts)."""
    import threading
    import time

    from toolkit.web import services

    inside, most = [0], [0]
    guard = threading.Lock()

    def slow_agenda(self, **kwargs):
        with guard:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.2)
        with guard:
            inside[0] -= 1
        Path(kwargs["output"]).write_bytes(b"%PDF-1.4\n")

    from toolkit.app import Session

    monkeypatch.setattr(Session, "agenda", slow_agenda)
    threads = [threading.Thread(target=services.make_output,
                                args=(tmp_path, "dakar-2019", "agenda.pdf", lang))
               for lang in ("fr", "en", "fr", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1
