"""Checks of option values shared by the command line and the study file.

One function per kind of value, each raising a one-line
:class:`~valuechain.errors.ValidationError` ``NAME = VALUE is ...; fix`` that names the
option (``--rtol``) or the study key (``study.toml: [io] rtol``). The CLI's option checks and
:mod:`valuechain.report.study_schema` call the same functions, so a value refused on the
command line is refused in a study file too.

Examples
--------
>>> number("--rtol", 1e-6, lo=0)
1e-06
>>> number("--rtol", float("nan"), lo=0)
Traceback (most recent call last):
...
valuechain.errors.ValidationError: --rtol = nan is not a finite number; give a finite number >= 0
>>> year_span("[trade] years", 2000, 2005)
(2000, 2005)
"""

from __future__ import annotations

import math
from typing import Any

from .errors import ValidationError

__all__ = ["number", "whole", "year_span", "YEAR_RANGE", "MAX_YEARS"]

#: calendar years accepted anywhere a year is given (trade data start in 1962, BACI in 1995)
YEAR_RANGE = (1900, 2100)
#: the longest span of years a selection may cover
MAX_YEARS = YEAR_RANGE[1] - YEAR_RANGE[0] + 1


def _bounds(lo, hi, lo_open, hi_open) -> str:
    parts = []
    if lo is not None:
        parts.append(f"{'>' if lo_open else '>='} {lo:g}")
    if hi is not None:
        parts.append(f"{'<' if hi_open else '<='} {hi:g}")
    return " and ".join(parts)


def number(name: str, value: Any, *, lo: float | None = None, hi: float | None = None, lo_open: bool = False,
           hi_open: bool = False) -> float:
    """``value`` as a finite float within the bounds, or a one-line error naming ``name``."""
    want = _bounds(lo, hi, lo_open, hi_open)
    fix = f"give a finite number{' ' + want if want else ''}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(f"{name} = {value!r} is not a number; {fix}")
    v = float(value)
    if not math.isfinite(v):
        raise ValidationError(f"{name} = {value!r} is not a finite number; {fix}")
    if (lo is not None and (v <= lo if lo_open else v < lo)) or (hi is not None and (v >= hi if hi_open else v > hi)):
        raise ValidationError(f"{name} = {value!r} is out of range; {fix}")
    return v


def whole(name: str, value: Any, *, lo: int | None = None, hi: int | None = None) -> int:
    """``value`` as an int within ``[lo, hi]``, or a one-line error naming ``name``."""
    want = _bounds(lo, hi, False, False)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{name} = {value!r} is not a whole number; give a whole number {want}".rstrip())
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValidationError(f"{name} = {value!r} is out of range; give a whole number {want}")
    return int(value)


def year_span(name: str, first: int, last: int) -> tuple[int, int]:
    """A plausible year range: both ends within :data:`YEAR_RANGE`, ``first <= last``."""
    lo, hi = YEAR_RANGE
    for y in (first, last):
        if not lo <= y <= hi:
            raise ValidationError(f"{name}: year {y} is outside {lo}-{hi}; give calendar years such as 2000-2018")
    if last < first:
        raise ValidationError(f"{name}: the year range {first}-{last} ends before it starts; write it as FIRST-LAST, e.g. 2000-2018")
    return first, last
