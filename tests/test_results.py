"""The result convention (valuechain.results): the short repr, the compact HTML, check(rtol=)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from valuechain.results import REPR_LINES, ResultMixin, apply_rtol, identity_row


@dataclass(frozen=True, eq=False)
class _Many(ResultMixin):
    table: pd.DataFrame
    flags: tuple = ()
    gap: float = 0.0
    title = "Many lines"

    def _summary_lines(self):
        return [f"line {i}" for i in range(30)]

    def _identity_rows(self):
        return [identity_row("a = b", self.gap, scale=10.0, rtol=1e-6)]


def _many(**kw):
    return _Many(pd.DataFrame({"label": ["</script><b>x</b>", "=HYPERLINK(\"a\")"] * 20, "v": np.arange(40.0)}), **kw)


def test_repr_is_short_keeps_the_flags_and_says_whether_identities_hold():
    r = _many(flags=("synthetic",))
    lines = repr(r).splitlines()
    assert len(lines) == REPR_LINES
    assert lines[0] == "Many lines: 40 rows"
    assert "more lines" in lines[-3] and lines[-2] == "flags: synthetic"
    assert lines[-1] == "<_Many: identities hold>"
    assert "1 of 1 identity rows FAIL" in repr(_many(gap=1.0)).splitlines()[-1]
    assert len(str(r).splitlines()) == 32  # the full summary: title, 30 lines, flags


def test_dataclass_repr_is_replaced_by_the_base():
    assert _Many.__repr__ is ResultMixin.__repr__
    assert "label" not in repr(_many())  # no table printed


def test_html_is_compact_and_escaped():
    page = _many()._repr_html_()
    assert page.count("<tr") == 11  # header + 10 rows
    assert "first 10 of 40 rows" in page
    assert "</script><b>" not in page and "&lt;/script&gt;" in page


def test_check_rtol_reevaluates_ok():
    r = _many(gap=1e-4)  # rel_error 1e-5
    assert not r.check()["ok"].iloc[0]  # built with rtol 1e-6
    assert r.check(rtol=1e-4)["ok"].iloc[0]
    assert r.identities_hold(rtol=1e-4) and not r.identities_hold()
    t = pd.DataFrame([identity_row("nan", float("nan"))])
    assert not apply_rtol(t, 1.0)["ok"].iloc[0]
    assert apply_rtol(t, None) is t
