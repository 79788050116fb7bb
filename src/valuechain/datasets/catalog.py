"""The data folder: what is in it (from each ``PROVENANCE.md``) and whether it changed.

The data folder is ``$VALUECHAIN_DATA`` when set, else ``shared/data`` found as
:func:`valuechain._data.shared_data_dir` finds it (beside the current folder or a parent). Each dataset is one sub-folder
with a ``PROVENANCE.md`` written by whoever fetched it (source, release, licence, units:
free text). :func:`list_datasets` reads those files; :func:`record_manifest` writes the
SHA-256 of every file once, and :func:`verify_manifest` checks the folder against it
(changed or missing files fail; files added since are listed).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import DataNotFoundError, ValidationError

__all__ = ["data_folder", "DatasetInfo", "parse_provenance", "list_datasets", "datasets_frame", "file_hashes", "record_manifest",
           "verify_manifest", "MANIFEST_NAME"]

#: default name of the manifest of content hashes (in the data folder, unless a path is given)
MANIFEST_NAME = "valuechain-manifest.json"
_NOT_STATED = "not stated"


def data_folder(path: str | os.PathLike | None = None) -> Path:
    """The data folder: ``path``, else ``$VALUECHAIN_DATA``, else ``shared/data`` found upwards.

    Parameters
    ----------
    path : path, optional
        An explicit folder.

    Returns
    -------
    Path
        The folder (it exists).

    Raises
    ------
    DataNotFoundError
        When no folder is found.

    Examples
    --------
    >>> import tempfile
    >>> data_folder(tempfile.gettempdir()).is_dir()
    True
    """
    if path is not None:
        p = Path(path)
        if not p.is_dir():
            raise DataNotFoundError(f"data folder not found: {p}; give an existing folder (or set VALUECHAIN_DATA)")
        return p
    env = os.environ.get("VALUECHAIN_DATA")
    if env:
        return data_folder(env)
    from .._data import shared_data_dir  # the same lookup as every other reader of shared/data

    found = shared_data_dir()
    if found is not None:
        return found
    raise DataNotFoundError("no data folder found; set VALUECHAIN_DATA to the folder of datasets or pass --data FOLDER")


@dataclass(frozen=True)
class DatasetInfo:
    """One dataset of the data folder, as its ``PROVENANCE.md`` describes it.

    Attributes
    ----------
    name : str
        The folder name.
    title : str
        The first heading of the provenance file.
    source, release, licence, units : str
        The first sentence of the provenance file about each (``"not stated"`` when
        the file does not say).
    files : int
        Number of data files (the provenance file excluded).
    bytes : int
        Their total size.

    Examples
    --------
    >>> DatasetInfo("baci", "BACI", "CEPII", "V202501", "Etalab 2.0", "thousand USD").units
    'thousand USD'
    """

    name: str
    title: str
    source: str
    release: str
    licence: str
    units: str
    files: int = 0
    bytes: int = 0
    extra: dict = field(default_factory=dict, compare=False, repr=False)


_MD = re.compile(r"[*`]+|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_HEADER_WORDS = {"file", "files", "contents", "content", "units", "unit", "rows", "columns", "what", "folder", "notes"}


def _clean(text: str, limit: int = 220) -> str:
    s = _MD.sub("", text)
    s = re.sub(r"^\s*[-|#>]+\s*", "", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = " ".join(s.replace("|", " ").split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _first(lines: list[str], pattern: str, *, strip_label: str | None = None) -> str:
    rx = re.compile(pattern, re.IGNORECASE)
    for ln in lines:
        if rx.search(ln):
            s = ln
            if strip_label:
                s = re.sub(strip_label, "", s, count=1, flags=re.IGNORECASE)
            s = _clean(s)
            if s and not set(s.lower().split()) <= _HEADER_WORDS:  # not a table's header row
                return s
    return _NOT_STATED


def parse_provenance(text: str, name: str = "") -> DatasetInfo:
    """Read source, release, licence and units out of a free-text ``PROVENANCE.md``.

    The first line mentioning each is kept (its leading label such as ``- Source:``
    removed, Markdown dropped, at most 220 characters): *source* — a line with
    "source"; *release* — a line with "release", "edition", "version", "vintage" or a
    commit; *licence* — "licence"/"license"; *units* — "unit(s)", else a line naming a
    currency or "persons"/"tonnes". What the file does not say is ``"not stated"``.

    Parameters
    ----------
    text : str
        The provenance file's text.
    name : str
        The dataset's folder name.

    Returns
    -------
    DatasetInfo

    Examples
    --------
    >>> info = parse_provenance("# Trade\\n- Source: CEPII BACI, release V202501.\\n- License: Etalab 2.0\\n"
    ...                         "- Units: thousand USD\\n", "baci")
    >>> info.source, info.licence, info.units
    ('CEPII BACI, release V202501.', 'Etalab 2.0', 'thousand USD')
    >>> info.release
    'CEPII BACI, release V202501.'
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    title = next((_clean(ln[2:]) for ln in lines if ln.startswith("# ")), name)
    body = [ln for ln in lines if not ln.startswith("# ")]
    label = r"^\W*(source(s)?( repo)?|licen[cs]e( / terms)?|units?|release)\W*[:.]?\W*"
    source = _first(body, r"\bsource", strip_label=label)
    release = _first(body, r"\b(release|edition|version|vintage|commit)\b", strip_label=label)
    licence = _first(body, r"licen[cs]e", strip_label=label)
    units = _first(body, r"\bunits?\b", strip_label=label)
    if units == _NOT_STATED:
        units = _first(body, r"\b(USD|EUR|AUD|GBP|£|KZT|persons|tonnes|tons)\b")
    return DatasetInfo(name=name, title=title, source=source, release=release, licence=licence, units=units)


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".") and p.name != MANIFEST_NAME)


