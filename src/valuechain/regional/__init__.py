"""Regional analysis: location quotients, regionalization, RAS/GRAS, two-region model.

Public names of the submodules below are re-exported here (each submodule's ``__all__``).
"""

from __future__ import annotations

import importlib as _importlib

_SUBMODULES = ('employment', 'lq', 'sensitivity', 'tworegion', 'ras', 'kazakhstan', 'plots')

__all__: list[str] = []
for _m in _SUBMODULES:
    try:
        _mod = _importlib.import_module(f".{_m}", __name__)
    except ModuleNotFoundError as _exc:
        if _exc.name != f"{__name__}.{_m}":
            raise
        continue
    for _n in getattr(_mod, "__all__", ()):
        globals()[_n] = getattr(_mod, _n)
        __all__.append(_n)
