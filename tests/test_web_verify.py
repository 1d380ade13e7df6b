"""/verify under load (issue 19): what the server keeps between requests never hides a change,
and the pages compiled per language show exactly what the plain templates show."""
from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")  # Starlette 1.x prefers httpx2
from starlette.testclient import TestClient  # noqa: E402

from toolkit.registry import Request, open_registry  # noqa: E402
from toolkit.web import services  # noqa: E402
from toolkit.web.app import HERE, TEMPLATES, create_app  # noqa: E402
from toolkit.web.security import Settings  # noqa: E402
from toolkit.web.strings import LANGS  # noqa: E402


def _registry(data: Path) -> list[str]:
    data.mkdir(parents=True, exist_ok=True)
    with open_registry(data / "certificate-registry.sqlite") as reg:
        outcomes = reg.issue("example-2024", [Request(f"P{i:02d}", f"Person {i}",
                                                      "participation") for i in range(1, 6)],
                             prefix="EX24", dates="2024-03-04/2024-03-05", title="Atelier")
    return [o.code for o in outcomes]


def test_a_row_changed_after_the_server_checked_it_answers_altered(tmp_path):
    data = tmp_path / "data"
    codes = _registry(data)
    with TestClient(create_app(Settings(data=data))) as client:
        for _ in range(3):  # the first through the thread pool, then at once; all kept
            page = client.get(f"/verify/{codes[2]}", headers={"accept-language": "en"})
            assert page.status_code == 200 and "Person 3" in page.text
        assert client.get(f"/api/verify/{codes[2]}").json()["status"] == "valid"
        db = sqlite3.connect(data / "certificate-registry.sqlite")
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            db.execute(f"DROP TRIGGER {name}")
        db.execute("UPDATE registry_entries SET name = 'Someone Else' WHERE seq = 3")
        db.commit()
        db.close()
        page = client.get(f"/verify/{codes[2]}", headers={"accept-language": "en"})
        assert page.status_code == 409 and "Registry altered" in page.text
        assert "(entry 3)" in page.text and "Someone Else" not in page.text
        assert "Valid certificate" not in page.text
        answer = client.get(f"/api/verify/{codes[2]}")
        assert answer.status_code == 409 and answer.json()["status"] == "altered"
    services.close_registries()


def _answers():
    base = {"code": "EX24-7F3K-Q9XM", "name": "Awa <b>Ndiaye</b> & « co »",
            "workshop": "Atelier d’Abidjan", "kind": "participation", "issued": "2024-03-05",
            "dates": "2024-03-04/2024-03-05", "revoked": None, "replaced": None,
            "altered_at": None}
    yield None
    yield dict(base, status="valid")
    yield dict(base, status="revoked", revoked="2024-04-01")
    yield dict(base, status="superseded", replaced="2024-04-02")
    yield dict(base, status="unknown", name=None)
    yield dict(base, status="altered", altered_at=12)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_compiled_per_language_show_what_the_templates_show(lang):
    common = {"lang": lang, "other_lang": next(x for x in LANGS if x != lang), "colon": ":",
              "csrf": "token", "path": "/verify/EX24-7F3K-Q9XM", "limit_mb": 200,
              "request": None}
    for logged_in in (False, True):
        for answer in _answers():
            context = dict(common, logged_in=logged_in, answer=answer)
            plain = TEMPLATES.env.get_template("verify.html").render(context)
            compiled = TEMPLATES.env.get_template(f"@{lang}/verify.html").render(context)
            assert compiled == plain
    # every page compiles in every language: each fixed text is in the catalogue
    for path in sorted((HERE / "templates").glob("*.html")):
        source = TEMPLATES.env.loader.get_source(TEMPLATES.env, f"@{lang}/{path.name}")[0]
        assert "{{ t('nav.verify') }}" not in source
        TEMPLATES.env.get_template(f"@{lang}/{path.name}")
