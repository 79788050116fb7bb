"""Provenance sidecars: ``valuechain.json`` written by ``valuechain data import`` beside the
files it converts (source, release, licence, the original download and its SHA-256).

Readers at any layer look it up with :func:`read_sidecar` / :func:`sidecar_source` so
that a table or panel built from an imported download names its source and release, and
every result and output built from it carries that name.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

__all__ = ["SIDECAR", "read_sidecar", "sidecar_source"]

#: the sidecar's file name (in the folder of the imported files, or the imported folder itself)
SIDECAR = "valuechain.json"


def read_sidecar(path: str | os.PathLike) -> dict:
    """The sidecar of ``path`` (a file: its folder's; a folder: its own), or ``{}``.

    Parameters
    ----------
    path : path
        An imported file or folder.

    Returns
    -------
    dict
        The sidecar's content; ``{}`` when there is none or it is not valid JSON.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "valuechain.json").write_text(json.dumps({"source": "OECD ICIO", "release": "2023 edition"}))
    >>> read_sidecar(d / "ICIO2023_2019.csv")["release"]
    '2023 edition'
    """
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    f = folder / SIDECAR
    if not f.is_file():
        return {}
    try:
        doc = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def sidecar_source(path: str | os.PathLike) -> str | None:
    """``"<source>, <release> (<original file>)"`` from the sidecar of ``path``, or None.

    Parameters
    ----------
    path : path
        An imported file or folder.

    Returns
    -------
    str or None

    Examples
    --------
    >>> import tempfile, pathlib
    >>> sidecar_source(pathlib.Path(tempfile.mkdtemp()) / "x.csv") is None
    True
    """
    doc = read_sidecar(path)
    if not doc.get("source"):
        return None
    s = str(doc["source"])
    if doc.get("release"):
        s += f", release {doc['release']}"
    if doc.get("original"):
        s += f" (imported from {doc['original']})"
    return s
