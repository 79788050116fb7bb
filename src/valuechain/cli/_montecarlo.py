"""Monte Carlo options shared by ``multipliers``, ``linkages``, ``keysectors``, ``regionalize`` and ``impact``.

``--draws N --seed S --coef-cv C [--coef-dist D] [--delta-range LO HI] [--measure-cv M]``:
the logic lives in :mod:`valuechain.leontief.uncertainty` and
:mod:`valuechain.regional.uncertainty`; this module only turns options into settings.
"""

from __future__ import annotations

from typing import Optional, Tuple

import typer

__all__ = ["DRAWS", "SEED", "COEF_CV", "COEF_DIST", "DELTA_RANGE", "MEASURE_CV", "settings", "report_draws"]

DRAWS = typer.Option(None, "--draws", help="Monte Carlo draws: adds <column>_p05/_p50/_p95 (and class probabilities for keysectors).")
SEED = typer.Option(0, "--seed", help="Seed of the Monte Carlo draws (the same seed gives the same file).")
COEF_CV = typer.Option(0.0, "--coef-cv", help="Relative standard error of each coefficient in the draws (e.g. 0.1).")
COEF_DIST = typer.Option("lognormal", "--coef-dist", help="Coefficient error: lognormal, normal or dirichlet (column input structure).")
DELTA_RANGE = typer.Option(None, "--delta-range", help="FLQ/AFLQ: draw delta uniformly between LO and HI (e.g. 0.1 0.4).")
MEASURE_CV = typer.Option(0.0, "--measure-cv", help="Regional: relative error of the region's employment by industry in the draws.")


def settings(draws: Optional[int], seed: int, coef_cv: float, coef_dist: str = "lognormal",
             delta_range: Optional[Tuple[float, float]] = None, measure_cv: float = 0.0):
    """An :class:`~valuechain.leontief.Uncertainty`, or ``None`` without ``--draws``."""
    from ..errors import ValidationError
    from ..leontief import Uncertainty

    if draws is None:
        if coef_cv or delta_range is not None or measure_cv:
            raise ValidationError("--coef-cv, --delta-range and --measure-cv set the Monte Carlo draws; give --draws N too (e.g. --draws 1000)")
        return None
    return Uncertainty(draws=int(draws), seed=int(seed), coef_cv=float(coef_cv), coef_dist=str(coef_dist).lower(),
                       delta_range=tuple(delta_range) if delta_range is not None else None, measure_cv=float(measure_cv))


def report_draws(console, res) -> None:
    """One line on the draws: settings and rejected (non-productive) draws."""
    console.print(f"Monte Carlo: {res.uncertainty.describe()}; {res.rejected} non-productive draws rejected and redrawn",
                  highlight=False, markup=False)
