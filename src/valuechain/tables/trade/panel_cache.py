r"""World totals of a panel kept between runs: one full aggregation per panel, not per country.

The one-country diagnostic needs from the whole panel only small aggregates (see
:mod:`valuechain.trade.country`): world exports by year and product,
:math:`X_{wpt} = \sum_c x_{cpt}` (RCA's denominator), and the country's imports by year and
product (mirror flows). At BACI size (about 270 M rows) computing them is the one expensive
step: a bare ``SELECT year, product, sum(value) ... GROUP BY ALL`` takes about 11 s in
DuckDB on a 2-core machine, more than every other step of the diagnostic together. They do
not depend on the country analysed (the world totals) or on anything but the files (the
imports), so an analyst who runs Kazakhstan and then its peers on the same panel need not
pay for them again.

:class:`PanelCache` stores them as small Parquet files (150,000 rows for 30 years × 5,000
HS6 lines) in a cache folder, under a key that fingerprints everything the numbers depend
on: each input file's absolute path, size, modification time and status-change time
(nanoseconds), inode, and a **digest of its content** (BLAKE2b: the whole file up to
:data:`FULL_DIGEST_BYTES`, beyond that :data:`SAMPLES` blocks of 16 KiB spread over the
file plus its first and last 64 KiB, where Parquet keeps its footer and statistics), the reader options, the years, the cache format and
the valuechain version. An edit that keeps a file's size and modification time (``touch
-d``) still changes its status-change time, which no user can set; the content digest
also tells a file replaced by another with the same times. The trade-off (see
docs/trade.md): hashing a whole 2.8 GB panel costs seconds on every run, more than the
aggregation the cache saves, while the sampled digest costs milliseconds and, with the
status-change time, still sees every edit made through the file system.

Each entry carries a digest of its own content, keyed with a random secret kept in the
cache folder (``.secret``, readable by its owner only): an entry whose content does not
match (damaged, truncated, planted by hand or copied from another cache) is ignored and
recomputed, so a stale or foreign entry is never served. Entries are written whole (a
temporary file renamed into place), so an interrupted run leaves no partial entry; a cache
folder that cannot be written is skipped without error (the run computes as if there were
no cache). Only the newest :data:`MAX_ENTRIES` entries are kept.

The folder is ``$VALUECHAIN_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/valuechain`` or
``~/.cache/valuechain`` (``~`` expanded); the CLI's ``--no-cache`` turns the cache off.
Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:  # annotations only: pandas is imported by the functions that take frames
    import pandas as pd

__all__ = ["PanelCache", "default_cache_dir", "panel_cache", "imports_name", "file_digest", "frame_digest", "MAX_ENTRIES",
           "FULL_DIGEST_BYTES", "SAMPLES"]

#: entries kept in the cache folder (the oldest beyond this are deleted after a write)
MAX_ENTRIES = 64
_FORMAT = 2  # bump when what an entry holds changes
#: files up to this size are hashed whole; larger ones by samples (see the module docstring)
FULL_DIGEST_BYTES = 4 * 2**20
#: blocks of 16 KiB read from a large file for its sampled digest (plus its first and last 64 KiB)
SAMPLES = 64
_BLOCK = 16 * 1024
_EDGE = 64 * 1024
_PREFIX = "vc-panel-"
_CODE = re.compile(r"^[A-Za-z0-9_]{1,16}$")


def default_cache_dir() -> Path:
    """``$VALUECHAIN_CACHE_DIR``, else ``$XDG_CACHE_HOME/valuechain``, else ``~/.cache/valuechain``.

    Returns
    -------
    Path
        The cache folder (``~`` expanded; not created here).

    Examples
    --------
    >>> import os
    >>> old = os.environ.get("VALUECHAIN_CACHE_DIR")
    >>> os.environ["VALUECHAIN_CACHE_DIR"] = "/tmp/vc-cache"
    >>> default_cache_dir().as_posix()
    '/tmp/vc-cache'
    >>> _ = os.environ.pop("VALUECHAIN_CACHE_DIR") if old is None else os.environ.update(VALUECHAIN_CACHE_DIR=old)
    """
    env = os.environ.get("VALUECHAIN_CACHE_DIR")
    if env:
        return Path(os.path.expanduser(env))
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(os.path.expanduser(xdg)) if xdg else Path.home() / ".cache") / "valuechain"


def file_digest(path: str | os.PathLike[str], size: int | None = None) -> str:
    r"""BLAKE2b of a file's content (and its size): whole up to :data:`FULL_DIGEST_BYTES`, else sampled.

    A larger file is hashed by its first and last 64 KiB and :data:`SAMPLES` blocks of
    16 KiB at evenly spaced offsets.

    Parameters
    ----------
    path : str or path-like
        The file.
    size : int, optional
        Its size in bytes when already known (default: read from the file system).

    Returns
    -------
    str
        32 hexadecimal digits (a 16-byte digest).

    Raises
    ------
    OSError
        If the file cannot be read.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = f.write_text("year,value\n2020,5\n")
    >>> h = file_digest(f)
    >>> len(h), h == file_digest(f)
    (32, True)
    >>> _ = f.write_text("year,value\n2020,6\n")   # same size, other content
    >>> h == file_digest(f)
    False
    """
    size = os.path.getsize(path) if size is None else size
    h = hashlib.blake2b(digest_size=16)
    h.update(str(size).encode())
    with open(path, "rb") as fh:
        if size <= FULL_DIGEST_BYTES:
            for block in iter(lambda: fh.read(2**20), b""):
                h.update(block)
        else:
            step = (size - 2 * _EDGE - _BLOCK) // SAMPLES
            offsets = [0] + [_EDGE + i * step for i in range(SAMPLES)] + [size - _EDGE]
            for off in offsets:
                fh.seek(off)
                h.update(fh.read(_EDGE if off in (0, size - _EDGE) else _BLOCK))
    return h.hexdigest()


def frame_digest(frame: pd.DataFrame, secret: bytes) -> str:
    """Keyed BLAKE2b of a frame's columns, types and values (an entry's proof of content).

    Parameters
    ----------
    frame : DataFrame
        The entry's content (its index is ignored).
    secret : bytes
        The cache folder's key (its first 64 bytes are used).

    Returns
    -------
    str
        32 hexadecimal digits.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020], "value": [5.0]})
    >>> key = bytes(32)
    >>> frame_digest(df, key) == frame_digest(df.copy(), key), frame_digest(df, key) == frame_digest(df.assign(value=6.0), key)
    (True, False)
    >>> frame_digest(df, key) == frame_digest(df, b"another key of 32 bytes........")
    False
    """
    import pandas as pd

    h = hashlib.blake2b(key=secret[:64], digest_size=16)
    h.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode())
    h.update(pd.util.hash_pandas_object(frame.reset_index(drop=True), index=False).to_numpy().tobytes())
    return h.hexdigest()


def _secret(root: Path, *, create: bool) -> bytes | None:
    """The cache folder's random key (``.secret``, mode 0600), made on first write."""
    path = root / ".secret"
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    if not create:
        return None
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        return path.read_bytes()
    except FileExistsError:
        return _secret(root, create=False)
    except OSError:
        return None


