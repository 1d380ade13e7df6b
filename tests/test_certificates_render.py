"""Certificate PDFs: text, QR code, fonts, determinism, one file per participant."""
from __future__ import annotations

import subprocess
import zipfile

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from certificates_fixtures import ROSTER, make_workshop, person
from toolkit.render.pdf.certificates import languages_for, qr_value, render_certificates

CODES = ["EX24-7F3K-Q9X5", "EX24-ABCD-EFG7", "EX24-1111-222A", "EX24-MNPQ-RSTV",
         "EX24-0000-0000"]


def _certs(people=ROSTER, kind="participation"):
    return [(p, kind, code) for p, code in zip(people, CODES)]


def _text(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.mark.parametrize("lang, words", [
    ("fr", ["ATTESTATION DE PARTICIPATION", "est décernée à", "du 4 au 5 mars 2024",
            # 6 h of programme less the opening and closing ceremonies (30 min each)
            "Dakar (Sénégal)", "5 heures de formation", "Financé par l’Union européenne", "Awa Ndiaye", "Formatrice principale, OIM",
            "Vérifier : https://verify.example.org/EX24-7F3K-Q9X5"]),
    ("en", ["CERTIFICATE OF PARTICIPATION", "is awarded to", "4–5 March 2024",
            "Dakar, Senegal", "5 hours of training", "Funded by the European Union",
            "Lead trainer, OIM",
            "Verify: https://verify.example.org/EX24-7F3K-Q9X5"]),
    ("both", ["ATTESTATION DE PARTICIPATION", "CERTIFICATE OF PARTICIPATION",
              "est décernée à", "is awarded to", "Workshop on migrant protection in West Africa"]),
])
def test_certificate_text(tmp_path, lang, words):
    out = tmp_path / "c.pdf"
    render_certificates(make_workshop(hours=None), _certs(), output=out, lang=lang)
    pages = _text(out)
    assert len(pages) == len(ROSTER)
    for word in words:
        assert " ".join(word.split()) in pages[0].replace("\u202f", " ")
    assert "@" not in " ".join(pages) and "+221" not in " ".join(pages)
    assert "RÉUSSITE" not in " ".join(pages) and "COMPLETED" not in " ".join(pages)


def test_every_page_holds_the_exact_name_and_code(tmp_path):
    out = tmp_path / "c.pdf"
    ws = make_workshop(title={"fr": "Droits & devoirs <migrants>", "en": "Rights & duties"})
    render_certificates(ws, _certs(kind="completion"), output=out, lang="both")
    pages = _text(out)
    for page, person_, code in zip(pages, ROSTER, CODES):
        assert person_.full_name in page
        assert code in page
        assert "ATTESTATION DE FIN DE FORMATION" in page and "CERTIFICATE OF COMPLETION" in page
        assert "Droits & devoirs <migrants>" in page
        assert "RÉUSSITE" in page  # the seal of completion
    assert "Koffi Mensah & Fils <ONG Espoir>" in pages[1]
    assert "Ƴero Ɓaldé Ŋom" in pages[2]


def test_a_very_long_name_is_wrapped_on_two_lines_not_cut(tmp_path):
    out = tmp_path / "c.pdf"
    long = person("P9", "Marie-Madeleine Adjoa Afiwa Ekoué-Kouvahey",
                  "de Souza-Nkrumah Ouédraogo-Zongo")
    render_certificates(make_workshop(), [(long, "participation", CODES[0])], output=out)
    lines = [line.strip() for line in PdfReader(out).pages[0].extract_text().splitlines()]
    first = lines.index("Marie-Madeleine Adjoa Afiwa Ekoué-Kouvahey")
    assert lines[first + 1] == "de Souza-Nkrumah Ouédraogo-Zongo"


def _qr(tmp_path, pdf) -> list[str]:
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf),
                    str(prefix)], check=True)
    image = Image.open(next(tmp_path.glob("page*.png")))
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_qr_holds_the_verify_url(tmp_path):
    out = tmp_path / "c.pdf"
    render_certificates(make_workshop(), _certs(), output=out)
    assert _qr(tmp_path, out) == ["https://verify.example.org/EX24-7F3K-Q9X5"]


def test_qr_without_url_holds_code_and_workshop(tmp_path):
    out = tmp_path / "c.pdf"
    ws = make_workshop(verify_url="")
    render_certificates(ws, _certs(), output=out)
    assert _qr(tmp_path, out) == ["EX24-7F3K-Q9X5 example-2024"]
    assert qr_value(ws, "X") == "X example-2024"


