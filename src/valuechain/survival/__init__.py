"""Export survival: spells built in the engine, Kaplan-Meier curves, log-rank tests.

The public names are listed here, literally. These modules were
``valuechain.trade.survival`` and ``valuechain.trade.kaplan_meier`` before 0.2 (the old
paths still work, with a ``DeprecationWarning``).
"""

from __future__ import annotations

from .survival import (
    spells,
    spell_counts,
    KaplanMeierAnalysis,
    SurvivalResult,
    pairwise_logrank,
    kaplan_meier_chart,
    survival_analysis,
    spell_histogram,
)

__all__ = [
    "spells",
    "spell_counts",
    "KaplanMeierAnalysis",
    "SurvivalResult",
    "pairwise_logrank",
    "kaplan_meier_chart",
    "survival_analysis",
    "spell_histogram",
]
