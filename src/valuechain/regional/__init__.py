"""Regional analysis: location quotients, regionalization, RAS/GRAS, two-region model.

Public names of the submodules below are re-exported here (each submodule's ``__all__``).
"""

from __future__ import annotations

from .._reexport import reexport

_SUBMODULES = ('employment', 'quotients', 'regionalization', 'sensitivity', 'tworegion', 'ras', 'kazakhstan', 'plots')

__all__: list[str] = reexport(__name__, _SUBMODULES, globals())
