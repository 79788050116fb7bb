"""A seeded generator of SYNTHETIC bilateral trade panels (exporter × importer × HS6 × year).

No multi-year bilateral product-level panel is held in the project's data, so tests and
benchmarks use this generator. Its output is **synthetic, not observed data**: frames carry
``df.attrs["synthetic"] = True`` and Parquet files the key ``valuechain.synthetic = true``
in their metadata (read back by :func:`valuechain.trade.readers.read_flows`, which sets
``TradeFlows.synthetic``; the CLI then writes a ``synthetic`` flag in every output).

The model
---------
For every exporter ``e`` (processed one at a time, so memory is bounded):

1. *Size.* ``w_e`` ~ lognormal(0, σ_size), normalised to mean 1 and capped, sets the
   expected number of active flows per year ``n_products · mean_partners · w_e``.
2. *Candidate flows.* ``K_e`` (product, importer) pairs are drawn without replacement
   (Efraimidis–Spirakis weighted sampling) with weight ``b_p c_ep a_m``: product
   popularity ``b_p`` and importer size ``a_m`` are lognormal and shared by all
   exporters; ``c_ep`` (lognormal, σ = 1.5) is the exporter's comparative advantage.
   Self-trade is excluded.
3. *Churn.* Each candidate follows a two-state Markov chain over the years: an active
   flow stops with hazard ``h ~ Beta(0.6, 1.2)`` and an inactive one starts with
   probability ``g = h·r/(1-r)`` where ``r ~ Beta(2, 3)`` is its long-run share of active
   years; the first year is drawn from the stationary distribution. Mixing geometric
   spell lengths over heterogeneous hazards gives the heavy-tailed, negatively
   duration-dependent spell lengths documented by Besedeš & Prusa (2006): many one-year
   spells and a long tail.
4. *Values* (thousand USD, like BACI): ``log v = μ + log w_e + log b_p + log a_m + log c_ep
   + τ_{e,t} + ε``, with an exporter-level random-walk trend ``τ``, Gaussian noise and a
   Lomax (Pareto II, α = 1.5) multiplicative shock for heavy tails; a new flow starts
   small (``×(1 - 0.6·exp(-(age-1)/2))``).
5. *Quantities* (optional, tons): ``q = v / uv``, unit values lognormal by product with an
   exporter quality premium.

Rows are sorted by exporter, year, importer, product; written as Parquet files of about
``rows_per_file`` rows each (``part-00000.parquet`` ...), each holding a contiguous
range of exporters, so one-country queries skip most row groups.

References
----------
Besedeš, T. and Prusa, T. J. (2006). Ins, outs, and the duration of trade. Canadian Journal
of Economics 39(1), 266-295.
Efraimidis, P. S. and Spirakis, P. G. (2006). Weighted random sampling with a reservoir.
Information Processing Letters 97(5), 181-185.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError

__all__ = ["synthetic_panel", "baci_scale", "synthetic_gdp_per_capita", "SyntheticPanelInfo", "synthetic_iso3", "synthetic_hs6"]

_UNIT = "thousand USD"


@dataclasses.dataclass(frozen=True)
class SyntheticPanelInfo:
    """What :func:`synthetic_panel` wrote to disk (always synthetic data).

    Parameters
    ----------
    path : Path
        The folder of Parquet files.
    n_rows, n_files : int
        Rows and files written.
    exporters : tuple of str
        The exporters' ISO3 codes.
    products : int
        Number of products.
    years : (int, int)
        First and last year.
    seed : int
        The seed used.
    synthetic : bool
        Always true.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> info = synthetic_panel(n_exporters=2, n_products=3, years=(2000, 2001),
    ...                        path=pathlib.Path(tempfile.mkdtemp()) / "panel")
    >>> info.n_files, info.synthetic
    (1, True)
    """

    path: Path
    n_rows: int
    n_files: int
    exporters: tuple[str, ...] = dataclasses.field(repr=False)
    products: int
    years: tuple[int, int]
    seed: int
    synthetic: bool = True


def synthetic_iso3(n: int) -> list[str]:
    """``n`` distinct real ISO3 codes (sorted; from country_converter) used as synthetic countries.

    Parameters
    ----------
    n : int
        How many codes.

    Returns
    -------
    list of str
        Sorted ISO3 codes.

    Raises
    ------
    ValidationError
        If ``n`` exceeds the number of known countries.

    Examples
    --------
    >>> len(synthetic_iso3(3)), all(len(c) == 3 for c in synthetic_iso3(3))
    (3, True)
    """
    import country_converter as coco

    codes = sorted(set(coco.CountryConverter().data["ISO3"].dropna().astype(str)))
    if n > len(codes):
        raise ValidationError(f"at most {len(codes)} synthetic countries are available, not {n}")
    # spread over the alphabet, always keeping KAZ when n >= 2 (the project's example)
    idx = np.unique(np.linspace(0, len(codes) - 1, n).round().astype(int))
    out = [codes[i] for i in idx]
    if n >= 2 and "KAZ" not in out:
        out[len(out) // 2] = "KAZ"
    return sorted(out)


def synthetic_hs6(n: int) -> list[str]:
    """``n`` distinct HS6-shaped product codes spread over chapters 01-97 (not real HS lines).

    Parameters
    ----------
    n : int
        How many codes.

    Returns
    -------
    list of str
        Six-digit codes, sorted.

    Examples
    --------
    >>> synthetic_hs6(3)
    ['010110', '330110', '650110']
    """
    if n < 1:
        raise ValidationError("n_products must be at least 1")
    chapters = np.array([c for c in range(1, 98) if c != 77])
    i = np.arange(n)
    ch = chapters[(i * len(chapters)) // n]
    j = i - np.searchsorted((np.arange(n) * len(chapters)) // n, (i * len(chapters)) // n)  # rank within chapter
    heading = 1 + j // 9
    sub = 10 * (1 + j % 9)
    return [f"{a:02d}{b:02d}{c:02d}" for a, b, c in zip(ch, heading, sub)]


def baci_scale(fraction: float = 1.0) -> dict:
    """Keyword arguments of :func:`synthetic_panel` for ``fraction`` of BACI's size.

    Full scale (``fraction=1``): 226 exporters × 5000 HS6 products × 30 years with about
    8 partners per exporter-product-year on average, about 270 million rows. Smaller
    fractions keep the countries and years and scale the number of products.

    Parameters
    ----------
    fraction : float, default 1.0
        Share of BACI's number of products, in (0, 1].

    Returns
    -------
    dict
        Keyword arguments of :func:`synthetic_panel`.

    Examples
    --------
    >>> baci_scale(0.01)["n_products"], baci_scale(0.01)["n_exporters"]
    (50, 226)
    """
    if not 0 < fraction <= 1:
        raise ValidationError("fraction must be in (0, 1]")
    return dict(
        n_exporters=226,
        n_importers=226,
        n_products=max(10, int(round(5000 * fraction))),
        years=(1995, 2024),
        mean_partners=8.0,
    )


def _lognormal_weights(rng: np.random.Generator, n: int, sigma: float) -> np.ndarray:
    w = rng.lognormal(0.0, sigma, n)
    return w / w.mean()


def _cap_mean_one(w: np.ndarray, cap: float) -> np.ndarray:
    w = w / w.mean()
    for _ in range(50):
        over = w > cap
        if not over.any():
            break
        w = np.minimum(w, cap)
        free = ~over
        excess = len(w) - w.sum()
        if free.any():
            w[free] += excess * w[free] / w[free].sum()
    return w


def _exporter_block(
    rng: np.random.Generator,
    e: int,
    *,
    w_e: float,
    n_products: int,
    n_importers: int,
    importer_index_of_exporter: int | None,
    T: int,
    mean_partners: float,
    b: np.ndarray,
    a: np.ndarray,
    uv: np.ndarray,
    quantities: bool,
) -> dict[str, np.ndarray]:
    """Simulate one exporter: arrays of (t, importer idx, product idx, value, quantity) for active cells."""
    occ = 0.4
    n_possible = n_products * n_importers
    K = int(min(n_possible * 0.9, max(1.0, n_products * mean_partners * w_e / occ)))
    c = rng.lognormal(0.0, 1.5, n_products)
    # weights over the (product, importer) grid; Efraimidis-Spirakis keys log(U)/w, top K
    wp = b * c
    wm = a.copy()
    if importer_index_of_exporter is not None:
        wm[importer_index_of_exporter] = 0.0
    w = np.outer(wp, wm).ravel()
    u = rng.random(n_possible)
    with np.errstate(divide="ignore"):
        keys = np.where(w > 0, np.log(u) / np.where(w > 0, w, 1.0), -np.inf)
    K = min(K, int((w > 0).sum()))
    cand = np.argpartition(-keys, K - 1)[:K] if K < n_possible else np.arange(n_possible)
    cand.sort()
    p_idx, m_idx = np.divmod(cand, n_importers)
    # churn: two-state Markov chain per candidate
    h = rng.beta(0.6, 1.2, K).clip(0.02, 0.98)
    r = rng.beta(2.0, 3.0, K).clip(0.02, 0.95)
    g = np.minimum(h * r / (1 - r), 0.98)
    state = np.empty((K, T), dtype=bool)
    age = np.zeros((K, T), dtype=np.int16)
    state[:, 0] = rng.random(K) < g / (g + h)
    age[:, 0] = np.where(state[:, 0], 1 + rng.geometric(np.clip(h, 0.05, 1)) - 1, 0)
    for t in range(1, T):  # a loop over years, vectorised over flows
        x = rng.random(K)
        prev = state[:, t - 1]
        state[:, t] = np.where(prev, x >= h, x < g)
        age[:, t] = np.where(state[:, t], np.where(prev, age[:, t - 1] + 1, 1), 0)
    k_act, t_act = np.nonzero(state)
    trend = np.cumsum(rng.normal(0.04, 0.12, T))
    n = len(k_act)
    base = 2.0 + np.log(w_e) + np.log(b[p_idx]) + np.log(a[m_idx]) + np.log(c[p_idx])
    logv = base[k_act] + trend[t_act] + rng.normal(0.0, 1.0, n)
    shock = 1.0 + rng.pareto(1.5, n)
    ages = age[k_act, t_act].astype(float)
    young = 1.0 - 0.6 * np.exp(-(ages - 1.0) / 2.0)
    value = np.round(np.exp(logv) * shock * young, 3).clip(0.001, None)
    out = {
        "t": t_act.astype(np.int16),
        "m": m_idx[k_act].astype(np.int32),
        "p": p_idx[k_act].astype(np.int32),
        "value": value,
    }
    if quantities:
        prem = rng.lognormal(0.0, 0.3)
        out["quantity"] = np.round(value / (uv[p_idx[k_act]] * prem * rng.lognormal(0, 0.25, n)), 3)
    return out


def synthetic_panel(
    *,
    n_exporters: int = 12,
    n_products: int = 40,
    n_importers: int | None = None,
    years: tuple[int, int] = (2000, 2009),
    mean_partners: float = 3.0,
    seed: int = 0,
    quantities: bool = True,
    products: Sequence[str] | None = None,
    countries: Sequence[str] | None = None,
    path: str | os.PathLike | None = None,
    rows_per_file: int = 4_000_000,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame | SyntheticPanelInfo:
    """Generate a SYNTHETIC bilateral panel ``year, exporter, importer, product, value, quantity``.

    Parameters
    ----------
    n_exporters, n_products : int
        Panel size; exporters are real ISO3 codes (:func:`synthetic_iso3`), products
        HS6-shaped codes (:func:`synthetic_hs6`) unless ``countries`` / ``products`` are given.
    n_importers : int, optional
        Number of importers (default ``n_exporters``; importers are the first
        ``n_importers`` of the country list, so exporters and importers overlap).
    years : (int, int)
        First and last year (inclusive).
    mean_partners : float
        Average number of destinations per exporter-product-year (including zeros);
        BACI has about 8.
    seed : int
        Seed of every random draw (results do not depend on ``rows_per_file``).
    quantities : bool
        Also draw quantities (tons).
    products : sequence of str, optional
        Product codes to use instead of :func:`synthetic_hs6`.
    countries : sequence of str, optional
        Country codes to use instead of :func:`synthetic_iso3`.
    path : path, optional
        When given, write Parquet files into this folder (created; must be empty or
        absent) chunk by chunk and return a :class:`SyntheticPanelInfo`; else return a
        pandas frame (small panels).
    rows_per_file : int
        Rows buffered in memory before a file is written (bounds memory).
    progress : callable, optional
        ``progress(done_exporters, n_exporters)`` after each exporter.

    Returns
    -------
    DataFrame or SyntheticPanelInfo
        The panel (``attrs["synthetic"] = True``, ``attrs["unit"] = "thousand USD"``;
        value in thousand USD, quantity in tons), or what was written under ``path``.

    Raises
    ------
    ValidationError
        If a size or option is invalid or ``path`` is a non-empty folder.

    Examples
    --------
    >>> p = synthetic_panel(n_exporters=2, n_products=3, years=(2000, 2001))
    >>> list(p.columns), p.attrs["synthetic"]
    (['year', 'exporter', 'importer', 'product', 'value', 'quantity'], True)
    """
    if n_exporters < 1 or n_products < 1:
        raise ValidationError("n_exporters and n_products must be at least 1")
    if years[1] < years[0]:
        raise ValidationError(f"years {years} end before they start")
    n_importers = n_importers or n_exporters
    ctry = list(countries) if countries is not None else synthetic_iso3(max(n_exporters, n_importers))
    if len(ctry) < max(n_exporters, n_importers):
        raise ValidationError("fewer countries given than n_exporters / n_importers")
    prods = list(products) if products is not None else synthetic_hs6(n_products)
    n_products = len(prods)
    exporters, importers = ctry[:n_exporters], ctry[:n_importers]
    imp_pos = {c: i for i, c in enumerate(importers)}
    T = years[1] - years[0] + 1
    ss = np.random.SeedSequence(seed)
    g_seed, *e_seeds = ss.spawn(n_exporters + 1)
    grng = np.random.default_rng(g_seed)
    b = _lognormal_weights(grng, n_products, 1.2)
    a = _lognormal_weights(grng, n_importers, 1.3)
    uv = grng.lognormal(0.0, 1.2, n_products)
    # an exporter cannot have more candidate flows than 90 % of its (product, importer) grid
    cap = 0.9 * 0.4 * n_importers / max(mean_partners, 1e-9)
    w = _cap_mean_one(grng.lognormal(0.0, 1.0, n_exporters), max(cap, 1.0))
    prod_arr = np.asarray(prods, dtype=object)
    imp_arr = np.asarray(importers, dtype=object)
    year_arr = np.arange(years[0], years[1] + 1, dtype=np.int64)

    meta = {
        "valuechain.synthetic": "true",
        "valuechain.unit": _UNIT,
        "valuechain.hs_revision": "synthetic",
        "valuechain.generator": json.dumps(
            dict(n_exporters=n_exporters, n_products=n_products, n_importers=n_importers, years=list(years),
                 mean_partners=mean_partners, seed=seed, quantities=quantities)
        ),
    }

    def block_frame(e: int, arr: dict[str, np.ndarray]) -> pd.DataFrame:
        order = np.lexsort((arr["p"], arr["m"], arr["t"]))
        df = pd.DataFrame(
            {
                "year": year_arr[arr["t"][order]],
                "exporter": exporters[e],
                "importer": imp_arr[arr["m"][order]],
                "product": prod_arr[arr["p"][order]],
                "value": arr["value"][order],
                "quantity": arr["quantity"][order] if quantities else np.full(len(order), np.nan),
            }
        )
        return df

    def blocks():
        for e in range(n_exporters):
            rng = np.random.default_rng(e_seeds[e])
            arr = _exporter_block(
                rng, e, w_e=float(w[e]), n_products=n_products, n_importers=n_importers,
                importer_index_of_exporter=imp_pos.get(exporters[e]), T=T, mean_partners=mean_partners,
                b=b, a=a, uv=uv, quantities=quantities,
            )
            yield e, block_frame(e, arr)
            if progress is not None:
                progress(e + 1, n_exporters)

    if path is None:
        df = pd.concat([f for _, f in blocks()], ignore_index=True)
        df = df.sort_values(["year", "exporter", "importer", "product"], kind="mergesort").reset_index(drop=True)
        df.attrs.update(synthetic=True, unit=_UNIT, seed=seed)
        return df

    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(path)
    if out.exists() and any(out.iterdir()):
        raise ValidationError(f"{out} is not empty; give a new folder for the synthetic panel")
    out.mkdir(parents=True, exist_ok=True)
    schema = pa.schema(
        [("year", pa.int64()), ("exporter", pa.string()), ("importer", pa.string()), ("product", pa.string()),
         ("value", pa.float64()), ("quantity", pa.float64())]
    ).with_metadata(meta)
    buf: list[pd.DataFrame] = []
    n_buf = n_rows = n_files = 0

    def flush():
        nonlocal buf, n_buf, n_files
        if not buf:
            return
        tbl = pa.Table.from_pandas(pd.concat(buf, ignore_index=True), schema=schema, preserve_index=False)
        tmp = out / f".part-{n_files:05d}.parquet.tmp"
        pq.write_table(tbl, tmp, row_group_size=500_000, compression="zstd")
        os.replace(tmp, out / f"part-{n_files:05d}.parquet")
        n_files += 1
        buf, n_buf = [], 0

    for _, f in blocks():
        buf.append(f)
        n_buf += len(f)
        n_rows += len(f)
        if n_buf >= rows_per_file:
            flush()
    flush()
    (out / "SYNTHETIC.md").write_text(
        "# SYNTHETIC trade panel (not observed data)\n\nMade by valuechain.trade.synthetic.synthetic_panel with\n"
        f"{meta['valuechain.generator']}\n\nValues in {_UNIT}; quantities in tons.\n",
        encoding="utf-8",
    )
    return SyntheticPanelInfo(path=out, n_rows=n_rows, n_files=n_files, exporters=tuple(exporters), products=n_products,
                              years=tuple(years), seed=seed)


def synthetic_gdp_per_capita(countries: Sequence[str], years: tuple[int, int], *, seed: int = 0) -> pd.DataFrame:
    """A SYNTHETIC GDP per capita (PPP, constant USD) table ``year, country, gdppc`` for tests and demos.

    Levels are lognormal across countries (median 12,000) with 2 % mean growth and noise.

    Parameters
    ----------
    countries : sequence of str
        ISO3 codes.
    years : (int, int)
        First and last year (inclusive).
    seed : int, default 0
        Seed of the draws.

    Returns
    -------
    DataFrame
        Columns ``year, country, gdppc`` (PPP, constant USD; synthetic).

    Examples
    --------
    >>> g = synthetic_gdp_per_capita(["AUS", "KAZ"], (2000, 2001))
    >>> g.shape, list(g.columns)
    ((4, 3), ['year', 'country', 'gdppc'])
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, 7]))
    n, T = len(countries), years[1] - years[0] + 1
    level = rng.lognormal(np.log(12_000), 1.0, n)
    growth = np.cumsum(rng.normal(0.02, 0.03, (n, T)), axis=1)
    g = level[:, None] * np.exp(growth)
    df = pd.DataFrame(
        {
            "year": np.tile(np.arange(years[0], years[1] + 1), n),
            "country": np.repeat(np.asarray(countries, dtype=object), T),
            "gdppc": g.ravel().round(2),
        }
    )
    df.attrs["synthetic"] = True
    return df