def _files(path: Path) -> list[Path]:
    if path.is_dir():  # every file below, hidden ones excepted (a superset of what the reader reads)
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_")))
    return [path]


def _fingerprint(paths: Iterable[Any]) -> list | None:
    out = []
    for p in paths:
        p = Path(p).resolve()
        for f in _files(p):
            try:
                st = f.stat()
            except OSError:
                return None
            try:
                digest = file_digest(f, st.st_size)
            except OSError:
                return None
            out.append([str(f), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest])
    return out or None


@dataclass(frozen=True)
class PanelCache:
    r"""Small aggregates of one panel, read from and written to ``root`` under ``key``.

    Make one with :func:`panel_cache`. ``get(name)`` returns a stored frame or None;
    ``put(name, frame)`` stores one (never raising: a cache that cannot be written is
    skipped). Names are ``"world"`` and ``"imports-<ISO3>"``.

    Parameters
    ----------
    root : Path
        The cache folder.
    key : str
        The fingerprint of the panel, the options and the valuechain version (32
        hexadecimal digits from :func:`panel_cache`).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import pandas as pd
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> f = d / "flows.csv"
    >>> _ = f.write_text("year,exporter,importer,product,value\n2020,KAZ,CHN,010110,5\n")
    >>> c = panel_cache([f], options={"format": "schema"}, root=d / "cache")
    >>> c.get("world") is None
    True
    >>> c.put("world", pd.DataFrame({"year": [2020], "product": ["010110"], "value": [5.0]}))
    True
    >>> c.get("world")["value"].tolist()
    [5.0]
    """

    root: Path
    key: str

    def _path(self, name: str) -> Path:
        return self.root / f"{_PREFIX}{self.key}-{name}.parquet"

    def has(self, name: str) -> bool:
        """True when an entry file named ``name`` is there (not yet read nor verified: :meth:`get` does)."""
        return self._path(name).is_file()

    def get(self, name: str) -> pd.DataFrame | None:
        """The frame stored under ``name``, or None (absent, unreadable or another key's)."""
        import pyarrow.parquet as pq

        path = self._path(name)
        try:
            tbl = pq.read_table(path)
            meta = tbl.schema.metadata or {}
            if meta.get(b"valuechain.cache_key", b"").decode() != f"{self.key}-{name}":
                return None
            df = tbl.to_pandas()
            secret = _secret(self.root, create=False)
            if secret is None or meta.get(b"valuechain.digest", b"").decode() != frame_digest(df, secret):
                return None  # damaged, planted or from another cache: recomputed, never served
        except Exception:  # noqa: BLE001 - an unreadable entry is recomputed, never trusted
            return None
        try:
            os.utime(path)  # most recently used (a read-only cache is still read)
        except OSError:
            pass
        return df

    def put(self, name: str, frame: pd.DataFrame) -> bool:
        """Store ``frame`` under ``name`` (whole or not at all); True when it was written."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        tmp = None
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            secret = _secret(self.root, create=True)
            if secret is None:
                return False
            frame = frame.reset_index(drop=True)
            tbl = pa.Table.from_pandas(frame, preserve_index=False)
            tbl = tbl.replace_schema_metadata({**(tbl.schema.metadata or {}), b"valuechain.cache_key": f"{self.key}-{name}".encode(),
                                               b"valuechain.digest": frame_digest(tbl.to_pandas(), secret).encode()})
            fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-", suffix=".parquet")
            os.close(fd)
            pq.write_table(tbl, tmp)
            os.replace(tmp, self._path(name))
            tmp = None
            self._prune()
            return True
        except Exception:  # noqa: BLE001 - a cache that cannot be written is skipped
            return False
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def _prune(self) -> None:
        entries = sorted(self.root.glob(f"{_PREFIX}*.parquet"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for p in entries[MAX_ENTRIES:]:
            try:
                p.unlink()
            except OSError:
                pass


def panel_cache(paths: Iterable[str | os.PathLike[str]], *, options: Mapping[str, Any] | None = None,
                root: str | os.PathLike[str] | None = None) -> PanelCache | None:
    r"""A :class:`PanelCache` for the panel read from ``paths`` with reader ``options``.

    Parameters
    ----------
    paths : paths
        The files or folders the flows were read from (as given to
        :func:`~valuechain.trade.readers.read_flows`).
    options : mapping, optional
        Everything else the aggregates depend on (format, duplicates rule, years, a
        country-code table's path...); JSON-serialisable values.
    root : path, optional
        The cache folder (default :func:`default_cache_dir`).

    Returns
    -------
    PanelCache or None
        None when a path cannot be fingerprinted (e.g. it is not there).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import pandas as pd
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> f = d / "flows.csv"
    >>> _ = f.write_text("year,exporter,importer,product,value\n2020,KAZ,CHN,010110,5\n")
    >>> c = panel_cache([f], options={"format": "schema"}, root=d / "cache")
    >>> len(c.key), c.root.name
    (32, 'cache')
    >>> c.key == panel_cache([f], options={"format": "baci"}, root=d / "cache").key   # other options, other key
    False
    >>> panel_cache([d / "missing.csv"]) is None
    True
    """
    from ..._version import __version__

    fp = _fingerprint(paths)
    if fp is None:
        return None
    opts = dict(options or {})
    for k, v in list(opts.items()):  # a path among the options counts by its files too
        if isinstance(v, (str, os.PathLike)) and k.endswith("_file"):
            opts[k] = _fingerprint([v])
    blob = json.dumps({"format": _FORMAT, "version": __version__, "files": fp, "options": opts}, sort_keys=True, default=str)
    return PanelCache(root=Path(root) if root is not None else default_cache_dir(), key=hashlib.sha256(blob.encode()).hexdigest()[:32])


def imports_name(country: str) -> str | None:
    """The entry name of ``country``'s imports, or None for a code unsafe in a file name.

    Parameters
    ----------
    country : str
        The country's code (letters, digits and ``_``, at most 16 characters, are safe).

    Returns
    -------
    str or None
        ``"imports-<country>"``, or None.

    Examples
    --------
    >>> imports_name("KAZ"), imports_name("../etc")
    ('imports-KAZ', None)
    """
    return f"imports-{country}" if _CODE.match(country or "") else None
