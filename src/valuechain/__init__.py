"""valuechain: input-output, regional clusters, trade competitiveness and GVC diagnostics.

The public API is flat: every name in the ``__all__`` of a family (``tables``,
``leontief``, ``regional``, ``clusters``, ``gvc``, ``trade``, ``report``) or of
``datasets`` (case-study builders) is available as ``valuechain.<name>``; the families are
imported on first use. Each family lists its public names literally in its
``__init__``. Plumbing (engine helpers, SVG sanitising, …) stays importable from its
module; reaching it as ``valuechain.<name>`` still works but warns.
"""

from __future__ import annotations

import importlib
import warnings

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

from ._version import __version__  # noqa: E402, F401

from ._moved import install as _install_moved  # noqa: E402  old module paths (valuechain.trade.complexity ...) keep working

_install_moved()

_FAMILIES = ("tables", "tables.trade", "leontief", "regional", "clusters", "gvc", "trade", "complexity", "survival", "report", "datasets")
# plumbing of the report (branch "report" owns report/__init__): importable from
# valuechain.report, not part of the flat API
_NOT_FLAT = frozenset({"sanitize_svg", "prefix_svg_ids", "Unavailable"})
_ERRORS = [
    "BalanceWarning",
    "ConvergenceError",
    "DataNotFoundError",
    "NotProductiveError",
    "SyntheticDataWarning",
    "ValidationError",
    "ValuechainError",
    "ValuechainWarning",
    "ZeroOutputWarning",
]


def _public_names() -> list[str]:
    names = list(_ERRORS)
    for fam in _FAMILIES:
        mod = importlib.import_module(f".{fam}", __name__)
        names.extend(n for n in mod.__all__ if n not in _NOT_FLAT and n not in names)
    return names


def __getattr__(name: str):
    if name == "__all__":
        value = _public_names()
        globals()["__all__"] = value
        return value
    if name.startswith("__"):
        raise AttributeError(name)
    for fam in _FAMILIES:
        mod = importlib.import_module(f".{fam}", __name__)
        if name in mod.__all__ and name not in _NOT_FLAT:
            value = getattr(mod, name)
            globals()[name] = value
            return value
    for fam in _FAMILIES:  # a name that left the flat API (plumbing): still works, with a warning
        mod = importlib.import_module(f".{fam}", __name__)
        if hasattr(mod, name) and not name.startswith("_") and not isinstance(getattr(mod, name), type(importlib)):
            warnings.warn(
                f"valuechain.{name} is not part of the public API any more; import it from valuechain.{fam} "
                f"(or its module, {getattr(getattr(mod, name), '__module__', None) or 'valuechain.' + fam})",
                DeprecationWarning,
                stacklevel=2,
            )
            return getattr(mod, name)
    raise AttributeError(f"module 'valuechain' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_public_names()))
