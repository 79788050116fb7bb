"""Fixtures of the report tests: the built-in example report, built once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def example_report(tmp_path_factory):
    """The built-in example demo (no real data needed), written once (with PNGs)."""
    from valuechain.report.demo import run_demo

    out = tmp_path_factory.mktemp("example") / "report"
    res = run_demo(out, kind="example", strict=True)
    return res
