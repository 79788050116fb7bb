"""Fixtures of the report tests: the built-in example report, built once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def example_report(tmp_path_factory):
    """The built-in example demo (no real data needed), written once (with PNGs)."""
    from valuechain.report.demo import run_demo

    out = tmp_path_factory.mktemp("example") / "report"
    res = run_demo(out, kind="example")
    return res


@pytest.fixture(scope="session")
def kazakhstan_report(shared_data, tmp_path_factory):
    """The real-data Kazakhstan demo through the CLI (``valuechain demo``), written once."""
    from typer.testing import CliRunner

    from valuechain.cli import app

    out = tmp_path_factory.mktemp("kaz") / "report"
    r = CliRunner().invoke(app, ["demo", "--example", "kazakhstan", "-o", str(out), "--quiet", "--no-png"])
    assert r.exit_code == 0, r.output
    return out
