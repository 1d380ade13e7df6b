"""`workshop revoke`: a revocation row is appended, verify then answers revoked."""
from __future__ import annotations

import csv

from click.testing import CliRunner

from toolkit.cli import main


def _codes(registry):
    with open(registry, encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle)]


def test_revoke_then_verify(tmp_path):
    registry = tmp_path / "registry.csv"
    runner = CliRunner()
    issued = runner.invoke(main, ["certificates", "dakar-2019", "-o", str(tmp_path / "c.pdf"),
                                  "--registry", str(registry)], catch_exceptions=False)
    assert issued.exit_code == 0, issued.output
    before = registry.read_bytes()
    code = _codes(registry)[0]["code"]

    result = runner.invoke(main, ["revoke", code, "--reason", "issued in error",
                                  "--registry", str(registry)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert registry.read_bytes().startswith(before)  # appended, never rewritten
    rows = [r for r in _codes(registry) if r["code"] == code]
    assert [r["status"] for r in rows] == ["valid", "revoked"]
    assert rows[-1]["reason"] == "issued in error"

    verify = runner.invoke(main, ["verify", code, "--registry", str(registry)])
    assert verify.exit_code == 1 and "revoked" in verify.output.lower()

    again = runner.invoke(main, ["revoke", code, "--reason", "twice", "--registry", str(registry)])
    assert again.exit_code == 1 and again.output.startswith("Error:") and "already revoked" in again.output


def test_revoke_needs_a_reason_and_a_registry(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["revoke", "DKR19-7F3K-Q9XM", "--registry", "x.csv"]).exit_code == 2
    missing = runner.invoke(main, ["revoke", "DKR19-7F3K-Q9XM", "--reason", "x",
                                   "--registry", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1 and "registry not found" in missing.output
