"""SYNTHETIC inter-country tables for tests, examples and benchmarks.

:func:`synthetic_icio` draws a seeded balanced inter-country table;
:func:`synthetic_icio_panel` writes one such table per year in the OECD ICIO layout.
Both moved here from ``valuechain.gvc`` / ``valuechain.tables.intercountry`` (issue 22:
generators live in ``datasets/``); the old names still work with a ``DeprecationWarning``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import numpy as np

from ..gvc.panel import write_oecd_icio
from ..tables.intercountry import InterCountryTable

__all__ = ["synthetic_icio", "synthetic_icio_panel"]


def synthetic_icio(G: int, N: int, *, seed: int = 0, density: float = 1.0, categories: int = 1) -> InterCountryTable:
    """A seeded random (SYNTHETIC) balanced inter-country table, for tests and benchmarks.

    Intermediate inputs are 40-65% of output, about 75% of them domestic; positive final
    demand is drawn first and output solves :math:`x = Ax + y` (so the table balances exactly). The table carries ``flags=("synthetic",)``.

    Parameters
    ----------
    G, N : int
        Countries and industries (OECD ICIO size: 77 x 45).
    seed : int
        Seed of every random draw (default 0); the same seed gives the same table.
    density : float
        Share of non-zero foreign intermediate flows (1 = all non-zero).
    categories : int
        Final-demand categories per destination country (default 1, labelled ``FD``;
        more are ``fd1``, ``fd2`` ...).

    Returns
    -------
    InterCountryTable
        Countries ``C00``, ``C01`` ..., industries ``I00``, ``I01`` ...; unit
        ``"synthetic units"``; value added is the residual :math:`x - 1'Z`.

    Examples
    --------
    >>> t = synthetic_icio(3, 2, seed=1)
    >>> t
    InterCountryTable(name='synthetic ICIO 3x2 (seed 1)', G=3, N=2, categories=['FD'], unit='synthetic units', flags=['synthetic'])
    >>> bool(np.allclose(t.Z.sum(axis=1) + t.Y.sum(axis=1), t.x))   # rows balance exactly
    True
    >>> share = (t.Z.to_numpy() / t.x.to_numpy()).sum(axis=0)        # intermediate share of output
    >>> bool(((share >= 0.40) & (share <= 0.65)).all())
    True
    """
    rng = np.random.default_rng(seed)
    n = G * N
    A = rng.uniform(0.0, 1.0, (n, n))
    own = np.kron(np.eye(G, dtype=bool), np.ones((N, N), dtype=bool))
    A[own] *= 3.0 * max(G - 1, 1)  # ~75% of intermediate inputs domestic
    if density < 1:
        A[~own & (rng.uniform(size=(n, n)) > density)] = 0.0
    share = rng.uniform(0.40, 0.65, n)  # intermediate share of output
    A *= share / A.sum(0)
    y_tot = rng.uniform(20.0, 200.0, n)  # total final demand by country-industry (> 0)
    x = np.linalg.solve(np.eye(n) - A, y_tot)  # output that satisfies x = A x + y exactly
    Z = A * x[None, :]
    W = rng.uniform(0.0, 1.0, (n, G * categories))
    home = np.repeat(np.arange(G), N)
    for k in range(categories):
        W[np.arange(n), home * categories + k] += 0.5 * G
    W /= W.sum(1, keepdims=True)
    Y = W * y_tot[:, None]
    ctry = [f"C{g:02d}" for g in range(G)]
    ind = [f"I{i:02d}" for i in range(N)]
    cats = [f"fd{k + 1}" for k in range(categories)] if categories > 1 else ["FD"]
    return InterCountryTable.from_arrays(
        Z, Y, Z.sum(1) + Y.sum(1), countries=ctry, industries=ind, categories=cats,
        name=f"synthetic ICIO {G}x{N} (seed {seed})", unit="synthetic units", source="valuechain.datasets.synthetic_icio",
        flags=("synthetic",),
    )


def synthetic_icio_panel(folder: str | os.PathLike, G: int, N: int, years: Iterable[int], *, seed: int = 0) -> list[Path]:
    """Write a SYNTHETIC panel: one OECD-layout ICIO CSV per year (``ICIOSYN_<year>.csv``).

    Each year is :func:`synthetic_icio` with seed ``seed + year``
    (final demand labelled ``HFCE``); every file says it is synthetic in its name.

    Parameters
    ----------
    folder : str or os.PathLike
        Where the files are written (created when missing; files of the same name are replaced).
    G, N : int
        Countries and industries of each table.
    years : iterable of int
        The years, one file each.
    seed : int, default 0
        Base seed; year ``y`` uses ``seed + y``.

    Returns
    -------
    list of Path
        The files written, in the order of ``years``.

    Examples
    --------
    >>> import tempfile
    >>> from valuechain.gvc import read_icio
    >>> with tempfile.TemporaryDirectory() as d:
    ...     files = synthetic_icio_panel(d, 2, 2, [2020, 2021], seed=3)
    ...     names = [f.name for f in files]
    ...     t = read_icio(files[1])
    >>> names, t.G, t.N
    (['ICIOSYN_2020.csv', 'ICIOSYN_2021.csv'], 2, 2)
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for y in years:
        t = synthetic_icio(G, N, seed=seed + int(y))
        Y = t.Y.rename(columns={"FD": "HFCE"}, level=1)
        t = InterCountryTable.from_frames(t.Z, Y, x=t.x, flags=("synthetic",))
        out.append(write_oecd_icio(t, folder / f"ICIOSYN_{int(y)}.csv"))
    return out
