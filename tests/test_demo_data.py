"""The bundled demo data is what the generator makes from the current curricula."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "surveys" / "dakar-2019"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_demo", ROOT / "surveys" / "generate_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_regenerates_the_committed_files_byte_for_byte(tmp_path):
    written = _generator().generate(tmp_path)
    assert [p.name for p in written] == sorted(p.name for p in written) or written
    for path in written:
        assert path.read_bytes() == (DEMO / path.name).read_bytes(), (
            f"{path.name} differs from surveys/dakar-2019: run `python surveys/generate_demo.py`")


def test_demo_people_are_invented_and_contacts_are_example_addresses():
    generator = _generator()
    assert len(generator.PEOPLE) == 30
    assert len({p[6] for p in generator.PEOPLE}) == 8  # the eight MIGRAFRIQUE countries
    names = [f"{p[2]} {p[1]}" for p in generator.PEOPLE]
    assert "Ƴero Ɓaldé Ŋom" in names
    assert max(len(n) for n in names) >= 70
    assert any("&" in p[4] for p in generator.PEOPLE)
    assert all(generator.email(p[2], p[1]).endswith("@example.org") for p in generator.PEOPLE)
