"""`workshop revoke`: a revocation entry is added, verify then answers revoked."""
from __future__ import annotations

from click.testing import CliRunner

from toolkit.cli import main
from toolkit.registry import open_registry


def _entries(registry):
    with open_registry(registry, create=False) as reg:
        return list(reg.entries())


def test_revoke_then_verify(tmp_path):
    registry = tmp_path / "registry.sqlite"
    runner = CliRunner()
    issued = runner.invoke(main, ["certificates", "dakar-2019", "-o", str(tmp_path / "c.pdf"),
                                  "--registry", str(registry)], catch_exceptions=False)
    assert issued.exit_code == 0, issued.output
    before = _entries(registry)
    code = before[0].code

    result = runner.invoke(main, ["revoke", code, "--reason", "issued in error",
                                  "--registry", str(registry)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    after = _entries(registry)
    assert after[:-1] == before  # added, never rewritten
    assert [(e.kind, e.reason) for e in after if e.code == code] == [
        ("issue", ""), ("revoke", "issued in error")]

    verify = runner.invoke(main, ["verify", code, "--registry", str(registry)])
    assert verify.exit_code == 1 and "revoked" in verify.output.lower()

    again = runner.invoke(main, ["revoke", code, "--reason", "twice", "--registry", str(registry)])
    assert again.exit_code == 1 and again.output.startswith("Error:") and "already revoked" in again.output


def test_revoke_needs_a_reason_and_a_registry(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["revoke", "DKR19-7F3K-Q9XM", "--registry", "x.sqlite"]).exit_code == 2
    missing = runner.invoke(main, ["revoke", "DKR19-7F3K-Q9XM", "--reason", "x",
                                   "--registry", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 1 and "registry not found" in missing.output
    assert not (tmp_path / "none.sqlite").exists()
