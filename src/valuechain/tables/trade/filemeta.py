"""What a flows file says about itself: HS revision, unit, provenance (no pandas, no Ibis).

:func:`~valuechain.tables.trade.readers.read_flows` and the one-pass ``valuechain trade``
path (:mod:`valuechain.trade.onepass`) read the same facts from a file's name and its
Parquet key-value metadata (written by ``valuechain data import`` and the synthetic
generator): ``valuechain.hs_revision``, ``valuechain.unit``, ``valuechain.synthetic``,
``valuechain.source`` and ``valuechain.release``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

__all__ = ["normalise_hs", "hs_from_name", "file_facts"]

_HS_RE = re.compile(r"(?:^|[^A-Za-z])H(?:S)?(92|96|02|07|12|17|22|0|1|2|3|4|5|6)(?:[^0-9]|$)", re.IGNORECASE)
_HS_NAMES = {"92": "HS1992", "96": "HS1996", "02": "HS2002", "07": "HS2007", "12": "HS2012", "17": "HS2017", "22": "HS2022",
             "0": "HS1992", "1": "HS1996", "2": "HS2002", "3": "HS2007", "4": "HS2012", "5": "HS2017", "6": "HS2022"}


def normalise_hs(rev: Any) -> str | None:
    """An HS revision name in one spelling (``"H4"``, ``"hs12"``, ``"2012"`` -> ``"HS2012"``).

    Parameters
    ----------
    rev : str, int or None
        The revision as given (BACI's ``H0``-``H6``, two- or four-digit years).

    Returns
    -------
    str or None
        ``"HS<year>"`` for a revision it knows, the upper-cased text otherwise, None for None.

    Examples
    --------
    >>> normalise_hs("H4"), normalise_hs("hs 17"), normalise_hs(2002), normalise_hs("SYNTHETIC")
    ('HS2012', 'HS2017', 'HS2002', 'SYNTHETIC')
    """
    if rev is None:
        return None
    s = str(rev).strip().upper().replace(" ", "")
    m = re.fullmatch(r"(?:HS|H)?(\d{1,4})", s)
    if m:
        d = m.group(1)
        if len(d) == 4:
            return f"HS{d}"
        if d in _HS_NAMES:
            return _HS_NAMES[d]
        return f"HS{d}"
    return s


def hs_from_name(path: str | Path, meta: Mapping[bytes, bytes]) -> str | None:
    """The HS revision a file declares: its metadata's ``valuechain.hs_revision``, else its name.

    Parameters
    ----------
    path : str or Path
        The file (or folder) as given; only its name is read (``BACI_HS17_...`` -> HS2017).
    meta : mapping of bytes to bytes
        Its Parquet key-value metadata (empty for a CSV file).

    Returns
    -------
    str or None
        The revision, or None when neither says.

    Examples
    --------
    >>> hs_from_name("BACI_HS17_Y2020_V202401.csv", {}), hs_from_name("flows.parquet", {b"valuechain.hs_revision": b"H4"})
    ('HS2017', 'HS2012')
    """
    if b"valuechain.hs_revision" in meta:
        return normalise_hs(meta[b"valuechain.hs_revision"].decode())
    m = _HS_RE.search(Path(path).name)
    return _HS_NAMES.get(m.group(1)) if m else None


def file_facts(meta: Mapping[bytes, bytes]) -> dict[str, Any]:
    """Unit, synthetic flag and origin declared in a file's Parquet key-value metadata.

    Parameters
    ----------
    meta : mapping of bytes to bytes
        The metadata (empty for a CSV file).

    Returns
    -------
    dict
        ``unit`` (str or None), ``synthetic`` (bool) and ``origin`` (``"source, release"``
        of an imported download, or ``""``).

    Examples
    --------
    >>> file_facts({b"valuechain.unit": b"thousand USD", b"valuechain.synthetic": b"true"})
    {'unit': 'thousand USD', 'synthetic': True, 'origin': ''}
    """
    return {
        "unit": meta[b"valuechain.unit"].decode() if b"valuechain.unit" in meta else None,
        "synthetic": meta.get(b"valuechain.synthetic", b"").lower() in (b"true", b"1", b"yes"),
        "origin": ", ".join(meta[k].decode() for k in (b"valuechain.source", b"valuechain.release") if k in meta),
    }
