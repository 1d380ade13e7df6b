"""Checked module and workshop data -> the frozen dataclasses of model.py.

The data has passed curriculum_keys, so every key present has the right type; keys that
were missing or wrong are simply absent here, and the caller refuses to build from a file
with errors.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .model import (
    DEFAULT_ATTENDANCE_THRESHOLD,
    Break,
    CertificateRules,
    Choice,
    Day,
    Definition,
    Frame,
    Module,
    Objective,
    Organisation,
    ProgrammeItem,
    Question,
    Reference,
    ReportInfo,
    Session,
    Signatory,
    TestSpec,
    Text,
    Workshop,
    WorkshopFiles,
)
from .yamlsafe import LDict


def frame_of(values: dict, fallback: Frame | None) -> Frame | None:
    """A Frame from start/end/breaks, each defaulting to ``fallback``'s."""
    breaks = values.get("breaks")
    start = values.get("start", fallback.start if fallback else None)
    end = values.get("end", fallback.end if fallback else None)
    if start is None or end is None:
        return None
    if breaks is None:
        built = fallback.breaks if fallback else ()
    else:
        built = tuple(Break(b["time"], b["minutes"], b["title"]) for b in breaks
                      if {"time", "minutes", "title"} <= set(b))
    return Frame(start, end, tuple(sorted(built, key=lambda b: b.time)))


def build_days(data: dict) -> tuple[Day, ...]:
    """The days of a checked workshop file: from dates and the frame, or explicit days."""
    frame = frame_of(data["frame"], None) if "frame" in data else None
    dates = data.get("dates")
    if dates is not None:
        start, end = dates.get("start"), dates.get("end")
        if frame is None or start is None or end is None or not 0 <= (end - start).days < 31:
            return ()
        return tuple(Day(start + dt.timedelta(days=n), frame)
                     for n in range((end - start).days + 1))
    days = []
    for day in data.get("days", []):
        day_frame = frame_of(day, frame)
        if day_frame is not None and "date" in day:
            days.append(Day(day["date"], day_frame, day.get("title", Text())))
    return tuple(sorted(days, key=lambda d: d.date))


def _texts(values) -> tuple[Text, ...]:
    return tuple(values or ())


def build_module(d: dict, source: Path) -> Module:
    """A Module from a checked module file."""
    mid = d["id"]
    return Module(
        id=mid, title=d["title"], summary=d.get("summary", Text()),
        audience=d.get("audience", Text()), prerequisites=d.get("prerequisites", Text()),
        objectives=tuple(Objective(o["id"], o["text"], o.line) for o in d.get("objectives", [])),
        sessions=tuple(Session(
            id=s["id"], title=s["title"], minutes=s["minutes"], method=s["method"],
            objectives=tuple(s.get("objectives", ())), steps=_texts(s.get("steps")),
            key_messages=_texts(s.get("key_messages")),
            facilitator_notes=s.get("facilitator_notes", Text()),
            materials=_texts(s.get("materials")), handout=s.get("handout", Text()),
            module=mid, line=s.line) for s in d.get("sessions", [])),
        questions=tuple(Question(
            id=q["id"], objective=q["objective"], type=q["type"], text=q["text"],
            choices=tuple(Choice(c["id"], c["text"], c.get("correct", False))
                          for c in q.get("choices", [])),
            answer=q.get("answer"), tolerance=q.get("tolerance", 0.0),
            explanation=q.get("explanation", Text()), points=q.get("points", 1.0),
            module=mid, line=q.line) for q in d.get("questions", [])),
        definitions=tuple(Definition(x["term"], x["text"], x.get("source", Text()))
                          for x in d.get("definitions", [])),
        references=tuple(Reference(r["title"], r.get("year"), r.get("article", Text()),
                                   r.get("publisher", Text()), r.get("url", ""))
                         for r in d.get("references", [])),
        source=str(source))


def workshop_from_data(d: dict, source: Path, *, languages: tuple[str, ...], days: tuple[Day, ...],
                   programme: tuple[ProgrammeItem, ...], tests: TestSpec,
                   modules: tuple[Module, ...]) -> Workshop:
    """A Workshop from a checked workshop file and its resolved programme."""
    base = source.parent

    def local(path: str) -> str:
        if "://" in str(path):  # a database URL (files.registry: postgresql://...)
            return str(path)
        return str((base / path).resolve()) if path else ""

    def organisations(key: str) -> tuple[Organisation, ...]:
        return tuple(Organisation(o["name"], local(o.get("logo", ""))) for o in d.get(key, []))

    cert = d.get("certificates", LDict())
    files = d.get("files", LDict())
    return Workshop(
        id=d["id"], title=d["title"], languages=languages, days=days, programme=programme,
        modules=modules,
        project=d.get("project", Text()), organisers=organisations("organisers"),
        partners=organisations("partners"), funders=organisations("funders"),
        venue=d.get("venue", Text()), city=d.get("city", Text()), country=d.get("country", ""),
        timezone=d.get("timezone", "UTC"), tests=tests,
        certificates=CertificateRules(
            attendance_threshold=cert.get("attendance_threshold",
                                          DEFAULT_ATTENDANCE_THRESHOLD),
            pass_mark=cert.get("pass_mark"), hours=cert.get("hours"),
            code_prefix=cert.get("code_prefix", ""), verify_url=cert.get("verify_url", ""),
            signatories=tuple(Signatory(s["name"], s.get("role", Text()),
                                        Text.of(s.get("organisation")),
                                        local(s.get("signature", "")))
                              for s in cert.get("signatories", []))),
        files=WorkshopFiles(**{k: local(files.get(k, "")) for k in WorkshopFiles.__annotations__}),
        source=str(source), recommendations=_texts(d.get("recommendations")),
        report=ReportInfo(Text.of(d.get("report", LDict()).get("author")),
                          str(d.get("report", LDict()).get("version", "") or "")))
