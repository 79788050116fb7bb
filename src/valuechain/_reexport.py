"""Re-export the public names of a family's submodules from the family package."""

from __future__ import annotations

import importlib
from typing import Iterable, MutableMapping

__all__ = ["reexport"]


def reexport(package: str, submodules: Iterable[str], namespace: MutableMapping) -> list[str]:
    """Import ``package.<m>`` for each name in ``submodules`` and copy its ``__all__`` into ``namespace``.

    Every listed submodule must exist: a missing one is an error (an ``ImportError``), not a
    silent gap in the public API. Returns the combined ``__all__``.
    """
    names: list[str] = []
    for m in submodules:
        mod = importlib.import_module(f".{m}", package)
        for n in mod.__all__:
            namespace[n] = getattr(mod, n)
            names.append(n)
    return names