def list_datasets(path: str | os.PathLike | None = None) -> list[DatasetInfo]:
    """Every dataset (sub-folder) of the data folder with what its ``PROVENANCE.md`` says.

    Parameters
    ----------
    path : path, optional
        The data folder (default: :func:`data_folder`).

    Returns
    -------
    list of DatasetInfo
        Sorted by name; a folder without ``PROVENANCE.md`` is listed with every field
        ``"not stated"`` (``extra["provenance"] = False``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "x").mkdir(); _ = (d / "x" / "PROVENANCE.md").write_text("# X\\n- Units: persons\\n")
    >>> [(i.name, i.units) for i in list_datasets(d)]
    [('x', 'persons')]
    """
    root = data_folder(path)
    out = []
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        prov = sub / "PROVENANCE.md"
        files = [f for f in _data_files(sub) if f.name != "PROVENANCE.md"]
        size = sum(f.stat().st_size for f in files)
        if prov.is_file():
            info = parse_provenance(prov.read_text(encoding="utf-8", errors="replace"), sub.name)
            extra = {"provenance": True}
        else:
            info = DatasetInfo(sub.name, sub.name, _NOT_STATED, _NOT_STATED, _NOT_STATED, _NOT_STATED)
            extra = {"provenance": False}
        out.append(DatasetInfo(info.name, info.title, info.source, info.release, info.licence, info.units,
                               files=len(files), bytes=size, extra=extra))
    return out


def datasets_frame(infos: list[DatasetInfo]) -> pd.DataFrame:
    """The datasets as a table (one row each).

    Parameters
    ----------
    infos : list of DatasetInfo
        From :func:`list_datasets`.

    Returns
    -------
    DataFrame
        Columns ``dataset, title, source, release, licence, units, files, bytes``.

    Examples
    --------
    >>> datasets_frame([DatasetInfo("x", "X", "s", "r", "l", "u", files=1, bytes=10)])["units"].tolist()
    ['u']
    """
    return pd.DataFrame([{"dataset": i.name, "title": i.title, "source": i.source, "release": i.release,
                          "licence": i.licence, "units": i.units, "files": i.files, "bytes": i.bytes} for i in infos])


def file_hashes(path: str | os.PathLike | None = None) -> dict[str, str]:
    """SHA-256 of every file of the data folder (relative POSIX path → hex digest).

    Parameters
    ----------
    path : path, optional
        The data folder (default: :func:`data_folder`).

    Returns
    -------
    dict
        Hidden files and the manifest itself are left out.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.csv").write_text("abc")
    >>> file_hashes(d)["a.csv"][:16]
    'ba7816bf8f01cfea'
    """
    root = data_folder(path)
    out = {}
    for f in _data_files(root):
        h = hashlib.sha256()
        with open(f, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        out[f.relative_to(root).as_posix()] = h.hexdigest()
    return out


def record_manifest(path: str | os.PathLike | None = None, manifest: str | os.PathLike | None = None) -> Path:
    """Write the manifest of content hashes of the data folder (once; later runs verify).

    Parameters
    ----------
    path : path, optional
        The data folder.
    manifest : path, optional
        Where to write it (default ``<data folder>/valuechain-manifest.json``).

    Returns
    -------
    Path
        The manifest written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.csv").write_text("abc")
    >>> record_manifest(d).name
    'valuechain-manifest.json'
    """
    from .._files import write_text

    root = data_folder(path)
    target = Path(manifest) if manifest is not None else root / MANIFEST_NAME
    doc = {"algorithm": "sha256", "files": file_hashes(root)}
    write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", target)
    return target


def verify_manifest(path: str | os.PathLike | None = None, manifest: str | os.PathLike | None = None) -> pd.DataFrame:
    """Check the data folder against its manifest.

    Parameters
    ----------
    path : path, optional
        The data folder.
    manifest : path, optional
        The manifest (default ``<data folder>/valuechain-manifest.json``).

    Returns
    -------
    DataFrame
        One row per file: ``file``, ``status`` (``ok``, ``changed``, ``missing`` or
        ``new`` — added since the manifest was recorded).

    Raises
    ------
    DataNotFoundError
        When there is no manifest.
    ValidationError
        When the manifest is not one this function wrote.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.csv").write_text("abc")
    >>> _ = record_manifest(d); _ = (d / "a.csv").write_text("abd")
    >>> verify_manifest(d)["status"].tolist()
    ['changed']
    """
    root = data_folder(path)
    target = Path(manifest) if manifest is not None else root / MANIFEST_NAME
    if not target.is_file():
        raise DataNotFoundError(f"no manifest at {target}; record one first with valuechain data verify --record")
    try:
        doc = json.loads(target.read_text(encoding="utf-8"))
        recorded = dict(doc["files"])
    except (ValueError, KeyError, TypeError):
        raise ValidationError(f"{target} is not a valuechain manifest; record it again with valuechain data verify --record") from None
    now = file_hashes(root)
    rows = []
    for f in sorted(set(recorded) | set(now)):
        if f not in now:
            st = "missing"
        elif f not in recorded:
            st = "new"
        else:
            st = "ok" if now[f] == recorded[f] else "changed"
        rows.append({"file": f, "status": st})
    return pd.DataFrame(rows, columns=["file", "status"])
