"""The built-in demo: the report of an example study that needs nothing else.

When the real public data folder is present (``../shared/data`` or ``$VALUECHAIN_DATA``)
the demo is the Kazakhstan study on real data: Kazakhstan's 2022 domestic table from the
OECD ICIO (50 industries), East Kazakhstan regionalized with FLQ on official BNS gross value
added, BACI exports of Kazakhstan and of the BRICS+ peers (see
``valuechain/data/demo_kazakhstan.toml``). Otherwise it is a small example shipped inside
the package: the Germany 1995 table of the Eurostat Manual (transcribed), a synthetic
region, the decompr "leather" inter-country example and a seeded synthetic trade panel,
labelled as such.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from .._data import shared_data_dir
from ..errors import ValidationError
from ._builtins import builtin_names, load_builtin
from .build import build_report
from .build import ReportResult  # annotations
from .study import Study, parse_study

__all__ = ["builtin_names", "load_builtin", "demo_study", "run_demo", "example_study_text"]


def _data_file(name: str) -> Path:
    return Path(str(resources.files("valuechain") / "data" / name))


def example_study_text(kind: str = "auto") -> tuple[str, str]:
    """(study TOML text, kind) of the demo: ``kazakhstan`` with real data, else ``example``.

    Parameters
    ----------
    kind : {"auto", "kazakhstan", "example"}, default "auto"
        Which demo; ``"auto"``: Kazakhstan when the real data folder is found
        (``../shared/data`` or ``$VALUECHAIN_DATA``), else the example shipped with the package.

    Returns
    -------
    tuple of (str, str)
        The study file's TOML text (a starting point for one's own study) and the kind chosen.

    Raises
    ------
    ValidationError
        If ``kind`` is unknown.

    Examples
    --------
    >>> text, kind = example_study_text("example")
    >>> kind, "[io]" in text
    ('example', True)
    >>> example_study_text("germany")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: unknown demo 'germany'; use 'kazakhstan' or 'example'
    """
    if kind == "auto":
        kind = "kazakhstan" if shared_data_dir() is not None else "example"
    if kind not in ("kazakhstan", "example"):
        raise ValidationError(f"unknown demo {kind!r}; use 'kazakhstan' or 'example'")
    fname = "demo_kazakhstan.toml" if kind == "kazakhstan" else "demo_example.toml"
    return _data_file(fname).read_text(encoding="utf-8"), kind


def demo_study(kind: str = "auto") -> Study:
    """The demo's :class:`Study` (Kazakhstan with the real data folder, else the built-in example).

    Parameters
    ----------
    kind : {"auto", "kazakhstan", "example"}, default "auto"
        Which demo (see :func:`example_study_text`).

    Returns
    -------
    Study
        The validated study, its relative paths resolved against the package's data folder.

    Raises
    ------
    ValidationError
        If ``kind`` is unknown.

    Examples
    --------
    >>> s = demo_study("example")
    >>> s.get("io")["table"], s.has("trade")
    ('builtin:germany-1995', True)
    """
    text, kind = example_study_text(kind)
    return parse_study(text, path=_data_file(f"demo_{kind}.toml"))


def run_demo(outdir: str | os.PathLike, *, kind: str = "auto", **kw: Any) -> ReportResult:
    """Build the demo report into ``outdir`` (see :func:`valuechain.report.build.build_report`).

    Parameters
    ----------
    outdir : str or path-like
        The report folder (created; other files in it are left alone).
    kind : {"auto", "kazakhstan", "example"}
        ``"kazakhstan"``: the Kazakhstan study on the real public data folder
        (``../shared/data`` or ``$VALUECHAIN_DATA``); ``"example"``: the small example
        shipped inside the package (Germany 1995 table of the Eurostat Manual, a
        synthetic region and trade panel, the decompr "leather" inter-country example,
        labelled as such); ``"auto"`` (default): Kazakhstan when the data folder is found,
        else the example.
    **kw
        Passed to :func:`~valuechain.build_report` (``keep_going``, ``png``, ``progress``,
        ``stata``).

    Returns
    -------
    ReportResult
        The folder, the files written and the status of every section.

    Raises
    ------
    ValidationError
        If ``kind`` is unknown, and as :func:`~valuechain.build_report`.

    References
    ----------
    .. [1] Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*. Office
       for Official Publications of the European Communities, Luxembourg, ch. 15, Table
       15.4 (the Germany 1995 table of the built-in example).

    .. [2] Quast, B. and Kummritz, V. (2015). decompr: Global value chain decomposition in
       R. CTEI Working Paper 2015-01, Graduate Institute, Geneva (the "leather" example).

    Examples
    --------
    The built-in example takes about 30 s (it computes every section), so it is not run
    with the doctests:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:                  # doctest: +SKIP
    ...     r = run_demo(out, kind="example", png=False)
    ...     print(r.ok, sum(status == "ok" for _, _, status in r.sections))
    True 8

    >>> run_demo("out", kind="nope")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: unknown demo 'nope'; use 'kazakhstan' or 'example'
    """
    return build_report(demo_study(kind), outdir, **kw)
