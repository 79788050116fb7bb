"""Trade flows and export competitiveness indicators.

Public names of the submodules below are re-exported here (each submodule's ``__all__``).
"""

from __future__ import annotations

from .._reexport import reexport

_SUBMODULES = ('engine', 'schema', 'readers', 'flows', 'groups', 'outcomes', 'concentration', 'margins', 'rca', 'lall', 'sophistication', 'synthetic', 'complexity', 'quality', 'survival', 'plots')

__all__: list[str] = reexport(__name__, _SUBMODULES, globals())
