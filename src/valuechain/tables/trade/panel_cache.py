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
on: each input file's absolute path, size and modification time (nanoseconds), the reader
options, the years, the cache format and the valuechain version. Any change of a file gives
a new key, so a stale entry is never read; an entry that cannot be read (truncated,
foreign, another key inside) is ignored and recomputed. Entries are written whole (a
temporary file renamed into place), so an interrupted run leaves no partial entry; a cache
folder that cannot be written is skipped without error (the run computes as if there were
no cache). Only the newest :data:`MAX_ENTRIES` entries are kept.

The folder is ``$VALUECHAIN_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/valuechain`` or
``~/.cache/valuechain``; the CLI's ``--no-cache`` turns the cache off. Deleting the folder
is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

__all__ = ["PanelCache", "default_cache_dir", "panel_cache", "imports_name", "MAX_ENTRIES"]

#: entries kept in the cache folder (the oldest beyond this are deleted after a write)
MAX_ENTRIES = 64
_FORMAT = 1  # bump when what an entry holds changes
_PREFIX = "vc-panel-"
_CODE = re.compile(r"^[A-Za-z0-9_]{1,16}$")


def default_cache_dir() -> Path:
    """``$VALUECHAIN_CACHE_DIR``, else ``$XDG_CACHE_HOME/valuechain``, else ``~/.cache/valuechain``."""
    env = os.environ.get("VALUECHAIN_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "valuechain"


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
            out.append([str(f), st.st_size, st.st_mtime_ns])
    return out or None


@dataclass(frozen=True)
class PanelCache:
    """Small aggregates of one panel, read from and written to ``root`` under ``key``.

    Make one with :func:`panel_cache`. ``get(name)`` returns a stored frame or None;
    ``put(name, frame)`` stores one (never raising: a cache that cannot be written is
    skipped). Names are ``"world"`` and ``"imports-<ISO3>"``.
    """

    root: Path
    key: str

    def _path(self, name: str) -> Path:
        return self.root / f"{_PREFIX}{self.key}-{name}.parquet"

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
            tbl = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
            tbl = tbl.replace_schema_metadata({**(tbl.schema.metadata or {}), b"valuechain.cache_key": f"{self.key}-{name}".encode()})
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


def panel_cache(paths: Iterable[Any], *, options: Mapping[str, Any] | None = None, root: Any = None) -> PanelCache | None:
    """A :class:`PanelCache` for the panel read from ``paths`` with reader ``options``.

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
    """The entry name of ``country``'s imports, or None for a code unsafe in a file name."""
    return f"imports-{country}" if _CODE.match(country or "") else None
