"""The pages of `workshop serve`: the three workflows, /verify, login, jobs.

Every call into the toolkit goes through :mod:`toolkit.web.services`; the JSON API is in
:mod:`toolkit.web.api`. Work that takes time runs in Starlette's thread pool (plain ``def``
handlers, or ``run_in_threadpool``) or on the job thread, never on the event loop, so one
person's report does not hold up another's page (a /verify lookup in an SQLite registry,
about 0.2 ms, is answered at once: see ``services.verify_answer``).
"""
from __future__ import annotations

import contextlib
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import BaseLoader, TemplateNotFound, pass_context
from markupsafe import escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..i18n import N_, gettext, use_language
from . import services
from .jobs import Jobs
from .security import Guard, Settings, check_csrf, csrf_token, login_cookie, password_ok
from .strings import LANGS, text

HERE = Path(__file__).resolve().parent
WORKFLOWS = ("trainer", "facilitator", "manager")
# Uploads stay in memory up to the limit instead of spilling to the system's temp folder:
# an upload is written only under the data folder.
MultiPartParser.spool_max_size = services.MAX_UPLOAD_BYTES
MAX_REQUEST = 3 * services.MAX_UPLOAD_BYTES


# ---------------------------------------------------------------- templates


_FIXED_TEXT = re.compile(r"\{\{\s*t\('([A-Za-z0-9_.-]+)'\)\s*\}\}")
_TEMPLATE_NAME = re.compile(r"""(\{%-?\s*(?:extends|include|import|from)\s+)["']([^"']+)["']""")


class _LanguageLoader(BaseLoader):
    """``@fr/verify.html`` is ``verify.html`` with each ``{{ t('key') }}`` of a fixed key
    replaced by its text in French (escaped, as the page would show it), and the templates
    it extends or includes named the same way. Jinja compiles each such template once, so a
    page no longer calls ``t()`` for its fixed words; what it shows is unchanged."""

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment, template):
        if not template.startswith("@"):
            return self.inner.get_source(environment, template)
        lang, _, name = template[1:].partition("/")
        if lang not in LANGS:
            raise TemplateNotFound(template)
        source, filename, uptodate = self.inner.get_source(environment, name)

        def fixed(match: re.Match) -> str:
            shown = str(escape(text(match.group(1), lang)))
            return match.group(0) if re.search(r"\{[{%#]", shown) else shown

        source = _FIXED_TEXT.sub(fixed, source)
        source = _TEMPLATE_NAME.sub(lambda m: f'{m.group(1)}"@{lang}/{m.group(2)}"', source)
        return source, filename, uptodate


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.auto_reload = False  # compiled once: no file check per page (the files ship with us)
    assert env.loader is not None  # Jinja2Templates(directory=...) gives a file loader
    env.loader = _LanguageLoader(env.loader)

    @pass_context
    def t(ctx, key: str, **fields) -> str:
        return text(key, ctx["lang"], **fields)

    @pass_context
    def number(ctx, value, decimals: int = 1) -> str:
        return services.fmt_number(value, ctx["lang"], decimals)

    @pass_context
    def pct(ctx, value, decimals: int = 1) -> str:
        return services.fmt_pct(value, ctx["lang"], decimals)

    @pass_context
    def pvalue(ctx, value) -> str:
        return services.fmt_p(value, ctx["lang"])

    @pass_context
    def dates(ctx, value) -> str:
        return services.fmt_dates(value, ctx["lang"])

    @pass_context
    def day(ctx, value) -> str:
        return services.fmt_day(value, ctx["lang"])

    @pass_context
    def q(ctx, value) -> str:  # a quotation: « texte » in French, “text” in English
        return gettext(N_("“{text}”"), ctx["lang"]).format(text=value)

    @pass_context
    def ci(ctx, pair) -> str:  # a confidence interval: [2,5 ; 7,1] / [2.5, 7.1]
        if not pair or pair[0] is None:
            return "–"
        low, high = (services.fmt_number(v, ctx["lang"]) for v in pair)
        # a confidence interval: French "[2,5 ; 7,1]"
        return gettext(N_("[{low}, {high}]"), ctx["lang"]).format(low=low, high=high)

    env.globals["t"] = t
    env.filters.update(number=number, pct=pct, pvalue=pvalue, dates=dates, day=day, q=q, ci=ci)
    return templates


