"""Value checks of the study file, through the same validators as the command line.

:mod:`valuechain.report.study` parses the TOML and coerces each key to its kind;
:func:`check_study` then runs every number through :mod:`valuechain._validators` (the
functions behind the CLI's option checks): floats must be finite (TOML allows ``nan`` and
``inf``), and the keys of :data:`RANGES` must lie in their range. Year selections go through
:func:`coerce_years` before any list of years is built: both ends plausible
(:data:`valuechain._validators.YEAR_RANGE`), and a list must be every year of its range
(the sections analyse one range; ``[2000, 2005]`` does not mean 2000-2005). Each error is
one line naming the file and the key::

    study.toml: [trade] gdp_scale = -1.0 is out of range; give a finite number > 0
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from .._validators import YEAR_RANGE, number, whole, year_span
from ..errors import ValidationError

__all__ = ["RANGES", "check_study", "coerce_years", "study_input_paths"]

#: (section, key) -> bounds of :func:`valuechain._validators.number` / ``whole``
RANGES: dict[tuple[str, str], dict[str, Any]] = {
    ("io", "rtol"): dict(lo=0),
    ("io", "cv"): dict(lo=0),
    ("regional", "delta"): dict(lo=0, hi=1, lo_open=True, hi_open=True),
    ("regional", "year"): dict(lo=0, hi=YEAR_RANGE[1]),
    ("clusters", "threshold"): dict(lo=0, hi=1, lo_open=True, hi_open=True),
    ("clusters", "max_factors"): dict(lo=0, hi=1000),
    ("trade", "gdp_scale"): dict(lo=0, lo_open=True),
    ("trade", "top"): dict(lo=1, hi=10_000),
    ("survival", "merge_gaps"): dict(lo=0, hi=YEAR_RANGE[1] - YEAR_RANGE[0]),
    ("peers", "year"): dict(lo=0, hi=YEAR_RANGE[1]),
    ("opportunities", "year"): dict(lo=YEAR_RANGE[0], hi=YEAR_RANGE[1]),
    ("opportunities", "weight"): dict(lo=0, hi=1),
    ("opportunities", "top"): dict(lo=1, hi=10_000),
    ("impact", "top"): dict(lo=1, hi=10_000),
    ("uncertainty", "draws"): dict(lo=2, hi=100_000),
    ("uncertainty", "coef_cv"): dict(lo=0, hi=1, hi_open=True),
}


def _name(where: str, section: str, key: str) -> str:
    return f"{where}: [{section}] {key}"


def coerce_years(value: Any, *, where: str, section: str, key: str) -> list[int]:
    """A study's year selection (``"2000-2018"``, ``2018`` or a list of every year of a range)
    as the list of its years, refused when implausible or a list with gaps.

    Parameters
    ----------
    value : str, int or list of int
        The value of the key in the study file: a range ``"2000-2018"`` (an en dash works too),
        one year, or a list of every year of one range (in any order, repeats allowed).
    where : str
        The study file, named in errors.
    section : str
        The study section of the key (``trade``), named in errors.
    key : str
        The key (``years``), named in errors.

    Returns
    -------
    list of int
        The years, ascending and consecutive.

    Raises
    ------
    ValidationError
        Not a year, a range or a list of years; an end outside
        :data:`valuechain._validators.YEAR_RANGE`; a range that runs backwards; a list with gaps.

    Examples
    --------
    >>> coerce_years("2019-2021", where="study.toml", section="trade", key="years")
    [2019, 2020, 2021]
    >>> coerce_years([2021, 2019, 2020], where="study.toml", section="trade", key="years")
    [2019, 2020, 2021]
    >>> coerce_years([2000, 2005], where="study.toml", section="trade", key="years")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: study.toml: [trade] years = [2000, 2005] is a list of years with gaps, but the section analyses one range; write years = "2000-2005" for the range (or list every year of it)
    """
    name = _name(where, section, key)
    if isinstance(value, str):
        parts = value.replace("–", "-").split("-")
        try:
            a, b = (int(parts[0]), int(parts[-1])) if len(parts) in (1, 2) else (None, None)
        except ValueError:
            a = b = None
        if a is None or b is None:
            raise ValidationError(f"{name} = {value!r} is not a year range; write e.g. {key} = \"2000-2018\"")
        a, b = year_span(name, a, b)
        return list(range(a, b + 1))
    if isinstance(value, int) and not isinstance(value, bool):
        year_span(name, value, value)
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        ys = sorted(set(value))
        year_span(name, ys[0], ys[-1])
        if len(ys) != ys[-1] - ys[0] + 1:
            raise ValidationError(f"{name} = {value!r} is a list of years with gaps, but the section analyses one range; "
                                  f"write {key} = \"{ys[0]}-{ys[-1]}\" for the range (or list every year of it)")
        return ys
    raise ValidationError(f"{name} = {value!r} is not a list of years or a range; write e.g. {key} = \"2000-2018\"")


def check_study(where: str, sections: Mapping[str, Mapping[str, Any]], schema: Mapping[str, Mapping[str, tuple]]) -> None:
    """Every float of the study finite, every key of :data:`RANGES` in its range (one line naming the key).

    Parameters
    ----------
    where : str
        The study file, named in errors.
    sections : Mapping of str to Mapping of str to Any
        The parsed study: section -> key -> value (already coerced to each key's kind).
    schema : Mapping of str to Mapping of str to tuple
        Section -> key -> ``(kind, ...)``; the kind (``float``, ``int``, ``list[float]``,
        ``str|float`` ...) decides which check runs
        (:data:`valuechain.report.study.STUDY_SCHEMA`).

    Raises
    ------
    ValidationError
        A float that is NaN or infinite, or a key of :data:`RANGES` outside its range.

    Examples
    --------
    >>> schema = {"trade": {"gdp_scale": ("float",), "top": ("int",)}}
    >>> check_study("study.toml", {"trade": {"gdp_scale": 1.0, "top": 10}}, schema)
    >>> check_study("study.toml", {"trade": {"gdp_scale": float("nan")}}, schema)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: study.toml: [trade] gdp_scale = nan ...
    >>> check_study("study.toml", {"trade": {"gdp_scale": -1.0}}, schema)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: study.toml: [trade] gdp_scale = -1.0 ...
    """
    for section, body in sections.items():
        kinds = schema.get(section, {})
        for key, value in body.items():
            kind = kinds.get(key, ("",))[0]
            name = _name(where, section, key)
            bounds = RANGES.get((section, key), {})
            if kind == "float" or (kind == "str|float" and not isinstance(value, str)):
                number(name, value, **bounds)
            elif kind == "list[float]":
                for v in value:
                    number(name, v, **bounds)
            elif kind == "int" and bounds:
                whole(name, value, **{k: v for k, v in bounds.items() if k in ("lo", "hi")})
            if kind == "int" and section in ("regional", "peers") and key == "year" and value:
                year_span(name, value, value)


def study_input_paths(sections: Mapping[str, Mapping[str, Any]]) -> list[Path]:
    """Every file or folder a study reads (its path values), for the outputs-never-touch-inputs check.

    Parameters
    ----------
    sections : Mapping of str to Mapping of str to Any
        The parsed study: section -> key -> value (paths already resolved to :class:`~pathlib.Path`).

    Returns
    -------
    list of Path
        Every :class:`~pathlib.Path` value, lists included, in the order of the study.

    Examples
    --------
    >>> study_input_paths({"io": {"table": Path("t.csv"), "rtol": 1e-6},
    ...                    "trade": {"panels": [Path("a.parquet"), Path("b.parquet")]}})
    [PosixPath('t.csv'), PosixPath('a.parquet'), PosixPath('b.parquet')]
    """
    out: list[Path] = []
    for body in sections.values():
        for value in body.values():
            for v in (value if isinstance(value, list) else [value]):
                if isinstance(v, Path):
                    out.append(v)
    return out
