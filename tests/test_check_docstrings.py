"""The docstring checker of docs/_scripts/check_docstrings.py on hand-written docstrings."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "docs" / "_scripts"


def _checker():
    sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location("check_docstrings", SCRIPTS / "check_docstrings.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def good(table, delta=0.3):
    """Flegg's location quotient.

    Parameters
    ----------
    table, delta : object
        Inputs.

    Returns
    -------
    float

    References
    ----------
    .. [1] Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995).

    Examples
    --------
    >>> good(1)
    1
    """
    return table


def bad(table, delta=0.3):
    """Flegg et al. (1995) location quotient.

    Parameters
    ----------
    table : object
        Input.
    """
    return table


def nothing_returned(x) -> None:
    """Do it.

    Parameters
    ----------
    x : int
        Input.

    Examples
    --------
    >>> nothing_returned(1)
    """


class Fitter:
    """A fitter.

    Parameters
    ----------
    k : int
        Number.

    Examples
    --------
    >>> Fitter(1).k
    1
    """

    __module__ = "valuechain.fake"

    def __init__(self, k):
        self.k = k


Fitter.__init__.__module__ = "valuechain.fake"


def test_rules_on_hand_written_docstrings():
    c = _checker()
    assert c.check(good) == []
    # no Returns, no Examples, cites a paper without References, delta undocumented
    assert c.check(bad) == ["Returns", "Examples", "References", "params"]
    assert c.check(nothing_returned) == []
    assert c.check(Fitter) == []
    assert c.documented_params("    a, b : int\n        x\n    c : str\n") == {"a", "b", "c"}


def test_runs_on_the_package_and_counts(capsys):
    c = _checker()
    assert c.main(["--summary"]) == 0
    out = capsys.readouterr().out
    assert "public functions and classes pass" in out and "gaps by rule" in out