TEMPLATES = _templates()


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    lang = request.state.lang
    settings: Settings = request.app.state.settings
    context.update(lang=lang, other_lang=next(x for x in LANGS if x != lang),
                   colon=gettext(": ", lang).rstrip(),
                   csrf=csrf_token(request), path=request.url.path,
                   logged_in=settings.password is not None and request.state.authenticated,
                   limit_mb=services.MAX_UPLOAD_BYTES // (1024 * 1024))
    return TEMPLATES.TemplateResponse(request, f"@{lang}/{name}", context, status_code=status)


def data_of(request: Request) -> Path:
    return request.app.state.settings.data


async def read_form(request: Request, *, files: bool = False):
    """The posted form, after the CSRF check and the size limit."""
    size = request.headers.get("content-length")
    if size and size.isdigit() and int(size) > MAX_REQUEST:
        raise HTTPException(413, text("error.toolarge", request.state.lang,
                                      mb=services.MAX_UPLOAD_BYTES // (1024 * 1024)))
    form = await request.form(max_files=40 if files else 0, max_fields=40)
    if not check_csrf(request, form):
        raise HTTPException(403, text("error.csrf", request.state.lang))
    return form


async def uploaded(form, name: str) -> list[tuple[str, bytes]]:
    """(file name, content) of each non-empty file posted as ``name``."""
    out = []
    for item in form.getlist(name):
        if hasattr(item, "read") and item.filename:
            content = await item.read()
            if len(content) > services.MAX_UPLOAD_BYTES:
                raise services.UserError(gettext("{file}: larger than the {mb} MB limit.").format(
                    file=item.filename, mb=services.MAX_UPLOAD_BYTES // (1024 * 1024)))
            out.append((item.filename, content))
    return out


def _wid(request: Request) -> str:
    wid = request.path_params["wid"]
    try:
        services.check_id(wid)
        services.workshop_file(data_of(request), wid)
    except services.UserError:
        raise HTTPException(404, text("error.notfound", request.state.lang)) from None
    return wid


def download(path: Path, filename: str, *, inline: bool = False) -> FileResponse:
    return FileResponse(path, filename=filename,
                        content_disposition_type="inline" if inline else "attachment")


# ---------------------------------------------------------------- home, choose


def home(request: Request) -> Response:
    return render(request, "home.html")


def choose(request: Request) -> Response:
    workflow = request.url.path.strip("/")
    return render(request, "choose.html", workflow=workflow,
                  workshops=services.workshop_choices(data_of(request), request.state.lang),
                  deleted=request.query_params.get("deleted") == "1")


async def upload_yaml(request: Request) -> Response:
    form = await read_form(request, files=True)
    lang = request.state.lang
    try:
        files = await uploaded(form, "files")
        if not files:
            raise services.UserError(text("error.nofile", lang))
        wid, _ = await run_in_threadpool(services.save_yaml_uploads, data_of(request), files)
    except services.UserError as exc:
        return render(request, "choose.html", status=400, workflow="trainer", error=str(exc),
                      workshops=services.workshop_choices(data_of(request), lang))
    return RedirectResponse(f"/trainer/{quote(wid)}", status_code=303)


def template_zip(request: Request) -> Response:
    return Response(services.template_zip(), media_type="application/zip",
                    headers={"Content-Disposition": 'attachment; filename="workshop-template.zip"'})


# ---------------------------------------------------------------- a new workshop


def _new_values(lang: str, form=None) -> dict[str, Any]:
    if form is None:
        offer = services.new_workshop_form(lang)
        return {"id": "", "title": "", "lang": lang, "start": offer["start"], "end": "",
                "city": "", "country": "SN", "organisers": "", "modules": offer["defaults"]}
    values: dict[str, Any] = {k: str(form.get(k) or "") for k in (
        "id", "title", "lang", "start", "end", "city", "country", "organisers")}
    values["modules"] = [str(m) for m in form.getlist("modules")]
    return values


def new_workshop(request: Request) -> Response:
    lang = request.state.lang
    return render(request, "new.html", form=services.new_workshop_form(lang),
                  values=_new_values(lang), error="")


async def create_workshop(request: Request) -> Response:
    form = await read_form(request)
    lang = request.state.lang
    values = _new_values(lang, form)
    try:
        wid = await run_in_threadpool(services.create_workshop, data_of(request), values)
    except services.UserError as exc:
        return render(request, "new.html", status=400, error=str(exc), values=values,
                      form=services.new_workshop_form(lang))
    return RedirectResponse(f"/trainer/{quote(wid)}/created", status_code=303)


def created(request: Request) -> Response:
    wid = _wid(request)
    data, lang = data_of(request), request.state.lang
    files = services.new_workshop_files(data, wid)
    if not files:
        return RedirectResponse(f"/trainer/{quote(wid)}", status_code=303)
    problems = services.validate(data, wid)
    summary = None
    with contextlib.suppress(services.UserError):
        summary = services.workshop_summary(services.open_workshop(data, wid), lang)
    return render(request, "created.html", wid=wid, problems=problems, summary=summary,
                  files=files)


def new_workshop_file(request: Request) -> Response:
    wid = _wid(request)
    name = request.path_params["name"]
    files = services.new_workshop_files(data_of(request), wid)
    if name not in files:
        raise HTTPException(404, text("error.notfound", request.state.lang))
    if name == "workshop-files.zip":
        return Response(services.workshop_files_zip(data_of(request), wid),
                        media_type="application/zip", headers={
                            "Content-Disposition": f'attachment; filename="{wid}-files.zip"'})
    return download(files[name], f"{wid}-{name}" if name != "workshop.yaml"
                    else files[name].name)


# ---------------------------------------------------------------- trainer


def trainer(request: Request) -> Response:
    wid = _wid(request)
    data, lang = data_of(request), request.state.lang
    problems = services.validate(data, wid)
    summary = agenda = None
    error = ""
    try:
        ws = services.open_workshop(data, wid)
        summary = services.workshop_summary(ws, lang)
        agenda = services.agenda_preview(ws, lang)
    except services.UserError as exc:
        error = str(exc)
    previews, tests = {}, {}
    if summary:
        for out_lang in summary["languages"]:
            previews[out_lang] = services.preview_pages(data, wid, out_lang)
            with contextlib.suppress(services.UserError):
                tests[out_lang] = {stage: services.test_preview(data, wid, stage, out_lang)
                                   for stage in ("pre", "post")}
    return render(request, "trainer.html", wid=wid, problems=problems, summary=summary,
                  agenda=agenda, error=error, outputs=services.OUTPUTS, previews=previews,
                  tests=tests,
                  uploaded=services.has_uploaded_yaml(data, wid),
                  new_files=services.new_workshop_files(data, wid))


def trainer_download(request: Request) -> Response:
    wid = _wid(request)
    name, out_lang = request.path_params["name"], request.path_params["lang"]
    if name not in services.OUTPUTS or out_lang not in LANGS:
        raise HTTPException(404, text("error.notfound", request.state.lang))
    try:
        path = services.make_output(data_of(request), wid, name, out_lang)
    except services.UserError as exc:
        return render(request, "error.html", status=400, message=str(exc),
                      back=f"/trainer/{wid}")
    return download(path, f"{wid}-{out_lang}-{name}")


async def _page_image(make) -> Response:
    """The PNG ``make()`` returns (made off the event loop), or 404 with the reason."""
    try:
        return FileResponse(await run_in_threadpool(make), media_type="image/png")
    except services.UserError as exc:
        raise HTTPException(404, str(exc)) from None


async def trainer_preview(request: Request) -> Response:
    """One page of one of the trainer's PDFs as a PNG (made on the first request)."""
    wid = _wid(request)
    doc, out_lang = request.path_params["doc"], request.path_params["lang"]
    page = request.path_params["page"]
    if doc not in services.PREVIEWS or out_lang not in LANGS or \
            not 1 <= page <= services.PREVIEWS[doc][2]:
        raise HTTPException(404, text("error.notfound", request.state.lang))
    data = data_of(request)
    return await _page_image(lambda: services.page_png(
        services.preview_pdf(data, wid, doc, out_lang), page))


async def trainer_pdf(request: Request) -> Response:
    """A previewed PDF itself, to read in the browser."""
    wid = _wid(request)
    doc, out_lang = request.path_params["doc"], request.path_params["lang"]
    if doc not in services.PREVIEWS or out_lang not in LANGS:
        raise HTTPException(404, text("error.notfound", request.state.lang))
    try:
        path = await run_in_threadpool(services.preview_pdf, data_of(request), wid, doc,
                                       out_lang)
    except services.UserError as exc:
        return render(request, "error.html", status=400, message=str(exc),
                      back=f"/trainer/{wid}")
    return download(path, f"{wid}-{out_lang}-{path.name}", inline=True)


# ---------------------------------------------------------------- facilitator


def facilitator(request: Request) -> Response:
    wid = _wid(request)
    data = data_of(request)
    folder = services.workspace(data, wid) / "uploads"
    files = services.uploads(data, wid)
    inspections: list[tuple[str, dict[str, Any]]] = []
    errors: list[tuple[str, str]] = []
    for kind in ("pre", "post"):
        if kind in files:
            try:
                inspections.append((kind, services.inspect_upload(data, wid, kind, folder)))
            except services.UserError as exc:
                errors.append((kind, services.explain(exc, folder)))
    roster = None
    if "participants" in files:
        try:
            roster = services.roster_summary(folder)
        except services.UserError as exc:
            errors.append(("participants", services.explain(exc, folder)))
    title = _title(data, wid, request.state.lang)
    return render(request, "facilitator.html", wid=wid, title=title, files=files,
                  kinds=services.UPLOAD_KINDS, inspections=inspections, errors=errors,
                  roster=roster, error=request.query_params.get("error", ""))


def _title(data: Path, wid: str, lang: str) -> str:
    for choice in services.workshop_choices(data, lang):
        if choice["id"] == wid:
            return choice["title"]
    return wid


async def facilitator_upload(request: Request) -> Response:
    wid = _wid(request)
    form = await read_form(request, files=True)
    folder = services.workspace(data_of(request), wid) / "uploads"
    try:
        count = 0
        for kind in services.UPLOAD_KINDS:
            for filename, content in await uploaded(form, kind):
                await run_in_threadpool(services.save_upload, folder, kind, filename, content)
                count += 1
        if not count:
            raise services.UserError(text("error.nofile", request.state.lang))
    except services.UserError as exc:
        return render(request, "error.html", status=400, message=str(exc),
                      back=f"/facilitator/{wid}")
    return RedirectResponse(f"/facilitator/{wid}#inspect", status_code=303)


async def delete_data(request: Request) -> Response:
    wid = _wid(request)
    await read_form(request)
    await run_in_threadpool(services.delete_workspace, data_of(request), wid)
    return RedirectResponse("/facilitator?deleted=1", status_code=303)


def scores(request: Request) -> Response:
    wid = _wid(request)
    data = data_of(request)
    folder = services.workspace(data, wid) / "uploads"
    try:
        result = services.score(data, wid, folder)
    except services.UserError as exc:
        return render(request, "error.html", status=400, message=str(exc),
                      back=f"/facilitator/{wid}")
    return render(request, "scores.html", wid=wid, title=_title(data, wid, request.state.lang),
                  s=result, files=services.uploads(data, wid))


def scores_xlsx(request: Request) -> Response:
    wid = _wid(request)
    data = data_of(request)
    folder = services.workspace(data, wid) / "uploads"
    target = services.workspace(data, wid) / "outputs" / "scores.xlsx"
    try:
        services.write_scores(data, wid, folder, target)
    except services.UserError as exc:
        return render(request, "error.html", status=400, message=str(exc),
                      back=f"/facilitator/{wid}")
    return download(target, f"{wid}-scores.xlsx")


# ---------------------------------------------------------------- programme manager


def manager(request: Request) -> Response:
    wid = _wid(request)
    data, lang = data_of(request), request.state.lang
    files = services.uploads(data, wid)
    preview = report_error = None
    if "pre" in files or "post" in files:
        try:
            preview = services.report_preview(data, wid, lang)
        except services.UserError as exc:
            report_error = str(exc)
    rows = certs_error = None
    if "participants" in files and "attendance" in files:
        try:
            rows = services.eligibility(data, wid)
        except services.UserError as exc:
            certs_error = str(exc)
    ws_langs = LANGS
    with contextlib.suppress(services.UserError):
        ws_langs = services.workshop_summary(services.open_workshop(data, wid), lang)["languages"]
    try:
        cert_date = services.certificate_date(data, wid)
    except services.UserError:
        cert_date = ""
    report_pages = [services.report_pages(data, wid, out_lang) for out_lang in ws_langs] \
        if preview else []
    return render(request, "manager.html", wid=wid, title=_title(data, wid, lang), files=files,
                  report_pages=report_pages,
                  cert_date=cert_date,
                  preview=preview, report_error=report_error, rows=rows,
                  certs_error=certs_error, ws_langs=ws_langs,
                  certs=services.certificate_files(data, wid),
                  results=None, query="", message="")


def report_pdf(request: Request) -> Response:
    wid = _wid(request)
    out_lang = request.path_params["lang"]
    if out_lang not in LANGS:
        raise HTTPException(404, text("error.notfound", request.state.lang))
    try:
        path = services.write_report(data_of(request), wid, out_lang)
    except services.UserError as exc:
        return render(request, "error.html", status=400, message=str(exc), back=f"/manager/{wid}")
    return download(path, f"{wid}-evaluation-report-{out_lang}.pdf", inline=True)


async def report_preview(request: Request) -> Response:
    """One page of the evaluation report as a PNG (the report is made on the first request)."""
    wid = _wid(request)
    out_lang, page = request.path_params["lang"], request.path_params["page"]
    if out_lang not in LANGS or not 1 <= page <= services.REPORT_PAGES:
        raise HTTPException(404, text("error.notfound", request.state.lang))
    data = data_of(request)
    return await _page_image(lambda: services.page_png(
        services.report_pdf(data, wid, out_lang), page))


async def issue(request: Request) -> Response:
    wid = _wid(request)
    form = await read_form(request)
    cert_lang = str(form.get("cert_lang") or "both")
    cert_lang = cert_lang if cert_lang in (*LANGS, "both") else "both"
    data = data_of(request)
    try:
        date = services.parse_date(str(form.get("cert_date") or ""))
    except services.UserError as exc:
        return render(request, "error.html", status=400, message=str(exc),
                      back=f"/manager/{wid}")

    page_lang = request.state.lang

    def work(progress):  # on the job thread: the library speaks the page's language there too
        with use_language(page_lang):
            return services.issue_certificates(data, wid, cert_lang, progress, date)

    job = request.app.state.jobs.submit(
        "certificates", wid, work,
        lambda exc: str(exc) if isinstance(exc, services.UserError) else None)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def certificate_file(request: Request) -> Response:
    wid = _wid(request)
    which = request.path_params["which"]
    files = services.certificate_files(data_of(request), wid)
    if which not in files:
        raise HTTPException(404, text("error.notfound", request.state.lang))
    name = f"{wid}-certificates.{which}"
    return download(files[which], name, inline=which == "pdf")


def _registry_page(request: Request, wid: str, query: str, message: str = "",
                   status: int = 200) -> Response:
    data = data_of(request)
    try:
        results = services.search_registry(data, query, wid)
    except services.UserError as exc:
        results, message, status = [], str(exc), 400
    return render(request, "registry.html", status=status, wid=wid,
                  title=_title(data, wid, request.state.lang), results=results, query=query,
                  message=message)


async def registry_search(request: Request) -> Response:
    wid = _wid(request)
    form = await read_form(request)
    return await run_in_threadpool(_registry_page, request, wid, str(form.get("q") or ""))


async def registry_revoke(request: Request) -> Response:
    wid = _wid(request)
    form = await read_form(request)
    lang = request.state.lang
    code, reason = str(form.get("code") or ""), str(form.get("reason") or "").strip()
    query = str(form.get("q") or "")
    if not reason:
        return _registry_page(request, wid, query, text("error.reason", lang), 400)
    try:
        entry = await run_in_threadpool(services.revoke, data_of(request), code, reason)
    except services.UserError as exc:
        return _registry_page(request, wid, query, str(exc), 400)
    return _registry_page(request, wid, query, text("reg.revoked", lang, code=entry["code"]))


def registry_xlsx(request: Request) -> Response:
    wid = _wid(request)
    target = services.workspace(data_of(request), wid) / "outputs" / "registry.xlsx"
    try:
        services.export_registry(data_of(request), target, wid)
    except services.UserError as exc:
        return render(request, "error.html", status=400, message=str(exc),
                      back=f"/manager/{wid}")
    return download(target, f"{wid}-registry.xlsx")


# ---------------------------------------------------------------- jobs


def job_page(request: Request) -> Response:
    job = request.app.state.jobs.get(request.path_params["job"])
    if job is None:
        raise HTTPException(404, text("error.notfound", request.state.lang))
    return render(request, "job.html", job=job,
                  certs=services.certificate_files(data_of(request), job.workshop)
                  if job.state == "done" else {})


def job_progress(request: Request) -> Response:
    job = request.app.state.jobs.get(request.path_params["job"])
    if job is None:
        return JSONResponse({"error": "no such job"}, status_code=404)
    return JSONResponse(job.to_dict())


# ---------------------------------------------------------------- verify, login


def verify_form(request: Request) -> Response:
    code = request.query_params.get("code", "").strip()
    if code:
        return RedirectResponse(f"/verify/{quote(code, safe='')}", status_code=303)
    return render(request, "verify.html", answer=None)


VERIFY_STATUS = {"unknown": 404, "altered": 409}


async def verify_page(request: Request) -> Response:
    code = request.path_params["code"]
    try:  # one indexed lookup in the database (services.verify_answer says where it runs)
        answer = await services.verify_answer(data_of(request), code)
    except services.UserError:
        return render(request, "error.html", status=503, message=text(
            "verify.unavailable", request.state.lang), back="/verify")
    return render(request, "verify.html", answer=answer,
                  status=VERIFY_STATUS.get(answer["status"], 200))


def login_page(request: Request) -> Response:
    return render(request, "login.html", wrong=False, next=_next(request))


def _next(request: Request, value: str | None = None) -> str:
    target = value if value is not None else request.query_params.get("next", "/")
    return target if target.startswith("/") and not target.startswith("//") else "/"


async def login(request: Request) -> Response:
    form = await read_form(request)
    settings: Settings = request.app.state.settings
    if not password_ok(settings, str(form.get("password") or "")):
        return render(request, "login.html", status=401, wrong=True,
                      next=_next(request, str(form.get("next") or "/")))
    response = RedirectResponse(_next(request, str(form.get("next") or "/")), status_code=303)
    login_cookie(response, settings, request.state.secure)
    return response


async def logout(request: Request) -> Response:
    await read_form(request)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie("wt_auth", secure=request.state.secure, httponly=True,
                           samesite="strict")
    return response


def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):  # registered for HTTPException only
        raise exc
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    if not hasattr(request.state, "lang"):
        request.state.lang = "fr"
    return render(request, "error.html", status=exc.status_code, message=exc.detail, back="/")


# ---------------------------------------------------------------- the application


def create_app(settings: Settings) -> Starlette:
    """The web application for one data folder (see `workshop serve`)."""
    from .api import routes as api_routes

    settings.data.mkdir(parents=True, exist_ok=True)
    services.use_registry(settings.data, settings.registry, settings.registry_key)
    routes = [
        Route("/", home),
        Route("/healthz", healthz),
        *[Route(f"/{w}", choose) for w in WORKFLOWS],
        Route("/trainer/upload", upload_yaml, methods=["POST"]),
        Route("/trainer/template.zip", template_zip),
        Route("/trainer/new", new_workshop),
        Route("/trainer/new", create_workshop, methods=["POST"]),
        Route("/trainer/{wid}/created", created),
        Route("/trainer/{wid}/files/{name}", new_workshop_file),
        Route("/trainer/{wid}", trainer),
        Route("/trainer/{wid}/download/{lang}/{name}", trainer_download),
        Route("/trainer/{wid}/preview/{lang}/{doc}/{page:int}.png", trainer_preview),
        Route("/trainer/{wid}/pdf/{lang}/{doc}.pdf", trainer_pdf),
        Route("/facilitator/{wid}", facilitator),
        Route("/facilitator/{wid}/upload", facilitator_upload, methods=["POST"]),
        Route("/facilitator/{wid}/scores", scores),
        Route("/facilitator/{wid}/scores.xlsx", scores_xlsx),
        Route("/workshops/{wid}/delete", delete_data, methods=["POST"]),
        Route("/manager/{wid}", manager),
        Route("/manager/{wid}/report/{lang}.pdf", report_pdf),
        Route("/manager/{wid}/report/{lang}/{page:int}.png", report_preview),
        Route("/manager/{wid}/certificates", issue, methods=["POST"]),
        Route("/manager/{wid}/certificates.{which}", certificate_file),
        Route("/manager/{wid}/registry", registry_search, methods=["POST"]),
        Route("/manager/{wid}/revoke", registry_revoke, methods=["POST"]),
        Route("/manager/{wid}/registry.xlsx", registry_xlsx),
        Route("/jobs/{job}", job_page),
        Route("/jobs/{job}/progress", job_progress),
        Route("/verify", verify_form),
        Route("/verify/{code}", verify_page),
        Route("/login", login_page),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        *api_routes,
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app):
        threading.Thread(target=services.warm_up, args=(settings.data,), name="registry-warm-up",
                         daemon=True).start()
        yield
        services.close_registries()

    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error},
                    lifespan=lifespan)
    app.add_middleware(Guard)
    app.state.settings = settings
    app.state.jobs = Jobs()
    return app
