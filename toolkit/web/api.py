"""The JSON API beside the pages (DESIGN.md §12).

``GET /api/verify/{code}``   -> {"code", "status", "name", "workshop", "kind", "issued"}
``POST /api/score``          multipart: ``workshop`` (id) or a ``key`` file; ``pre``, ``post``,
                             optional ``participants`` -> the score contract
                             workshop-toolkit/score/1
``POST /api/report``         the same, plus ``lang`` (and optional ``satisfaction``) -> the PDF

A bad upload answers 400 ``{"error": "..."}`` with the sentence the command line prints (file
names as uploaded); a request that is not understood answers 422. Uploads go to a folder of
their own under the data folder and are deleted before the answer leaves: nothing is kept.
"""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..i18n import _
from . import services
from .strings import LANGS

FILE_FIELDS = ("key", "pre", "post", "participants", "satisfaction")


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def verify(request: Request) -> Response:
    data, code = request.app.state.settings.data, request.path_params["code"]
    try:  # one indexed lookup in the database (services.verify_answer says where it runs)
        answer = await services.verify_answer(data, code)
    except services.UserError:
        return _error(_("The certificate registry cannot be reached just now; try again later."),
                      503)
    body = {k: answer[k] for k in ("code", "status", "name", "workshop", "kind", "issued")}
    return JSONResponse(body, status_code={"unknown": 404, "altered": 409}.get(
        answer["status"], 200))


async def _with_uploads(request: Request, make):
    """Store the posted files in a fresh folder, call ``make(folder, form)``, then delete it."""
    size = request.headers.get("content-length")
    if size and size.isdigit() and int(size) > 3 * services.MAX_UPLOAD_BYTES:
        return _error(_("The upload is larger than {value} MB per file.").format(
                          value=services.MAX_UPLOAD_BYTES // (1024 * 1024)), 413)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return _error(_("Send the files as multipart/form-data (fields workshop or key, pre, "
                      "post, participants)."), 422)
    data = request.app.state.settings.data
    try:
        form = await request.form(max_files=len(FILE_FIELDS), max_fields=10)
    except MultiPartException as exc:
        return _error(_("The upload cannot be read: {message}").format(message=exc.message), 422)
    unknown = [k for k in form if k not in (*FILE_FIELDS, "workshop", "lang")]
    if unknown:
        return _error(_("Unknown field(s) {join}: send workshop or key, pre, post, "
                        "participants (and lang for a report).").format(
                          join=', '.join(sorted(set(unknown)))), 422)
    folder = services.temp_folder(data)
    try:
        for name in FILE_FIELDS:
            item = form.get(name)
            if item is None:
                continue
            if isinstance(item, str):
                return _error(_("\"{name}\" must be a file.").format(name=name), 422)
            content = await item.read()
            await run_in_threadpool(services.save_upload, folder, name, item.filename or name,
                                    content)
        return await run_in_threadpool(make, folder, form)
    except services.UserError as exc:
        return _error(services.explain(exc, folder))
    finally:
        await form.close()
        services.remove_temp(folder)


async def score(request: Request) -> Response:
    data = request.app.state.settings.data

    def make(folder, form):
        workshop = str(form.get("workshop") or "").strip() or None
        return JSONResponse(services.api_score(data, folder, workshop))

    return await _with_uploads(request, make)


async def report(request: Request) -> Response:
    data = request.app.state.settings.data

    def make(folder, form):
        lang = str(form.get("lang") or "fr")
        if lang not in LANGS:
            return _error(_("\"lang\" must be one of {join}, not \"{lang}\".").format(
                              join=", ".join(LANGS), lang=lang), 422)
        workshop = str(form.get("workshop") or "").strip() or None
        pdf = services.api_report(data, folder, workshop, lang)
        return Response(pdf, media_type="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="evaluation-report-{lang}.pdf"'})

    return await _with_uploads(request, make)


routes = [
    Route("/api/verify/{code}", verify),
    Route("/api/score", score, methods=["POST"]),
    Route("/api/report", report, methods=["POST"]),
]
