"""Monte Carlo options of the CLI (valuechain.cli._montecarlo): options → settings."""

from __future__ import annotations

import pytest

from valuechain.cli._montecarlo import report_draws, settings
from valuechain.errors import ValidationError
from valuechain.leontief import Uncertainty


def test_no_draws_no_settings():
    assert settings(None, 0, 0.0) is None


@pytest.mark.parametrize("kw", [dict(coef_cv=0.1), dict(delta_range=(0.1, 0.3)), dict(measure_cv=0.2)])
def test_error_options_without_draws_are_refused_with_the_fix(kw):
    args = dict(draws=None, seed=0, coef_cv=0.0) | kw
    with pytest.raises(ValidationError, match=r"give --draws N too"):
        settings(**args)


def test_options_become_an_uncertainty():
    u = settings(500, 7, 0.1, "NORMAL", (0.1, 0.4), 0.05)
    assert isinstance(u, Uncertainty)
    assert (u.draws, u.seed, u.coef_cv, u.coef_dist, u.delta_range, u.measure_cv) == (500, 7, 0.1, "normal", (0.1, 0.4), 0.05)


def test_report_draws_is_one_plain_line():
    class Console:
        def __init__(self):
            self.out = []

        def print(self, text, **kw):
            self.out.append((text, kw))

    class Res:
        uncertainty = Uncertainty(draws=10, seed=1, coef_cv=0.1)
        rejected = 3

    c = Console()
    report_draws(c, Res())
    (text, kw), = c.out
    assert text.startswith("Monte Carlo: ") and text.endswith("; 3 non-productive draws rejected and redrawn")
    assert kw == {"highlight": False, "markup": False}
