"""Global value chains: inter-country tables, TiVA, KWW, WWZ, Borin-Mancini.

Public names of the submodules below are re-exported here (each submodule's ``__all__``).
"""

from __future__ import annotations

from .._reexport import reexport

_SUBMODULES = ('icio', 'zx', 'readers', 'core', 'tiva', 'kww', 'wwz', 'bm_perspectives', 'borin_mancini', 'absorption', 'position', 'leontief_decomp', 'plots', 'peers', 'va_trade')

__all__: list[str] = reexport(__name__, _SUBMODULES, globals())