def test_same_input_same_bytes_and_only_embedded_fonts(tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_certificates(make_workshop(), _certs(), output=first)
    render_certificates(make_workshop(), _certs(), output=second)
    assert first.read_bytes() == second.read_bytes()
    fonts = subprocess.run(["pdffonts", str(first)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # "emb" column
    assert not any("Helvetica" in line for line in fonts)
    info = PdfReader(first).metadata
    assert info.title.startswith("Attestations – Atelier sur la protection")
    assert info.author == "Organisation internationale pour les migrations (OIM)"


def test_split_files_are_named_by_id_and_stay_in_the_folder(tmp_path):
    people = (person("P01", "Awa", "Ndiaye"), person("../../evil", "Eve", "Hack"),
              person("P/01", "Same", "Name"), person("", "No", "Id"))
    folder = tmp_path / "certs"
    done = []
    render_certificates(make_workshop(), _certs(people), output=tmp_path / "all.pdf",
                        split=folder, progress=lambda d, t: done.append((d, t)))
    names = sorted(p.name for p in folder.iterdir() if p.name != ".workshop-split.json")
    assert names == ["P01.pdf", "P_01.pdf", "all.zip", "evil.pdf", "participant.pdf"]
    assert not (tmp_path / "evil.pdf").exists() and not (tmp_path.parent / "evil.pdf").exists()
    assert "Eve Hack" in _text(folder / "evil.pdf")[0]
    assert done[-1] == (8, 8) and len(done) == 8
    with zipfile.ZipFile(folder / "all.zip") as zf:
        assert zf.namelist() == ["P01.pdf", "P_01.pdf", "evil.pdf", "participant.pdf"]
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.read("P01.pdf") == (folder / "P01.pdf").read_bytes()
    zip_bytes = (folder / "all.zip").read_bytes()
    render_certificates(make_workshop(), _certs(people), output=tmp_path / "all.pdf",
                        split=folder)
    assert (folder / "all.zip").read_bytes() == zip_bytes


def test_ids_that_collide_get_numbered(tmp_path):
    people = (person("a b", "A", "B"), person("a_b", "C", "D"))
    render_certificates(make_workshop(), _certs(people), output=tmp_path / "x.pdf",
                        split=tmp_path / "s")
    assert sorted(p.name for p in (tmp_path / "s").glob("*.pdf")) == ["a_b-2.pdf", "a_b.pdf"]


@pytest.mark.parametrize("lang, languages, expected", [
    (None, ("fr", "en"), ("fr", "en")), (None, ("en",), ("en",)), (None, ("fr",), ("fr",)),
    ("en", ("fr", "en"), ("en",)), ("both", ("fr",), ("fr", "en")),
])
def test_languages(lang, languages, expected):
    assert languages_for(make_workshop(languages=languages), lang) == expected


def test_long_organiser_names_are_printed_whole_never_cut(tmp_path):
    """Issue 5 (the page: organisers' names): a long name wraps, it is not cut with '…'."""
    import dataclasses

    from toolkit.model import Organisation, Text

    long_names = ["Commission internationale catholique pour les migrations (CICM)",
                  "Diaspora Développement Education Migration (DIADEM)",
                  "Organisation internationale pour les migrations (OIM) & <partenaires>"]
    ws = dataclasses.replace(make_workshop(), partners=(), organisers=tuple(
        Organisation(Text.of(name)) for name in long_names))
    out = tmp_path / "c.pdf"
    render_certificates(ws, _certs()[:1], output=out, lang="fr")
    page = _text(out)[0]
    assert "…" not in page
    for name in long_names:
        assert name in page


def test_every_funder_is_printed_even_beyond_three(tmp_path):
    """Issue 5 (the page: funders' names): a fourth and fifth funder were silently dropped."""
    import dataclasses

    from toolkit.model import Organisation, Text

    names = ["Union européenne", "Gouvernement du Royaume de Suède", "Coopération suisse",
             "Fondation Espoir & Avenir <Sahel>",
             "Direction générale des partenariats internationaux de la Commission européenne"]
    ws = dataclasses.replace(make_workshop(), funders=tuple(
        Organisation(Text.of(name)) for name in names))
    out = tmp_path / "c.pdf"
    render_certificates(ws, _certs()[:1], output=out, lang="fr")
    page = _text(out)[0]
    for name in names:
        assert name in page


def test_organiser_logo_and_signature_images_are_drawn(tmp_path):
    """Issue 5 (the page: logos when image paths are given, optional signature image)."""
    import dataclasses

    from toolkit.model import Organisation, Signatory, Text

    logo, signature = tmp_path / "logo.png", tmp_path / "signature.png"
    Image.new("RGB", (120, 60), (10, 80, 160)).save(logo)
    Image.new("RGB", (200, 60), (20, 20, 20)).save(signature)
    base = make_workshop()
    ws = dataclasses.replace(
        base, organisers=(Organisation(Text.of("OIM"), logo=str(logo)),),
        certificates=dataclasses.replace(base.certificates, signatories=(
            Signatory("Awa Ndiaye", Text.of("Formatrice"), signature=str(signature)),)))
    plain = dataclasses.replace(ws, organisers=(Organisation(Text.of("OIM")),),
                                certificates=base.certificates)
    out, bare = tmp_path / "c.pdf", tmp_path / "bare.pdf"
    render_certificates(ws, _certs()[:1], output=out, lang="fr")
    render_certificates(plain, _certs()[:1], output=bare, lang="fr")
    assert len(PdfReader(out).pages[0].images) == 2
    assert len(PdfReader(bare).pages[0].images) == 0
    assert "Awa Ndiaye" in _text(out)[0]


def test_funder_logos_are_drawn_and_other_funders_named(tmp_path):
    """Issue 5 (funders' names, logos when image paths are given)."""
    import dataclasses

    from toolkit.model import Organisation, Text

    eu, sweden = tmp_path / "eu.png", tmp_path / "se.png"
    Image.new("RGB", (150, 100), (0, 51, 153)).save(eu)
    Image.new("RGB", (160, 100), (0, 106, 167)).save(sweden)
    ws = dataclasses.replace(make_workshop(), funders=(
        Organisation(Text.of("Union européenne"), logo=str(eu)),
        Organisation(Text.of("Suède"), logo=str(sweden)),
        Organisation(Text.of("Fondation Espoir & Avenir <Sahel>"))))
    out = tmp_path / "c.pdf"
    render_certificates(ws, _certs()[:1], output=out, lang="fr")
    assert len(PdfReader(out).pages[0].images) == 2
    page = _text(out)[0]
    assert "Fondation Espoir & Avenir <Sahel>" in page
    assert "Union européenne" not in page  # shown by its logo


def test_hours_count_learning_sessions_only():
    """Issue 17: ceremonies, tests, evaluation and the certificates ceremony are not
    training; the Dakar programme has 155 such minutes."""
    from toolkit.curriculum import load_workshop
    from toolkit.hours import learning_hours, learning_minutes
    from conftest import ROOT

    ws = load_workshop(str(ROOT / "curricula" / "workshops" / "dakar-2019.yaml"))
    total = sum(m.minutes for m in ws.modules) + sum(
        i.minutes for i in ws.programme if i.kind != "module")
    # opening 30, pre-test 30, post-test 30, evaluation 20, certificates 25, closing 20
    assert total - learning_minutes(ws) == 30 + 30 + 30 + 20 + 25 + 20
    assert learning_hours(ws) == round(learning_minutes(ws) / 60) == 26
    assert learning_hours(make_workshop(hours=12.4)) == 12


def test_organisers_without_logos_are_one_clean_line(tmp_path):
    """Issue 17: no grey 6.5 pt names in empty logo slots: one line, 8 pt at least."""
    out = tmp_path / "c.pdf"
    render_certificates(make_workshop(), _certs()[:1], output=out, lang="fr")
    sizes = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[text.strip()] = size * (tm[3] or 1) * (cm[3] or 1)
    PdfReader(out).pages[0].extract_text(visitor_text=visit)
    line = next(t for t in sizes if "Organisation internationale" in t)
    assert "ONG Exemple" in line and sizes[line] >= 8


def test_a_two_line_name_keeps_the_space_below_it(tmp_path):
    """Issue 17: a two-line name ends on the baseline of a one-line name."""
    ys = {}
    for key, name in (("one", ("Aminata", "Diallo")),
                      ("two", ("Marie-Françoise Akouavi Adjoa Essénam",
                               "Kpodar-Tchédré épouse Abalo-Kossivi Dosu"))):
        out = tmp_path / f"{key}.pdf"
        render_certificates(make_workshop(), [(person("P1", *name), "participation",
                                               CODES[0])], output=out, lang="fr")
        found = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip() and ("Diallo" in text or "Dosu" in text):
                found.append(cm[5] + tm[5] * cm[3])
        PdfReader(out).pages[0].extract_text(visitor_text=visit)
        ys[key] = min(found)
    assert abs(ys["one"] - ys["two"]) < 0.5
