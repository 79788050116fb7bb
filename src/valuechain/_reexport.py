"""Re-export the public names of a family's submodules from the family package."""

from __future__ import annotations

import importlib
from typing import Iterable, MutableMapping

__all__ = ["reexport"]


def reexport(package: str, submodules: Iterable[str], namespace: MutableMapping) -> list[str]:
    """Import ``package.<m>`` for each name in ``submodules`` and copy its ``__all__`` into ``namespace``.

    A submodule that does not exist (yet) is skipped; any other import error propagates.
    Returns the combined ``__all__``.
    """
    names: list[str] = []
    for m in submodules:
        try:
            mod = importlib.import_module(f".{m}", package)
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.{m}":
                raise
            continue
        for n in getattr(mod, "__all__", ()):
            namespace[n] = getattr(mod, n)
            names.append(n)
    return names
