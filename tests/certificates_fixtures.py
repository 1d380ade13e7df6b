"""Workshop and roster objects built directly for the certificate tests (no YAML loader)."""
from __future__ import annotations

import datetime as dt

from toolkit.model import (CertificateRules, Day, Frame, Module, Organisation, Participant,
                           ProgrammeItem, Session, Signatory, Text, Workshop)

FRAME = Frame(dt.time(9), dt.time(17))


def make_workshop(*, pass_mark: float | None = 60.0, verify_url: str = "https://verify.example.org/{code}",
                  hours: float | None = None, languages=("fr", "en"), title=None,
                  signatories=None, code_prefix: str = "EX24") -> Workshop:
    module = Module("mod", Text.of("Module"), sessions=(
        Session("s1", Text.of("Cadre juridique"), 150, "presentation", module="mod"),
        Session("s2", Text.of("Étude de cas"), 175, "case-study", module="mod"),
    ))
    return Workshop(
        id="example-2024",
        title=Text.of(title or {"fr": "Atelier sur la protection des migrants en Afrique de l'Ouest",
                                "en": "Workshop on migrant protection in West Africa"}),
        languages=tuple(languages),
        days=(Day(dt.date(2024, 3, 4), FRAME), Day(dt.date(2024, 3, 5), FRAME)),
        programme=(ProgrammeItem("opening", title=Text.of("Ouverture"), minutes=30),
                   ProgrammeItem("module", ref="mod"),
                   ProgrammeItem("closing", title=Text.of("Clôture"), minutes=30)),
        modules=(module,),
        organisers=(Organisation(Text.of({"fr": "Organisation internationale pour les migrations (OIM)",
                                           "en": "International Organization for Migration (IOM)"})),),
        partners=(Organisation(Text.of("ONG Exemple")),),
        funders=(Organisation(Text.of({"fr": "Union européenne", "en": "European Union"})),),
        city=Text.of("Dakar"),
        country="SN",
        certificates=CertificateRules(
            attendance_threshold=0.75, pass_mark=pass_mark, hours=hours, code_prefix=code_prefix,
            verify_url=verify_url,
            signatories=signatories if signatories is not None else (
                Signatory("Awa Ndiaye", Text.of({"fr": "Formatrice principale", "en": "Lead trainer"}), "OIM"),
                Signatory("Jean-Baptiste Kaboré", Text.of({"fr": "Chef de mission", "en": "Chief of mission"}), "OIM"),
            )),
    )


def person(pid: str, given: str, family: str) -> Participant:
    return Participant(pid, family, given, email=f"{pid.lower()}@example.org", phone="+221 77 000 00 00")


ROSTER = (
    person("P01", "Aminata", "Diallo"),
    person("P02", "Koffi", "Mensah & Fils <ONG Espoir>"),
    person("P03", "Ƴero Ɓaldé", "Ŋom"),
    person("P04", "Fatou", "Sow"),
    person("P05", "Moussa", "Traoré"),
)
