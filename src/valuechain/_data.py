"""Where the real public data (``shared/data``) lives, if anywhere.

Looked up in order: the ``VALUECHAIN_DATA`` environment variable; ``../shared/data``
beside the current folder or any parent; ``../shared/data`` beside the source checkout.

This is the one place that looks for the data: the families never do (they take
``data_dir=`` / ``folder=`` / a table as an argument); the layers above them (``datasets``,
``report``, ``cli``) resolve the folder here and pass it in. ``tests/test_architecture.py``
checks that no other module calls :func:`shared_data_dir` below those layers or reads
``VALUECHAIN_DATA``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["shared_data_dir", "data_folder"]


def _candidates() -> list[Path]:
    out: list[Path] = []
    env = os.environ.get("VALUECHAIN_DATA")
    if env:
        out.append(Path(env))
    for base in [Path.cwd(), *Path.cwd().parents]:
        out.append(base / "shared" / "data")
        out.append(base.parent / "shared" / "data")
    here = Path(__file__).resolve()
    for base in here.parents:
        out.append(base / "shared" / "data")
    return out


def shared_data_dir() -> Path | None:
    """Return the folder of real public data, or ``None`` when it is not present.

    ``$VALUECHAIN_DATA`` when set (``None`` if it is not a folder); otherwise the first
    ``shared/data`` folder (holding ``iotables_eurostat_examples/``) found above the
    working directory or the package.

    Returns
    -------
    Path or None
        The data folder.

    Examples
    --------
    >>> d = shared_data_dir()
    >>> d is None or d.is_dir()
    True
    """
    env = os.environ.get("VALUECHAIN_DATA")
    if env:
        p = Path(env)
        return p if p.is_dir() else None
    for p in _candidates():
        if p.is_dir() and (p / "iotables_eurostat_examples").is_dir():
            return p.resolve()
    return None


def data_folder(name: str, data_dir: str | os.PathLike | None = None) -> Path:
    """The sub-folder ``name`` of ``data_dir`` (default: :func:`shared_data_dir`).

    Parameters
    ----------
    name : str
        The dataset's folder name (e.g. ``"adb_mrio_kaz"``).
    data_dir : str or PathLike, optional
        The shared data folder (default :func:`shared_data_dir`).

    Returns
    -------
    Path
        The existing sub-folder.

    Raises
    ------
    DataNotFoundError
        When the folder is not there (the message says how to fix it).

    Examples
    --------
    >>> data_folder("no_such_dataset", "/nonexistent")
    Traceback (most recent call last):
    ...
    valuechain.errors.DataNotFoundError: ...
    """
    from .errors import DataNotFoundError

    base = Path(data_dir) if data_dir is not None else shared_data_dir()
    if base is None:
        raise DataNotFoundError(f"the data folder {name} was not found (../shared/data); set VALUECHAIN_DATA to the shared data folder")
    p = base / name
    if not p.is_dir():
        raise DataNotFoundError(f"the data folder {p} was not found; set VALUECHAIN_DATA to the shared data folder")
    return p
