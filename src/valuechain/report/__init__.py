"""The diagnostic report: study file, HTML, Excel, figures, demo.

The public names are listed here, literally. Plumbing (``sanitize_svg``, ``render_html``,
``write_workbook`` ...) is reachable from its module (``valuechain.report.html`` ...); its
old name here still works, with a ``DeprecationWarning``.
"""

from __future__ import annotations

from .study import (
    Study,
    load_study,
    parse_study,
    STUDY_SCHEMA,
)
from .build import (
    build_report,
    ReportResult,
    SECTIONS,
)
from .demo import (
    builtin_names,
    load_builtin,
    demo_study,
    run_demo,
    example_study_text,
)

_SUBMODULES = ('study', 'figures', 'html', 'excel', 'build', 'demo')

__all__ = [
    "Study",
    "load_study",
    "parse_study",
    "STUDY_SCHEMA",
    "build_report",
    "ReportResult",
    "SECTIONS",
    "builtin_names",
    "load_builtin",
    "demo_study",
    "run_demo",
    "example_study_text",
]


def __getattr__(name: str):
    # a name that left this package's public list (plumbing) still works, with a DeprecationWarning
    from .._moved import submodule_attr

    return submodule_attr(__name__, name, _SUBMODULES)
