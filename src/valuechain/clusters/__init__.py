"""Industrial clusters: Feser-Sweeney-Renski linkage matrix and factor analysis.

Public names of the submodules below are re-exported here (each submodule's ``__all__``).
"""

from __future__ import annotations

from .._reexport import reexport

_SUBMODULES = ('linkage', 'factor', 'plots')

__all__: list[str] = reexport(__name__, _SUBMODULES, globals())
