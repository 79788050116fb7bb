"""Leontief and Ghosh models, multipliers, linkages, key sectors, extraction.

Every public name of the submodules listed in ``_SUBMODULES`` is re-exported here.
"""

from __future__ import annotations

import importlib as _importlib

_SUBMODULES = ("core", "multipliers", "linkages", "keysectors", "plots", "impact", "uncertainty")

__all__: list[str] = []
for _m in _SUBMODULES:
    _mod = _importlib.import_module(f".{_m}", __name__)
    for _name in getattr(_mod, "__all__", ()):
        globals()[_name] = getattr(_mod, _name)
        __all__.append(_name)
del _m, _mod, _name
