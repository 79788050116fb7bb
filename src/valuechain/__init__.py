"""valuechain: input-output, regional clusters, trade competitiveness and GVC diagnostics.

The public API is flat: every public name of the method families (``tables``,
``leontief``, ``regional``, ``clusters``, ``gvc``, ``trade``, ``report``) is available
as ``valuechain.<name>``; the families are imported on first use.
"""

from __future__ import annotations

import importlib

from .errors import (  # noqa: F401
    BalanceWarning,
    ConvergenceError,
    DataNotFoundError,
    NotProductiveError,
    SyntheticDataWarning,
    ValidationError,
    ValuechainError,
    ValuechainWarning,
    ZeroOutputWarning,
)

__version__ = "0.1.0"

_FAMILIES = ("tables", "leontief", "regional", "clusters", "gvc", "trade", "report")


def __getattr__(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    for fam in _FAMILIES:
        mod = importlib.import_module(f".{fam}", __name__)
        if name in getattr(mod, "__all__", ()):
            value = getattr(mod, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module 'valuechain' has no attribute {name!r}")


def __dir__():
    names = set(globals())
    for fam in _FAMILIES:
        try:
            names.update(getattr(importlib.import_module(f".{fam}", __name__), "__all__", ()))
        except ImportError:  # pragma: no cover - optional family broken
            pass
    return sorted(names)
