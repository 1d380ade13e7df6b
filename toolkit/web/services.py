"""Every call the web interface makes into the toolkit library, in this one module.

Routes and templates never import the library: they call these functions, which take and give
plain data (dicts, lists, paths, bytes). They call the application layer (``toolkit.app``:
``Session``, ``ScoreOptions``, ``write_report``, ``validate``) and, for certificates, the
registry database (``toolkit.registry`` / ``toolkit.certificates``): the same code paths as
the command line, so the web and `workshop ...` give the same results and the same errors.

The data folder (``serve --data DIR``) holds everything the interface writes::

    DIR/certificate-registry.sqlite       the certificate registry /verify reads (unless
                                          ``serve --registry`` names another file or a
                                          postgresql:// URL)
    DIR/workshops/<id>/uploads/           uploaded exports, roster, attendance (fixed names)
    DIR/workshops/<id>/yaml/              uploaded workshop and module files
    DIR/workshops/<id>/outputs/           what was made from them (PDFs, XLSX, ZIP)
    DIR/tmp/<random>/                     one API request's uploads, deleted when it answers

Uploaded files are stored under fixed names (``pre.xlsx``, ``participants.csv``): a file name
chosen by a person never becomes a path. The name they gave is kept in ``names.json`` and put
back into messages, so an error reads like the command line's with the same file.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import io
import json
import os
import re
import shutil
import threading
import uuid
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ToolkitError
from ..i18n import _, gettext

if TYPE_CHECKING:
    from ..render.report import Demographics

UserError = ToolkitError  # what a person can fix; its message is shown as it is

# Same ceiling as the command line's readers (toolkit.responses.read.MAX_UNCOMPRESSED).
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
UPLOAD_KINDS = ("pre", "post", "participants", "attendance", "satisfaction", "key")
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".tsv")
YAML_SUFFIXES = (".yaml", ".yml")
REGISTRY_NAME = "certificate-registry.sqlite"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


# ---------------------------------------------------------------- PDF making, one at a time
#
# reportlab's fonts are shared by every document of the process and are not safe to use from
# two threads at once (a fallback face loaded twice leaves two fonts of one name, and from
# then on every report fails with "redefining named object"). The page images a trainer page
# asks for arrive together, so every PDF this server makes is made under one lock. Rendering
# is pure Python, held by the GIL: nothing runs slower for it.

_render_lock = threading.RLock()


def _one_at_a_time(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with _render_lock:
            return function(*args, **kwargs)
    return wrapper


# ---------------------------------------------------------------- the data folder


def check_id(wid: str) -> str:
    """A workshop id usable as a folder name, or UserError."""
    if not _ID.match(wid or "") or ".." in wid:
        raise UserError(_('"{id}" is not a workshop id: use letters, digits, "-", "_" or '
                          '".".').format(id=wid))
    return wid


def workspace(data: Path, wid: str) -> Path:
    return Path(data) / "workshops" / check_id(wid)


_locations: dict[str, str] = {}  # data folder -> registry named by `serve --registry`
_pins: dict[str, str] = {}  # data folder -> the registry key pinned by `serve --registry-key`


def use_registry(data: Path, location: str | None, key: str | None = None) -> None:
    """Make the web interface of ``data`` use the registry ``location`` (a file or a
    postgresql:// URL); None: ``DATA/certificate-registry.sqlite``. ``key`` pins the
    registry's key (a fingerprint, ``serve --registry-key``): a registry holding another key
    answers "altered" on /verify."""
    folder = str(Path(data).resolve())
    if location:
        _locations[folder] = str(location)
    else:
        _locations.pop(folder, None)
    if key:
        _pins[folder] = key
    else:
        _pins.pop(folder, None)
    _by_folder.clear()


def registry_pin(data: Path) -> str | None:
    """The registry key pinned for this data folder (``serve --registry-key``), if any."""
    return _pins.get(str(Path(data).resolve()))


def registry_location(data: Path) -> str:
    """The registry of this data folder: a SQLite file or a postgresql:// URL."""
    return _locations.get(str(Path(data).resolve())) or str(Path(data) / REGISTRY_NAME)


def _names(folder: Path) -> dict[str, str]:
    try:
        return json.loads((folder / "names.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _display_name(filename: str) -> str:
    from ..fileio import safe_filename

    base = re.split(r"[\\/]", filename or "")[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        return safe_filename(base, default="upload")
    return f"{safe_filename(stem, default='upload')}.{safe_filename(suffix, default='bin')}"


def _suffix(filename: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(re.split(r"[\\/]", filename or "")[-1]).suffix.lower()
    if suffix not in allowed:
        kind = _("a {suffix} file").format(suffix=suffix) if suffix else \
            _("a file without extension")
        raise UserError(_("{file}: {kind} cannot be read here. Give one of {allowed}.").format(
            file=_display_name(filename), kind=kind, allowed=", ".join(allowed)))
    return suffix


def save_upload(folder: Path, kind: str, filename: str, content: bytes) -> Path:
    """Store one uploaded table as ``folder/<kind><suffix>`` (replacing an earlier one)."""
    if kind not in UPLOAD_KINDS:
        raise UserError(gettext("unknown upload {kind!r}").format(kind=kind))
    suffix = _suffix(filename, TABLE_SUFFIXES)
    if len(content) > MAX_UPLOAD_BYTES:
        raise UserError(_("{file} is larger than the {mb} MB limit for a survey export.").format(
            file=_display_name(filename), mb=MAX_UPLOAD_BYTES // (1024 * 1024)))
    if not content:
        raise UserError(_("{file} is empty (0 bytes). Export the file again.").format(
            file=_display_name(filename)))
    from ..fileio import write_bytes_atomic

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{kind}.*"):
        if old.name != "names.json":
            old.unlink()
    target = folder / f"{kind}{suffix}"
    write_bytes_atomic(target, content)
    names = _names(folder)
    names[kind] = _display_name(filename)
    write_bytes_atomic(folder / "names.json", json.dumps(names).encode())
    return target


def uploads(data: Path, wid: str) -> dict[str, dict[str, Any]]:
    """The files uploaded for a workshop: kind -> {path, name, size}."""
    folder = workspace(data, wid) / "uploads"
    names = _names(folder)
    out = {}
    for kind in UPLOAD_KINDS:
        for path in sorted(folder.glob(f"{kind}.*")) if folder.is_dir() else []:
            out[kind] = {"path": path, "name": names.get(kind, path.name),
                         "size": path.stat().st_size}
    return out


def delete_workspace(data: Path, wid: str) -> bool:
    """Delete everything uploaded and made for a workshop (the registry is kept)."""
    folder = workspace(data, wid)
    if folder.is_dir():
        shutil.rmtree(folder)
        return True
    return False


def temp_folder(data: Path) -> Path:
    """A fresh folder for one API request's uploads, under the data folder."""
    folder = Path(data) / "tmp" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    return folder


def remove_temp(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):
        folder.parent.rmdir()  # the tmp folder itself, when no other request uses it


def explain(exc: BaseException, folder: Path | None = None) -> str:
    """The library's message, with stored paths replaced by the names the person uploaded."""
    text = str(exc)
    if folder is None:
        return text
    names = _names(folder)
    for path in sorted(folder.glob("*"), key=lambda p: -len(str(p))):
        shown = names.get(path.stem, path.name)
        for form in {str(path.resolve()), str(path), str(path.absolute())}:
            text = text.replace(form, shown)
    return text


# ---------------------------------------------------------------- workshops


def _yaml_data(content: bytes) -> dict:
    """A YAML document as a dict, read the library's safe way (aliases refused, size capped)."""
    from ..yamlsafe import MAX_BYTES, read_yaml

    if len(content) > MAX_BYTES:
        return {}
    try:
        data, _ = read_yaml(content)
    except Exception:  # any unreadable text: validate() reports it with its line
        return {}
    return data if isinstance(data, dict) else {}


def _read_yaml(path: Path) -> dict:
    try:
        return _yaml_data(path.read_bytes())
    except OSError:
        return {}


def _uploaded_workshop_file(data: Path, wid: str) -> Path | None:
    folder = workspace(data, wid) / "yaml" / "workshops"
    found = sorted(p for p in folder.glob("*") if p.suffix in YAML_SUFFIXES) \
        if folder.is_dir() else []
    return found[0] if found else None


def _bundled_files() -> list[Path]:
    from importlib import resources

    folders = [Path("curricula") / "workshops",
               Path(str(resources.files("toolkit"))) / "data" / "curricula" / "workshops"]
    seen, out = set(), []
    for folder in folders:
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
            if path.stem not in seen:
                seen.add(path.stem)
                out.append(path)
    return out


def _title(raw: dict, lang: str) -> str:
    title = raw.get("title")
    if isinstance(title, dict):
        return str(title.get(lang) or next(iter(title.values()), ""))
    return str(title or "")


def workshop_choices(data: Path, lang: str) -> list[dict[str, str]]:
    """Workshops to pick from: uploaded ones (in the data folder), then bundled ones."""
    out, seen = [], set()
    root = Path(data) / "workshops"
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        path = _uploaded_workshop_file(data, folder.name) if _ID.match(folder.name) else None
        if path is not None:
            seen.add(folder.name)
            out.append({"id": folder.name, "title": _title(_read_yaml(path), lang) or folder.name,
                        "source": "uploaded"})
    for path in _bundled_files():
        if path.stem not in seen:
            out.append({"id": path.stem, "title": _title(_read_yaml(path), lang) or path.stem,
                        "source": "bundled"})
    return out


def has_uploaded_yaml(data: Path, wid: str) -> bool:
    return _uploaded_workshop_file(data, wid) is not None


def workshop_file(data: Path, wid: str) -> Path:
    """The YAML file of a workshop: uploaded into the data folder, else bundled."""
    uploaded = _uploaded_workshop_file(data, wid)
    if uploaded is not None:
        return uploaded
    from ..curriculum import find_workshop

    return find_workshop(check_id(wid))


_loaded: dict[str, tuple[tuple, Any]] = {}
_loaded_lock = threading.Lock()


def _stamp(path: Path) -> tuple:
    """What changes when the workshop or one of its modules is edited (YAML files' mtimes)."""
    root = path.resolve().parent.parent
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in root.rglob("*.y*ml") if p.is_file()))


def _cached(kind: str, path: Path, make: Callable[[], Any]) -> Any:
    """``make()``, kept while the YAML files it read are unchanged (parsing takes ~0.5 s)."""
    key, stamp = f"{kind}:{path.resolve()}", _stamp(path)
    with _loaded_lock:
        known = _loaded.get(key)
        if known is not None and known[0] == stamp:
            return known[1]
    value = make()
    with _loaded_lock:
        _loaded[key] = (stamp, value)
    return value


def open_workshop(data: Path, wid: str, *, with_uploads: bool = True):
    """The workshop, with its data files pointing to the uploads only (never its own files).

    A bundled example lists the demo's exports; in the interface only what the person
    uploaded counts, so a missing upload is missing rather than silently the demo's.
    """
    from ..app import resolve_workshop
    from ..model import WorkshopFiles

    path = workshop_file(data, wid)
    ws = _cached("workshop", path, lambda: resolve_workshop(path))
    files = {k: "" for k in WorkshopFiles.__annotations__}
    if with_uploads:
        for kind, item in uploads(data, wid).items():
            if kind in files:
                files[kind] = str(Path(item["path"]).resolve())
    files["registry"] = registry_location(data)
    return dataclasses.replace(ws, files=WorkshopFiles(**files))


def workshop_summary(ws, lang: str) -> dict[str, Any]:
    from ..app.report import workshop_info

    info = workshop_info(ws, lang if lang in ws.languages else ws.languages[0])
    return {"id": ws.id, "title": info["title"], "dates": info["dates"], "place": info["place"],
            "languages": list(ws.languages), "modules": list(info["module_titles"].values()),
            "pass_mark": ws.tests.pass_mark, "verify_url": ws.certificates.verify_url,
            "certificate_pass_mark": ws.certificates.pass_mark,
            "attendance_threshold": ws.certificates.attendance_threshold}


def _shown_problem_file(text: str, roots: Iterable[Path]) -> str:
    for root in roots:
        for form in (str(root.resolve()), str(root)):
            if text.startswith(form):
                return text[len(form):].lstrip("/\\") or text
    return text


def validate(data: Path, wid: str) -> list[dict[str, Any]]:
    """`workshop validate` on the workshop (uploaded folder or bundled file): every problem."""
    from ..app import validate as validate_paths
    from ..i18n import get_language

    uploaded = workspace(data, wid) / "yaml"
    path = workshop_file(data, wid)
    kind = f"validate.{get_language()}"  # the messages are in the page's language
    if uploaded.is_dir():
        roots = [uploaded]
        problems = _cached(kind, path, lambda: validate_paths([str(uploaded)]))
    else:
        roots = [path.parent.parent]
        problems = _cached(kind, path, lambda: validate_paths([str(path)]))
    return [{"file": _shown_problem_file(p.file, roots), "line": p.line, "message": p.message,
             "severity": p.severity} for p in problems]


def save_yaml_uploads(data: Path, files: list[tuple[str, bytes]]) -> tuple[str, list[dict]]:
    """Store uploaded workshop and module files; return (workshop id, problems).

    The workshop file goes to ``yaml/workshops/`` and modules to ``yaml/modules/``, the layout
    a workshop's default ``modules_path: ../modules`` expects.
    """
    workshops: list[tuple[str, bytes, dict]] = []
    modules: list[tuple[str, bytes, dict]] = []
    for filename, content in files:
        _suffix(filename, YAML_SUFFIXES)
        raw = _yaml_data(content)
        target = workshops if set(raw) & {"programme", "dates", "days", "frame"} else modules
        target.append((filename, content, raw))
    if len(workshops) != 1:
        raise UserError(_("Give exactly one workshop file (with dates: and programme:) and its "
                          "module files; {n} workshop file(s) were given.").format(
                              n=len(workshops)))
    filename, content, raw = workshops[0]
    wid = str(raw.get("id") or Path(_display_name(filename)).stem)
    if not _ID.match(wid):
        wid = Path(_display_name(filename)).stem
    folder = workspace(data, wid) / "yaml"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "workshops").mkdir(parents=True)
    (folder / "modules").mkdir()
    (folder / "workshops" / _display_name(filename)).write_bytes(content)
    for name, body, _raw in modules:
        (folder / "modules" / _display_name(name)).write_bytes(body)
    return wid, validate(data, wid)


def template_zip() -> bytes:
    """The bundled Dakar example's workshop and module files, laid out for upload."""
    from ..app.builder import demo_source

    workshop = demo_source()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(workshop, f"workshops/{workshop.name}")
        for module in sorted((workshop.parent.parent / "modules").glob("*.yaml")):
            archive.write(module, f"modules/{module.name}")
    return buffer.getvalue()


# ---------------------------------------------------------------- a new workshop
#
# `workshop init` from the browser: ``starter.init_workshop`` writes into
# DIR/workshops/<id>/yaml/ the layout an upload gets (workshops/<id>.yaml, modules/), plus
# the input templates in yaml/data/. Every refusal is the command line's sentence.

_create_lock = threading.Lock()
NEW_FILES = ("workshop.yaml", "participants.xlsx", "attendance.xlsx",
             "satisfaction-xlsform.xlsx", "satisfaction-paper.pdf", "workshop-files.zip")


def new_workshop_form(lang: str) -> dict[str, Any]:
    """What the form offers: the bundled modules (id, title), countries, default dates."""
    from ..app import DEFAULT_MODULES, bundled_modules
    from ..i18n import country_name
    from ..starter import ROSTER_COUNTRIES, TIMEZONES, default_start

    modules = [{"id": mid, "title": _title(_read_yaml(path), lang) or mid}
               for mid, path in bundled_modules().items()]
    codes = dict.fromkeys((*ROSTER_COUNTRIES, *TIMEZONES))
    countries = sorted(({"code": c, "name": country_name(c, lang)} for c in codes),
                       key=lambda c: _fold(c["name"]))
    return {"modules": modules, "defaults": list(DEFAULT_MODULES), "countries": countries,
            "start": default_start().isoformat()}


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _form_date(text: str, hint: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # the command line's sentence for --start / --end
        raise UserError(_('"{given}" is not a date written YYYY-MM-DD, or the day does not '
                          "exist ({hint}).").format(given=text[:20], hint=hint)) from None


@_one_at_a_time
def create_workshop(data: Path, form: dict[str, Any]) -> str:
    """Write a new workshop from the form's fields (what `workshop init` is given); its id.

    Refused with the command line's sentences (a bad id, an id already used by an uploaded or
    bundled workshop, the last day before the first, unknown modules); then nothing is
    written.
    """
    from ..app import NewWorkshop, init_workshop
    from ..starter import check_new_id

    wid = check_new_id(str(form.get("id") or "").strip())
    spec = NewWorkshop(
        id=wid, lang=str(form.get("lang") or "fr"),
        modules=tuple(str(m) for m in form.get("modules") or ()),
        title=str(form.get("title") or "").strip(),
        city=str(form.get("city") or "").strip(),
        country=str(form.get("country") or "SN").strip(),
        organisers=tuple(line.strip() for line in
                         str(form.get("organisers") or "").splitlines() if line.strip()),
        start=_form_date(str(form.get("start") or ""), _("first day")),
        end=_form_date(str(form.get("end") or ""), _("last day")))
    with _create_lock:
        taken = _uploaded_workshop_file(data, wid) or next(
            (p for p in _bundled_files() if p.stem == wid), None)
        if taken is not None:
            shown = f"{wid}/{taken.name}" if has_uploaded_yaml(data, wid) \
                else f"workshops/{taken.name}"
            raise UserError(_("{path} already exists; nothing was written. Choose an empty "
                              "folder, or another --id.").format(path=shown))
        folder = workspace(data, wid)
        fresh = not folder.exists()
        try:
            init_workshop(folder / "yaml", spec)
        except ToolkitError as exc:
            if fresh:
                shutil.rmtree(folder, ignore_errors=True)
            else:
                shutil.rmtree(folder / "yaml", ignore_errors=True)
            raise UserError(explain(exc, folder / "yaml")) from exc
    return wid


def new_workshop_files(data: Path, wid: str) -> dict[str, Path]:
    """The files `workshop init` wrote for this workshop (see NEW_FILES), when it made it."""
    yaml = workspace(data, wid) / "yaml"
    found = {"workshop.yaml": _uploaded_workshop_file(data, wid)}
    for name in NEW_FILES[1:4]:
        found[name] = yaml / "data" / name
    papers = sorted((yaml / "data").glob("satisfaction-paper-*.pdf"))
    found["satisfaction-paper.pdf"] = papers[0] if papers else None
    out = {k: v for k, v in found.items() if v is not None and v.is_file()}
    if "participants.xlsx" not in out:  # not made by the form (uploaded YAML files)
        return {}
    out["workshop-files.zip"] = yaml
    return out


def workshop_files_zip(data: Path, wid: str) -> bytes:
    """The new workshop's folder (workshop file, modules, templates) as a ZIP, laid out for
    `workshop validate` and the other commands."""
    root = workspace(data, wid) / "yaml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                archive.write(path, f"{wid}/{path.relative_to(root).as_posix()}")
    return buffer.getvalue()


# ---------------------------------------------------------------- trainer


def agenda_preview(ws, lang: str) -> dict[str, Any]:
    """The timetable as days of (start, end, title, kind), and the scheduling problems."""
    from ..app import Session
    from ..i18n import format_date, format_time

    lang = lang if lang in ws.languages else ws.languages[0]
    schedule = Session.open(ws).schedule()
    days: list[dict[str, Any]] = []
    for slot in schedule.slots:
        if not days or days[-1]["index"] != slot.day_index:
            days.append({"index": slot.day_index, "date": format_date(slot.date, lang,
                                                                       weekday=True),
                         "slots": []})
        days[-1]["slots"].append({"start": format_time(slot.start, lang),
                                  "end": format_time(slot.end, lang),
                                  "title": slot.title.get(lang, tuple(ws.languages)),
                                  "kind": slot.kind})
    return {"lang": lang, "days": days, "problems": [p.message for p in schedule.problems]}


OUTPUTS = ("agenda.pdf", "agenda.ics", "agenda.xlsx", "materials.zip", "pre-xlsform.xlsx",
           "post-xlsform.xlsx", "pre-paper.pdf", "post-paper.pdf", "pre-key.csv", "post-key.csv")


@_one_at_a_time
def make_output(data: Path, wid: str, name: str, lang: str) -> Path:
    """Make one trainer download (see OUTPUTS) in the workshop's outputs folder."""
    from ..app import Session

    if name not in OUTPUTS:
        raise UserError(gettext("unknown download {name!r}").format(name=name))
    ws = open_workshop(data, wid)
    session = Session.open(ws)
    lang = lang if lang in ws.languages else ws.languages[0]
    out = workspace(data, wid) / "outputs" / lang
    out.mkdir(parents=True, exist_ok=True)
    stem, _, suffix = name.partition(".")
    if stem == "agenda":
        target = out / name
        kwargs = {"output": out / "agenda.pdf"}
        if suffix != "pdf":
            kwargs[suffix] = target
        session.agenda(lang=lang, **kwargs)
        return target
    if name == "materials.zip":
        folder = out / "materials"
        paths = session.materials(folder, lang=lang)
        target = out / name
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                archive.write(path, path.name)
        return target
    stage, _, what = stem.partition("-")
    target = out / name
    option = {"xlsform": "xlsform", "paper": "pdf", "key": "key"}[what]
    session.test_form(stage, lang=lang, xlsform=target if option == "xlsform" else None,
                      pdf=target if option == "pdf" else None,
                      key=target if option == "key" else None)
    return target


# ---------------------------------------------------------------- previews
#
# What a trainer (or a manager) will print, seen in the page: the first pages of each PDF as
# PNG images (pdftoppm, from poppler-utils), made on demand by the image's own request (the
# page loads them lazily) and kept next to the PDF: ``outputs/<lang>/agenda.pdf`` ->
# ``outputs/<lang>/agenda-page1.png``. A PDF is made again when a workshop file or an upload
# is newer than it; an image, when its PDF is newer than it.

PREVIEW_DPI = 72
# document -> (file under outputs/<lang>/, the download that makes it, pages shown at most)
PREVIEWS: dict[str, tuple[str, str, int]] = {
    "agenda": ("agenda.pdf", "agenda.pdf", 2),
    "pre-paper": ("pre-paper.pdf", "pre-paper.pdf", 2),
    "post-paper": ("post-paper.pdf", "post-paper.pdf", 2),
    "guide": ("materials/facilitator-guide-{lang}.pdf", "materials.zip", 2),
    "handout": ("materials/handout-{lang}.pdf", "materials.zip", 2),
    "sign-in": ("materials/sign-in-sheets.pdf", "materials.zip", 1),
}
REPORT_PAGES = 3
_preview_locks: dict[tuple, threading.Lock] = {}
_preview_locks_lock = threading.Lock()


def _lock(*key: Any) -> threading.Lock:
    with _preview_locks_lock:
        return _preview_locks.setdefault(key, threading.Lock())


def _inputs_mtime(data: Path, wid: str) -> float:
    """When the workshop's files or its uploads last changed."""
    root = workshop_file(data, wid).resolve().parent.parent
    paths = [p for p in root.rglob("*.y*ml") if p.is_file()]
    uploads_dir = workspace(data, wid) / "uploads"
    if uploads_dir.is_dir():
        paths += [p for p in uploads_dir.iterdir() if p.is_file()]
    return max((p.stat().st_mtime for p in paths), default=0.0)


def _fresh(path: Path, since: float) -> bool:
    return path.is_file() and path.stat().st_mtime >= since


def page_count(pdf: Path) -> int:
    """The number of pages of a PDF (pdfinfo); 0 when it cannot be read."""
    try:
        stat = pdf.stat()
    except OSError:
        return 0
    return _page_count(str(pdf), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)
def _page_count(pdf: str, mtime_ns: int, size: int) -> int:
    import subprocess

    try:
        out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
                             timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return 0
    found = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    return int(found.group(1)) if found else 0


def page_png(pdf: Path, page: int) -> Path:
    """Page ``page`` of ``pdf`` as a PNG next to it (made once per version of the PDF)."""
    import subprocess

    target = pdf.with_name(f"{pdf.stem}-page{page}.png")
    with _lock("png", str(target)):
        if _fresh(target, pdf.stat().st_mtime):
            return target
        if not 1 <= page <= page_count(pdf):
            raise UserError(_("{file} has no page {page}.").format(file=pdf.name, page=page))
        stem = target.with_suffix("")
        try:
            subprocess.run(["pdftoppm", "-png", "-r", str(PREVIEW_DPI), "-f", str(page), "-l",
                            str(page), "-singlefile", str(pdf), str(stem)], check=True,
                           capture_output=True, timeout=120)
        except FileNotFoundError:
            raise UserError(_("pdftoppm is missing: install poppler-utils (apt-get install "
                              "poppler-utils) to see previews.")) from None
        except subprocess.SubprocessError as exc:
            raise UserError(_("{file}: page {page} could not be drawn ({error}).").format(
                file=pdf.name, page=page, error=exc)) from exc
    return target


def _lang_of(data: Path, wid: str, lang: str) -> str:
    ws = open_workshop(data, wid, with_uploads=False)
    return lang if lang in ws.languages else ws.languages[0]


def preview_pdf(data: Path, wid: str, doc: str, lang: str) -> Path:
    """The PDF of one previewed document, made when missing or older than its inputs."""
    if doc not in PREVIEWS:
        raise UserError(_("unknown preview {doc!r}").format(doc=doc))
    lang = _lang_of(data, wid, lang)
    name, making, _pages = PREVIEWS[doc]
    target = workspace(data, wid) / "outputs" / lang / name.format(lang=lang)
    with _lock("pdf", str(data), wid, lang, making):
        if not _fresh(target, _inputs_mtime(data, wid)):
            make_output(data, wid, making, lang)
    if not target.is_file():
        raise UserError(_("{file} was not made for this workshop.").format(file=target.name))
    return target


def preview_pages(data: Path, wid: str, lang: str) -> list[dict[str, Any]]:
    """The previews a trainer page shows for ``lang``: each document with the pages to show
    (page 1 until its PDF has been made once; then its first pages, up to the limit)."""
    try:
        lang = _lang_of(data, wid, lang)
        since = _inputs_mtime(data, wid)
    except UserError:
        return []
    out = []
    for doc, (name, _making, most) in PREVIEWS.items():
        pdf = workspace(data, wid) / "outputs" / lang / name.format(lang=lang)
        count = page_count(pdf) if _fresh(pdf, since) else 0
        out.append({"doc": doc, "pages": list(range(1, min(most, count) + 1)) or [1],
                    "count": count})
    return out


def report_pdf(data: Path, wid: str, lang: str) -> Path:
    """The evaluation report in ``lang``, made when missing or older than its inputs."""
    target = workspace(data, wid) / "outputs" / f"evaluation-report-{lang}.pdf"
    with _lock("report", str(data), wid, lang):
        if not _fresh(target, _inputs_mtime(data, wid)):
            write_report(data, wid, lang)
    return target


def report_pages(data: Path, wid: str, lang: str) -> dict[str, Any]:
    pdf = workspace(data, wid) / "outputs" / f"evaluation-report-{lang}.pdf"
    count = page_count(pdf) if _fresh(pdf, _inputs_mtime(data, wid)) else 0
    return {"lang": lang, "pages": list(range(1, min(REPORT_PAGES, count) + 1)) or [1],
            "count": count}


def test_preview(data: Path, wid: str, stage: str, lang: str) -> list[dict[str, Any]]:
    """The pre- or post-test as the paper shows it: each question with its lettered choices
    (in the printed order) and which are correct."""
    from ..stages import letters, stage_questions

    ws = open_workshop(data, wid, with_uploads=False)
    lang = lang if lang in ws.languages else ws.languages[0]
    order = (lang, *ws.languages)
    rows = []
    for number, q in enumerate(stage_questions(ws, stage), start=1):
        choices = [{"letter": letter, "text": c.text.get(lang, order), "correct": c.correct}
                   for letter, c in zip(letters(len(q.choices)), q.choices)]
        rows.append({"n": number, "id": q.id, "type": q.type, "text": q.text.get(lang, order),
                     "choices": choices, "answer": q.answer, "points": q.points})
    return rows


# ---------------------------------------------------------------- facilitator


def _plain_paths(value: Any, folder: Path | None) -> Any:
    """Stored paths inside library output replaced by the uploaded names."""
    if folder is None:
        return value
    if isinstance(value, dict):
        return {k: _plain_paths(v, folder) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_paths(v, folder) for v in value]
    if isinstance(value, str) and ("/" in value or "\\" in value):
        return explain(ToolkitError(value), folder)
    return value


def inspect_upload(data: Path, wid: str | None, kind: str, folder: Path) -> dict[str, Any]:
    """`workshop inspect` of one uploaded export, against the workshop's question bank or key."""
    from ..app import ScoreOptions, Session

    found = sorted(folder.glob(f"{kind}.*"))
    keys = sorted(folder.glob("key.*"))
    if not found:
        raise UserError(gettext("no {kind} file uploaded").format(kind=kind))
    workshop = open_workshop(data, wid, with_uploads=False) if wid and not keys else None
    session = Session(workshop, ScoreOptions(key=str(keys[0]) if keys else None))
    report = session.inspect(str(found[0]))
    return _plain_paths(report.to_dict(), folder)


def roster_summary(folder: Path) -> Demographics | None:
    """How many people the uploaded roster lists, by sex (no names)."""
    from ..app import ScoreOptions, Session
    from ..app.report import demographics

    found = sorted(folder.glob("participants.*"))
    if not found:
        return None
    people = Session(options=ScoreOptions(participants=str(found[0]))).roster()
    return demographics(people or ())


def _session(data: Path, wid: str | None, folder: Path):
    from ..app import ScoreOptions, Session

    def one(kind: str) -> str | None:
        found = sorted(folder.glob(f"{kind}.*"))
        return str(found[0].resolve()) if found else None

    key = one("key")
    ws = open_workshop(data, wid, with_uploads=False) if wid and not key else None
    return Session(ws, ScoreOptions(key=key, pre=one("pre"), post=one("post"),
                                    participants=one("participants"),
                                    group_by=("sex",) if one("participants") else ()))


def score(data: Path, wid: str | None, folder: Path) -> dict[str, Any]:
    """The score contract (workshop-toolkit/score/1) of the uploaded exports."""
    try:
        return _plain_paths(_session(data, wid, folder).score().to_dict(), folder)
    except ToolkitError as exc:
        raise UserError(explain(exc, folder)) from exc


def write_scores(data: Path, wid: str | None, folder: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _session(data, wid, folder).write_scores(target)
    except ToolkitError as exc:
        raise UserError(explain(exc, folder)) from exc


# ---------------------------------------------------------------- programme manager


def report_preview(data: Path, wid: str, lang: str) -> dict[str, Any]:
    """What the report shows, as data: the workshop, the scores, satisfaction, who came."""
    from ..app import Session

    ws = open_workshop(data, wid)
    folder = workspace(data, wid) / "uploads"
    try:
        preview = Session.open(ws).report_data(lang if lang in ws.languages
                                               else ws.languages[0])
    except ToolkitError as exc:
        raise UserError(explain(exc, folder)) from exc
    return _plain_paths(preview, folder)


@_one_at_a_time
def write_report(data: Path, wid: str, lang: str) -> Path:
    from ..app import write_report as _write

    ws = open_workshop(data, wid)
    folder = workspace(data, wid) / "uploads"
    target = workspace(data, wid) / "outputs" / f"evaluation-report-{lang}.pdf"
    try:
        return _write(workshop=ws, lang=lang, output=target)
    except ToolkitError as exc:
        raise UserError(explain(exc, folder)) from exc


def eligibility(data: Path, wid: str) -> list[dict[str, Any]]:
    """Who earns which certificate, with the reason (nothing is issued)."""
    from ..app import Session
    from ..certificates import decide

    ws = open_workshop(data, wid)
    folder = workspace(data, wid) / "uploads"
    if not ws.files.participants or not ws.files.attendance:
        raise UserError(_("Upload the roster and the attendance sheet first (facilitator "
                          "page)."))
    session = Session.open(ws)
    try:
        scores = session.post_scores() if ws.files.post and \
            ws.certificates.pass_mark is not None else None
        decisions = decide(ws, session.roster() or (), session.attendance(), scores)
    except ToolkitError as exc:
        raise UserError(explain(exc, folder)) from exc
    held = {(r.participant_id, r.type): r.code for r in _records(data, ws.id)
            if r.status == "valid"}
    rows = []
    for d in decisions:
        row = d.to_dict()
        row["code"] = held.get((d.participant_id, d.type), "")
        rows.append(row)
    return rows


def certificate_date(data: Path, wid: str) -> str:
    """The date the certificate form proposes: the workshop's last day once it has passed
    (before that, nothing: a date must be chosen, as `certificates --date` on the command
    line)."""
    ws = open_workshop(data, wid, with_uploads=False)
    return ws.end.isoformat() if ws.end <= dt.date.today() else ""


def parse_date(text: str | None) -> dt.date | None:
    """A date typed in the certificate form (YYYY-MM-DD), or None when left empty."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(_('"{text}" is not a date: give it as YYYY-MM-DD, for example '
                          "2019-04-13.").format(text=text[:20])) from None


@_one_at_a_time
def issue_certificates(data: Path, wid: str, lang: str | None,
                       progress: Callable[[int, int], None] | None = None,
                       date: dt.date | None = None) -> dict[str, Any]:
    """Issue the certificates as `workshop certificates` does (``Session.certificates``):
    codes in the web's registry (a person whose certificate changes gets a new code and the
    old one is superseded), the merged PDF and the ZIP. Before the workshop's last day a
    ``date`` must be given."""
    from ..app import Session

    ws = open_workshop(data, wid)
    folder = workspace(data, wid) / "uploads"
    out = workspace(data, wid) / "outputs" / "certificates"
    if out.exists():
        shutil.rmtree(out)  # the ZIP and one-per-person files of an earlier run
    out.mkdir(parents=True)
    try:
        result = Session.open(ws).certificates(
            out / "certificates.pdf", split=out / "each", registry=registry_location(data),
            lang=lang, progress=progress, date=date,
            registry_key=registry_pin(data))
    except ToolkitError as exc:
        raise UserError(explain(exc, folder)) from exc
    zips = sorted((out / "each").glob("*.zip"))
    return {"issued": len(result.issued), "new": sum(1 for i in result.issued if i.new),
            "pdf": str(out / "certificates.pdf"), "zip": str(zips[0]) if zips else "",
            "notes": list(result.notes), "problems": [str(p) for p in result.problems]}


def certificate_files(data: Path, wid: str) -> dict[str, Path]:
    out = workspace(data, wid) / "outputs" / "certificates"
    files = {}
    if (out / "certificates.pdf").is_file():
        files["pdf"] = out / "certificates.pdf"
    zips = sorted((out / "each").glob("*.zip")) if (out / "each").is_dir() else []
    if zips:
        files["zip"] = zips[0]
    return files


# ---------------------------------------------------------------- the registry and /verify
#
# The registry is a database (toolkit.registry): each request asks it (indexed lookups), so
# what /verify answers is what the database holds at that moment, written by this server,
# the command line or another office. The open registry (its connection pool) is kept, one
# per registry, and with it only what cannot hide a change (Registry.lookup): signatures
# already checked, by (hash, signature); the entry count, until the database changes; the
# last entry seen. No answer is cached.

_open: dict[tuple[str, str | None], Any] = {}  # (registry, pinned key) -> its open Registry
_open_lock = threading.Lock()
# (working folder, data folder as given) -> its open Registry: /verify asks for it on every
# request, and resolving the folder's path each time costs more than the lookup's SQL
_by_folder: dict[tuple[str, str], Any] = {}


def _registry(data: Path, *, create: bool = False):
    """The open Registry of the data folder; None when its SQLite file does not exist yet
    (and ``create`` is False). A CSV registry of an earlier version is refused with the
    command that converts it."""
    quick = (os.getcwd(), os.fspath(data))
    reg = _by_folder.get(quick)
    if reg is not None:
        return reg
    from ..certificates import open_workshop_registry
    from ..registry import is_url, legacy_refusal

    location = registry_location(data)
    pin = registry_pin(data)
    with _open_lock:
        reg = _open.get((location, pin))
        if reg is not None:
            _by_folder[quick] = reg
            return reg
        refusal = legacy_refusal(location)
        if refusal:
            raise UserError(refusal)
        if not create and not is_url(location) and not Path(location).exists():
            old = Path(location).with_suffix(".csv")
            if not old.is_file():
                return None
        try:
            reg = open_workshop_registry(location, create=create, key=pin)
        except ToolkitError as exc:
            raise UserError(str(exc)) from exc
        for said in [*reg.notes, reg.key_refusal]:  # for the server's log, never a page
            if said:
                import logging

                logging.getLogger("toolkit.web").warning("%s", said)
        _open[(location, pin)] = reg
        _by_folder[quick] = reg
        return reg


def close_registries() -> None:
    """Close every registry's connections (when the server stops)."""
    with _open_lock:
        for reg in _open.values():
            reg.close()
        _open.clear()
        _by_folder.clear()


def warm_up(data: Path) -> None:
    """Open the registry's connections at start-up (on a thread), so the first /verify does
    not wait for them. Nothing is read into memory."""
    with contextlib.suppress(UserError):  # shown by the first page that needs the registry
        _registry(data)


def _records(data: Path, wid: str | None = None) -> list:
    reg = _registry(data)
    if reg is None:
        return []
    try:
        return reg.records(wid)
    except ToolkitError as exc:
        raise UserError(str(exc)) from exc


def _record_dict(record) -> dict[str, Any]:
    return {"code": record.code, "participant_id": record.participant_id, "name": record.name,
            "workshop": record.workshop, "workshop_title": record.workshop_title
            or record.workshop, "dates": record.dates, "type": record.type,
            "issued_at": record.issued_at, "status": record.status,
            "revoked_at": record.changed_at, "reason": record.reason,
            "replaced_by": record.replaced_by}


def registry_entries(data: Path, wid: str | None = None) -> list[dict[str, Any]]:
    """The state of every code (of one workshop), read from the database."""
    return [_record_dict(r) for r in _records(data, wid)]


async def verify_answer(data: Path, code: str) -> dict[str, Any]:
    """``verify(data, code)`` for an async page: at once when the registry is an SQLite file
    already open (an indexed read of a local file, about 0.2 ms, cheaper than handing the
    call to a thread, which costs about as much CPU again), otherwise on Starlette's thread
    pool (a PostgreSQL server across the network, or a registry still to be opened), so a
    slow database never holds up the other pages."""
    reg = _by_folder.get((os.getcwd(), os.fspath(data)))
    if reg is not None and reg.dialect == "sqlite":
        return verify(data, code)
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(verify, data, code)



def verify(data: Path, code: str) -> dict[str, Any]:
    """The public answer for a code: valid, revoked, superseded, unknown, or altered when the
    registry's chain or signatures do not hold around this code (never "valid" then).

    One indexed lookup in the database per call (``verify_code(..., suggest=False)``): never a
    "did you mean", since a near code is somebody else's certificate. Only what a printed
    certificate already shows (name, workshop, kind, dates) is returned, never contact
    details.
    """
    from ..certificates import verify_code
    from ..codes import normalise_code

    typed = normalise_code(code or "")[:64]
    answer: dict[str, Any] = {"code": typed, "status": "unknown", "name": None,
                              "workshop": None, "kind": None, "issued": None, "dates": None,
                              "revoked": None, "replaced": None, "altered_at": None}
    reg = _registry(data)
    if reg is None:
        return answer
    try:
        found = verify_code(typed, registry=reg, suggest=False)
    except ToolkitError as exc:
        raise UserError(str(exc)) from exc
    if found.status == "altered":  # the entry's number, whatever the message's language
        answer.update(status="altered", altered_at=found.altered_at or None)
        if reg.key_refusal:  # the key is not the pinned one: which one stays in the log
            answer.update(altered_at=None, key_untrusted=True)
        return answer
    entry = found.entry
    if entry is None or found.status not in ("valid", "revoked", "superseded"):
        return answer  # unknown, or mistyped (which a public page answers as unknown)
    answer.update(code=entry.code, status=found.status, name=entry.name,
                  workshop=entry.workshop_title or entry.workshop, kind=entry.type,
                  issued=entry.issued_at[:10], dates=entry.dates)
    if found.status == "revoked":
        answer["revoked"] = entry.changed_at[:10] or None
    elif found.status == "superseded":
        newer = None
        if entry.replaced_by:
            try:
                newer = reg.lookup(entry.replaced_by)
            except ToolkitError:
                newer = None
        answer["replaced"] = (newer.issued_at if newer else entry.changed_at)[:10] or None
    return answer


def search_registry(data: Path, query: str, wid: str | None = None,
                    limit: int = 200) -> list[dict[str, Any]]:
    """Registry rows whose code, participant id or name holds ``query`` (accents ignored)."""
    import unicodedata

    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKD", text or "")
        return "".join(c for c in text if not unicodedata.combining(c)).casefold()

    words = fold(query).split()
    rows = []
    for record in _records(data, wid):
        hay = fold(f"{record.code} {record.participant_id} {record.name}")
        if all(w in hay for w in words):
            rows.append(_record_dict(record))
            if len(rows) >= limit:
                break
    return rows


def revoke(data: Path, code: str, reason: str) -> dict[str, Any]:
    """Revoke a certificate: a revoke entry (date, reason) is added to the registry."""
    reg = _registry(data)
    if reg is None:
        raise UserError(_("{registry}: no certificate has been issued yet, so there is nothing "
                          "to revoke.").format(registry=registry_location(data)))
    try:
        entry = reg.revoke(code, reason)
        record = reg.lookup(entry.code)
    except ToolkitError as exc:
        raise UserError(str(exc)) from exc
    return _record_dict(record)


def export_registry(data: Path, target: Path, wid: str | None = None) -> Path:
    """The whole registry as an XLSX workbook (``Registry.export``: the same columns as
    `workshop registry export`, formula-safe). ``wid`` is not used to filter: a shared
    registry's export holds every workshop's rows, as on the command line."""
    target.parent.mkdir(parents=True, exist_ok=True)
    reg = _registry(data, create=True)
    try:
        reg.export(target)
    except ToolkitError as exc:
        raise UserError(str(exc)) from exc
    return target


# ---------------------------------------------------------------- the JSON API


def api_score(data: Path, folder: Path, workshop: str | None) -> dict[str, Any]:
    """POST /api/score: the score contract of the files in ``folder`` (a key or a workshop)."""
    if workshop:
        check_id(workshop)
    elif not list(folder.glob("key.*")):
        raise UserError(_("No answer key: give one with --key KEY.csv (columns question, "
                          "answer), or a WORKSHOP whose question bank holds the correct "
                          "answers."))
    return score(data, workshop or None, folder)


@_one_at_a_time
def api_report(data: Path, folder: Path, workshop: str | None, lang: str) -> bytes:
    """POST /api/report: the evaluation report PDF of the files in ``folder``."""
    from ..app import write_report as _write

    def one(kind: str) -> str | None:
        found = sorted(folder.glob(f"{kind}.*"))
        return str(found[0].resolve()) if found else None

    if workshop:
        check_id(workshop)
    ws = open_workshop(data, workshop, with_uploads=False) if workshop else None
    target = folder / "out" / "report.pdf"
    try:
        _write(workshop=ws, key=one("key"), pre=one("pre"), post=one("post"),
               participants=one("participants"), satisfaction=one("satisfaction"),
               group_by=["sex"] if one("participants") else [], lang=lang, output=target)
    except ToolkitError as exc:
        raise UserError(explain(exc, folder)) from exc
    return target.read_bytes()


def today() -> str:
    return dt.date.today().isoformat()


# ---------------------------------------------------------------- numbers and dates


def fmt_number(value: Any, lang: str, decimals: int = 1) -> str:
    from ..i18n import format_number

    return format_number(value, lang, decimals=decimals)


def fmt_pct(value: Any, lang: str, decimals: int = 1) -> str:
    from ..i18n import format_pct

    return format_pct(value, lang, decimals=decimals)


def fmt_p(value: Any, lang: str) -> str:
    from ..i18n import format_p

    return format_p(value, lang)


@functools.lru_cache(maxsize=4096)
def fmt_dates(dates: str | None, lang: str) -> str:
    """'2019-04-10/2019-04-13' -> « du 10 au 13 avril 2019 » / '10–13 April 2019'."""
    from ..i18n import format_date_range

    start, _, end = (dates or "").partition("/")
    try:
        return format_date_range(dt.date.fromisoformat(start), dt.date.fromisoformat(end or start),
                                 lang)
    except ValueError:
        return dates or ""


@functools.lru_cache(maxsize=4096)
def fmt_day(iso: str | None, lang: str) -> str:
    """'2019-04-13' (or an ISO date-time) -> « 13 avril 2019 »."""
    from ..i18n import format_date

    try:
        return format_date(dt.date.fromisoformat((iso or "")[:10]), lang)
    except ValueError:
        return iso or ""
