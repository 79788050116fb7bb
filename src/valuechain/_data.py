"""Where the real public data (``shared/data``) lives, if anywhere.

Looked up in order: the ``VALUECHAIN_DATA`` environment variable; ``../shared/data``
beside the current folder or any parent; ``../shared/data`` beside the source checkout.
Methods never read files; readers and the demo use this to find example data.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["shared_data_dir"]


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
    """Return the folder of real public data, or ``None`` when it is not present."""
    env = os.environ.get("VALUECHAIN_DATA")
    if env:
        p = Path(env)
        return p if p.is_dir() else None
    for p in _candidates():
        if p.is_dir() and (p / "iotables_eurostat_examples").is_dir():
            return p.resolve()
    return None
