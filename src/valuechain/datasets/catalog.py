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

__all__ = ["data_folder", "DatasetInfo", "PROVENANCE_FIELDS", "parse_provenance", "list_datasets", "datasets_frame", "file_hashes", "record_manifest",
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
    from .._data import shared_data_dir  # the same lookup as every other reader of shared/data

    found = shared_data_dir()
    if found is not None:
        return found
    raise DataNotFoundError("no data folder found (VALUECHAIN_DATA unset or not a folder, no ../shared/data); "
                            "set VALUECHAIN_DATA to the folder of datasets or pass --data FOLDER")


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
_LIMIT = 200

#: the fields read from every PROVENANCE.md, and the labels that state each (``- Source: ...``,
#: ``**Source.** ...``, ``- **Where we got it:** ...``, ``- License / terms: ...``)
PROVENANCE_FIELDS: dict[str, tuple[str, ...]] = {
    "source": ("source", "sources", "source repo", "data source", "publisher", "where we got it", "origin", "provider"),
    "release": ("release", "edition", "version", "vintage", "commit", "snapshot"),
    "licence": ("licence", "license", "licence / terms", "license / terms", "terms", "terms of use", "rights"),
    "units": ("unit", "units"),
}
#: blocks about checks and uses, whose figures are not the data's units
_SKIP_BLOCKS = ("verified", "checks", "check", "use", "uses", "expected", "enables", "notes", "what was done")
_LABEL = re.compile(r"^\W*((?:[A-Za-z]+(?: / | )?){1,4}?)\s*(?:[:.])(?:\*\*|\s|$)")

#: phrases naming a licence or terms of use, wherever they are written
_LICENCES = re.compile(
    r"\b(MIT|GPL-?\d(?:\.\d)?|LGPL-?\d(?:\.\d)?|CC0|CC[ -]BY(?:[ -](?:SA|NC|ND))*(?: \d\.\d)?(?: IGO)?|Etalab(?: Open Licen[cs]e)? ?\d\.\d|"
    r"Apache(?: License)? ?\d\.\d|BSD(?:-\d-Clause)?|public domain|no licen[cs]e(?: file)?|open licen[cs]e|"
    r"(?:ADB|OECD|UN|World Bank|Eurostat|IMF)(?:'s)? terms(?: of use| and conditions)?|Terms of Use|reusable with attribution)\b",
    re.IGNORECASE)
#: phrases naming a data release (the vintage of the data), then a package version, then a commit
_RELEASES = (
    re.compile(r"\b(V20\d{4}[a-z]?)\b"),
    re.compile(r"\b((?:19|20)\d\d (?:release|edition))\b", re.IGNORECASE),
    re.compile(r"\b((?:release|edition|vintage) (?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b((?:CRAN|PyPI|R package|package)\s+\W?[\w.-]+\W?\s+v?\d+(?:\.\d+)+)", re.IGNORECASE),
    re.compile(r"\b((?:version|v)\s?\d+\.\d+(?:\.\d+)?)\b", re.IGNORECASE),
    re.compile(r"\b((?:commit|HEAD):?\s+[0-9a-f]{7,40})\b", re.IGNORECASE),
)
#: phrases naming a unit of the data
_UNITS = re.compile(  # not after a number ("66.8 bn USD" is a figure, not a unit) nor inside a file name
    r"(?<![0-9] )(?<![0-9A-Za-z_])((?:(?:thousand|million|billion|mln|bn|tn)\s+)?(?:current\s+|constant\s+)?(?:USD|US dollars?|EUR|KZT|HRK|AUD|GBP)"
    r"(?:\s+(?:thousand|million|billion))?(?:,? current prices)?|(?:thousand\s+)?persons(?: 1000)?|metric tons|tonnes|tons|[£€$] ?(?:thousand|million|billion|bn|m))(?![A-Za-z_])",
    re.IGNORECASE)


def _clean(text: str, limit: int = _LIMIT) -> str:
    s = _MD.sub("", text)
    s = re.sub(r"^\s*[-|#>]+\s*", "", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = " ".join(s.replace("|", " ").split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _blocks(lines: list[str]) -> list[str]:
    """The statements of a provenance file: a bullet, a table row, a heading or a paragraph,
    with its continuation lines (indented lines under a bullet, the lines of a paragraph)."""
    out: list[str] = []
    cur: list[str] = []
    for ln in lines + [""]:
        starts = bool(re.match(r"^\s*([-*+]\s|\||#|\*\*[A-Z])", ln))
        if not ln.strip() or starts:
            if cur:
                out.append(" ".join(x.strip() for x in cur))
            cur = [ln] if ln.strip() else []
        else:
            cur.append(ln)
    return out


def _label(block: str) -> tuple[str, str]:
    """(label in lower case, the text after it) of a labelled statement, else ("", block)."""
    plain = _MD.sub("", block)
    plain = re.sub(r"^\s*[-*+>#]+\s*", "", plain)
    m = _LABEL.match(plain)
    if not m:
        return "", plain
    return " ".join(m.group(1).lower().split()), plain[m.end():].strip()


def _first_sentence(text: str) -> str:
    parts = re.split(r"(?<=[a-z0-9)\]'\"]{3}[.;])\s+(?=[A-Z(])", text.strip(), maxsplit=1)
    return _clean(parts[0])


def _phrases(rx: re.Pattern, text: str, most: int = 3) -> list[str]:
    """The distinct phrases ``rx`` finds in ``text``, in order (one contained in another counted once)."""
    out: list[str] = []
    for m in rx.finditer(text):
        ph = " ".join(m.group(1).split())
        low = ph.lower()
        if any(low in o.lower() for o in out):
            continue
        out = [o for o in out if o.lower() not in low]  # a longer phrase replaces the shorter one
        out.append(ph)
    return out[:most]


def parse_provenance(text: str, name: str = "") -> DatasetInfo:
    """Read the fields of :data:`PROVENANCE_FIELDS` (source, release, licence, units) out of a
    ``PROVENANCE.md``.

    Each field is read the same way, from the most explicit statement to the least:

    1. a **labelled statement**: a bullet, bold lead-in or line starting with one of the
       field's labels (``- Source: …``, ``**Source.** …``, ``- **Where we got it:** …``,
       ``**Publisher.** …``, ``- License / terms: …``, ``- Commit: …``, ``- Units: …``),
       with its continuation lines;
    2. else **phrases** found anywhere in the title and the description (blocks about checks
       and uses are left out): a licence name (MIT, GPL-3, CC0, CC BY 4.0, Etalab 2.0,
       "no licence file", "OECD terms" …); a release (a BACI-style version ``V202501``,
       "2025 edition", a package version, a commit); units (currencies with their scale,
       persons, tonnes), taken from the tables' ``unit`` columns too.

    A source is the labelled statement's first sentence; a licence the licence names of its
    labelled statement (else its first sentence); a release the data's vintage and the
    copy's version or commit (at most two); units every distinct unit named (at most
    three). Every value is one line of at most 200 characters without Markdown; a field the
    file does not state is ``"not stated"``.

    Parameters
    ----------
    text : str
        The provenance file's text.
    name : str
        The dataset's folder name.

    Returns
    -------
    DatasetInfo
        The fields (``files`` and ``bytes`` are 0: :func:`list_datasets` counts them).

    Examples
    --------
    >>> info = parse_provenance("# Trade, BACI V202501\\n- Source: CEPII BACI (Gaulier & Zignago 2010). Yearly files.\\n"
    ...                         "- License: Etalab 2.0\\n- Values in thousand USD, quantities in tonnes.\\n", "baci")
    >>> info.source, info.release, info.licence, info.units
    ('CEPII BACI (Gaulier & Zignago 2010).', 'V202501', 'Etalab 2.0', 'thousand USD; tonnes')
    >>> parse_provenance("# A folder\\nSome rows.\\n").licence
    'not stated'

    References
    ----------
    Gaulier, G. and Zignago, S. (2010). BACI: International Trade Database at the Product-Level.
    CEPII Working Paper 2010-23 (the example's source).
    """
    lines = text.splitlines()
    title = next((_clean(ln[2:]) for ln in lines if ln.startswith("# ")), name)
    blocks = [b for b in _blocks([ln for ln in lines if not ln.startswith("# ")]) if b.strip()]
    labelled: dict[str, list[str]] = {f: [] for f in PROVENANCE_FIELDS}
    described: list[str] = [title]
    for b in blocks:
        lab, rest = _label(b)
        if lab in _SKIP_BLOCKS:
            continue
        described.append(b)
        for f, names in PROVENANCE_FIELDS.items():
            if lab in names and rest:
                labelled[f].append(f"{lab} {rest}" if lab in ("commit", "snapshot") else rest)  # "commit 5a2f…" keeps its word
    body = "\n".join(_MD.sub("", d) for d in described)
    out: dict[str, str] = {}
    # source: the first labelled statement
    out["source"] = _first_sentence(labelled["source"][0]) if labelled["source"] else _NOT_STATED
    # licence: the licence names of the labelled statement, else of the whole description
    lic = labelled["licence"]
    names = _phrases(_LICENCES, " ".join(lic)) if lic else []
    if not names and lic:
        out["licence"] = _first_sentence(lic[0])
    else:
        names = names or _phrases(_LICENCES, body)
        out["licence"] = "; ".join(names) if names else _NOT_STATED
    # release: the data's vintage, then the copy's version or commit
    found: list[str] = []
    stated = " ".join(labelled["release"])
    for rx in _RELEASES:  # the data's vintage first, then the copy's version, then its commit
        hits = _phrases(rx, stated, most=1) or _phrases(rx, body, most=1)
        for ph in hits:
            ph = re.sub(r"\b([0-9a-f]{12})[0-9a-f]{13,28}\b", r"\1", ph)  # a commit by its first 12 digits
            if not any(ph.lower() in x.lower() or x.lower() in ph.lower() for x in found):
                found.append(ph)
    if not found and labelled["release"]:
        found = [_first_sentence(labelled["release"][0])]
    out["release"] = _clean("; ".join(found[:2])) if found else _NOT_STATED
    # units: a labelled statement, else the units named in the description
    if labelled["units"]:
        out["units"] = _first_sentence(labelled["units"][0])
    else:
        us = _phrases(_UNITS, body)
        out["units"] = _clean("; ".join(us)) if us else _NOT_STATED
    return DatasetInfo(name=name, title=title, source=out["source"], release=out["release"], licence=out["licence"],
                       units=out["units"])


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
    from .._files import declared_inputs, write_text

    root = data_folder(path)
    target = Path(manifest) if manifest is not None else root / MANIFEST_NAME
    hashes = file_hashes(root)
    t, r = target.resolve(), root.resolve()
    if t.is_relative_to(r) and t.relative_to(r).as_posix() in hashes:
        raise ValidationError(f"the manifest {target} would replace a data file; give --manifest a new file name")
    doc = {"algorithm": "sha256", "files": hashes}
    # the manifest is the one file this command adds beside the data (never one of the data
    # files, checked above), so the data folder is not an input it may not write into
    with declared_inputs([]):
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
