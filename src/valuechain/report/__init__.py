"""The diagnostic report: study file, HTML, Excel, figures, demo.

Public names of the submodules below are re-exported here (each submodule's ``__all__``).
"""

from __future__ import annotations

from .._reexport import reexport

_SUBMODULES = ('study', 'figures', 'html', 'excel', 'build', 'demo')

__all__: list[str] = reexport(__name__, _SUBMODULES, globals())
