r"""Exports by destination: partners, country groups with membership by year, coverage, markets.

A partner file rarely holds every destination. Every share computed here therefore comes
with the file's **coverage** of the year,

.. math:: c_t = \frac{\sum_{p \in F_t} X_{pt}}{X_t},

the sum over the partners :math:`F_t` in the file over the country's total exports
:math:`X_t` from a stated source. The share of a partner or group :math:`g` in total exports,
:math:`s_{gt} = X_{gt} / X_t`, is computed only when :math:`\underline{c} \le c_t \le 1`
(``min_coverage``, default 0.85); otherwise it is left empty and the note says why. The
share among the file's partners, :math:`X_{gt} / \sum_{p \in F_t} X_{pt}`, is always given
and named as such.

Market indicators, on shares of total exports where coverage allows:

* ``markets``: the number of the file's partners with exports (a lower bound of the
  countries reached: the file holds 61-71 partners);
* ``hhi``: :math:`\sum_{p \in F_t} s_{pt}^2` (0-1), a lower bound; ``hhi_upper`` adds
  :math:`(1 - c_t)^2`, the case of the uncovered remainder going to one market outside
  the file;
* ``top5_share``: the five largest partners' share of total exports; ``top5_exact`` is
  true when the uncovered remainder is smaller than the fifth share (no partner outside the
  file can enter the top five).

Groups come from :func:`valuechain.tables.groups.country_groups` (membership in each year,
e.g. the United Kingdom in the EU to 2019); a partner in two of the chosen groups in one
year is an error; partners in none are in ``rest`` (default ``"ROW"``).

References
----------
Reis, J. G. and Farole, T. (2012). *Trade Competitiveness Diagnostic Toolkit*. World Bank,
ch. 3 (market concentration, Herfindahl-Hirschman index of markets, top-five shares).

Examples
--------
>>> import pandas as pd
>>> pe = pd.DataFrame({"year": 2019, "partner": ["CHN", "RUS", "DEU", "GBR"], "value": [50.0, 20.0, 15.0, 5.0]})
>>> tot = pd.DataFrame({"year": [2019], "total": [100.0], "source": ["hand"]})
>>> r = export_destinations(pe, tot, groups=("EU", "CHINA", "EAEU"))
>>> r.table.set_index("group")["share_of_total_pct"].round(1).to_dict()
{'EU': 20.0, 'CHINA': 50.0, 'EAEU': 20.0, 'ROW': 0.0}
>>> round(float(r.markets["hhi"].iloc[0]), 4), round(float(r.markets["hhi_upper"].iloc[0]), 4)
(0.315, 0.325)
"""

from __future__ import annotations

import dataclasses
import os
from typing import ClassVar, Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin, identity_row
from ..tables.groups import country_groups, groups_version

__all__ = ["export_destinations", "DestinationsResult", "SEED_DESTINATION_GROUPS", "MIN_COVERAGE", "product_partner_detail"]

#: The seed's Table 2 rows (World Bank 2020): EU (members at the time), China, EEU (the
#: 2015 members in every year), CIS countries outside the EEU, ASEAN, USA; the rest is ROW.
SEED_DESTINATION_GROUPS: tuple[str, ...] = ("EU", "CHINA", "EAEU_2015", "CIS_NON_EAEU", "ASEAN", "USA")
#: Below this coverage no share of total exports is computed.
MIN_COVERAGE = 0.85


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class DestinationsResult(ResultMixin):
    """Exports by destination group (``table``), by partner (``partners``) and market indicators (``markets``).

    ``table``: ``year, group, group_name, value, unit, share_of_held_pct, share_of_total_pct,
    coverage_pct, total, total_source, source, partners, members_not_in_file`` (members of the
    group in that year that the partner file cannot hold, e.g. Uzbekistan), ``note``. ``partners``: the same per
    partner (with its ``group``). ``markets``: ``year, markets, partners_in_file, hhi,
    hhi_upper, top5_share_pct, top5_exact, top5, coverage_pct, source, total_source, note``.
    ``coverage``: one row per year (``year, held, total, coverage_pct, total_source,
    shares_of_total``). Built by :func:`export_destinations`; users read it. ``check()``
    verifies that the groups add up to the partners and the shares to 100 (or to the
    coverage).

    Parameters
    ----------
    table : DataFrame
        Exports by destination group and year (columns above).
    partners : DataFrame
        The same per partner.
    markets : DataFrame
        Market indicators by year (number of markets, HHI, top-5 share).
    coverage : DataFrame
        Coverage of the partner file against the total, by year.
    flags : tuple of str
        Provenance flags, repeated in every output.
    groups_version : str
        The version of the country-groups file used.

    Examples
    --------
    >>> import pandas as pd
    >>> pe = pd.DataFrame({"year": 2022, "partner": ["CHN", "RUS", "DEU", "USA"], "value": [40.0, 30.0, 20.0, 10.0]})
    >>> totals = pd.DataFrame({"year": [2022], "total": [100.0], "source": ["hand"]})
    >>> r = export_destinations(pe, totals, unit="million USD", source="hand")
    >>> r.coverage[["year", "held", "total", "coverage_pct"]]
       year   held  total  coverage_pct
    0  2022  100.0  100.0         100.0
    >>> r.identities_hold()
    True
    """

    table: pd.DataFrame
    partners: pd.DataFrame
    markets: pd.DataFrame
    coverage: pd.DataFrame
    flags: tuple = ()
    groups_version: str = ""
    title: ClassVar[str] = "Exports by destination"

    def _summary_lines(self) -> list[str]:
        out = []
        for _, r in self.coverage.iterrows():
            cov = "no total held" if pd.isna(r["coverage_pct"]) else f"coverage {r['coverage_pct']:.1f}% of {r['total_source']}"
            out.append(f"{int(r['year'])}: {r['held']:,.0f} {self.table['unit'].iloc[0] if len(self.table) else ''} held, {cov}; "
                       f"shares of total {'computed' if r['shares_of_total'] else 'not computed'}")
        return out

    def _identity_rows(self) -> list[dict]:
        rows = []
        for y, g in self.table.groupby("year"):
            held = self.partners.loc[self.partners["year"] == y, "value"].sum()
            rows.append(identity_row(f"{y}: groups add up to the partners", abs(g["value"].sum() - held), scale=held))
            rows.append(identity_row(f"{y}: shares of the held partners add up to 100", abs(g["share_of_held_pct"].sum() - 100.0), scale=100.0))
            st = g["share_of_total_pct"]
            if st.notna().all():
                cov = float(g["coverage_pct"].iloc[0])
                rows.append(identity_row(f"{y}: shares of total add up to the coverage", abs(st.sum() - cov), scale=100.0))
        return rows

    def wide(self, *, by: str = "group") -> pd.DataFrame:
        """One row per group (or partner, ``by="partner"``), value and share-of-total columns per year."""
        t = self.table if by == "group" else self.partners
        key = "group" if by == "group" else "partner"
        v = t.pivot_table(index=key, columns="year", values="value", aggfunc="sum", sort=False)
        s = t.pivot_table(index=key, columns="year", values="share_of_total_pct", aggfunc="sum", sort=False, dropna=False)
        v.columns = [f"value {c}" for c in v.columns]
        s.columns = [f"share of total % {c}" for c in s.columns]
        return pd.concat([v, s], axis=1).reset_index()


def _check_frame(pe: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(pe, pd.DataFrame):
        raise TypeError(f"partner exports must be a DataFrame with year, partner, value; got {type(pe).__name__}")
    miss = [c for c in ("year", "partner", "value") if c not in pe.columns]
    if miss:
        raise ValidationError(f"partner exports lack column(s) {', '.join(miss)}; give year, partner (ISO3), value")
    v = pd.to_numeric(pe["value"], errors="coerce")
    if v.isna().any() or not np.isfinite(v).all():
        raise ValidationError("partner exports hold NaN, infinite or non-numeric values; drop or fix those rows")
    if (v < 0).any():
        raise ValidationError("partner exports hold negative values; exports are non-negative")
    y = pd.to_numeric(pe["year"], errors="coerce")
    if y.isna().any() or (y != np.round(y)).any():
        raise ValidationError("partner exports hold years that are not whole numbers; fix the year column")
    p = pe["partner"].astype(str)
    bad = sorted({c for c in p if len(c) != 3 or not c.isalpha() or not c.isupper()})
    if bad:
        shown = ", ".join(repr(c) for c in bad[:5])
        raise ValidationError(f"partner codes {shown} are not ISO 3166 alpha-3 codes; give three capital letters, e.g. CHN")
    out = pd.DataFrame({"year": y.astype(int), "partner": p, "value": v.astype(float)})
    out["partner_name"] = pe["partner_name"].astype(str) if "partner_name" in pe.columns else out["partner"]
    if out.duplicated(["year", "partner"]).any():
        raise ValidationError("a partner appears twice in one year; give one row per year and partner")
    return out


def _totals_by_year(totals: pd.DataFrame | None) -> dict[int, tuple[float, str]]:
    if totals is None:
        return {}
    if not isinstance(totals, pd.DataFrame) or not {"year", "total"} <= set(totals.columns):
        raise ValidationError("totals must be a DataFrame with year, total (and source); e.g. valuechain.datasets.kaz_export_totals()")
    out: dict[int, tuple[float, str]] = {}
    for _, r in totals.iterrows():
        t = pd.to_numeric(pd.Series([r["total"]]), errors="coerce").iloc[0]
        if pd.isna(t) or not np.isfinite(t) or t <= 0:
            raise ValidationError(f"total exports of {r['year']} is {r['total']!r}; give a positive finite number")
        y = int(r["year"])
        if y not in out:  # the first row of a year wins (the caller orders by preference)
            out[y] = (float(t), str(r.get("source", "stated total")))
    return out


def export_destinations(partner_exports: pd.DataFrame, totals: pd.DataFrame | None = None, *,
                        years: Iterable[int] | None = None, groups: Sequence[str] = SEED_DESTINATION_GROUPS,
                        rest: str = "ROW", min_coverage: float = MIN_COVERAGE, groups_file: str | os.PathLike | None = None,
                        unit: str | None = None, source: str | None = None, exporter: str = "KAZ") -> DestinationsResult:
    """Exports by partner and by country group with coverage beside every share.

    Parameters
    ----------
    partner_exports : DataFrame
        ``year, partner (ISO3), value`` (``partner_name`` optional), e.g.
        :func:`valuechain.datasets.kaz_partner_exports`. ``attrs["source"]`` and
        ``attrs["unit"]`` are carried unless ``source``/``unit`` are given.
    totals : DataFrame, optional
        ``year, total, source``: the country's total exports in the same unit; the first row
        of a year is used (order them by preference), e.g.
        :func:`valuechain.datasets.kaz_export_totals`. Without a total for a year, no share
        of total exports, HHI or top-5 share is computed for it.
    years : iterable of int, optional
        Years to keep (default: every year of the file). A year the file does not hold is
        an error.
    groups : sequence of str
        Keys of the groups file (default :data:`SEED_DESTINATION_GROUPS`, the seed's Table 2).
    rest : str
        Name of the remainder group.
    min_coverage : float
        Coverage (0-1] below which shares of total exports are refused (default 0.85).
    groups_file : path, optional
        A groups file in the layout of ``valuechain/data/country_groups.toml``.
    unit : str, optional
        The unit of the values (default: ``partner_exports.attrs["unit"]``, else ``"as given"``).
    source : str, optional
        The source of the partner file (default: ``partner_exports.attrs["source"]``).
    exporter : str
        The exporting country (left out of the groups' missing members).

    Returns
    -------
    DestinationsResult
        ``table`` (by group), ``partners``, ``markets`` (HHI, top-5 share), ``coverage``.

    Raises
    ------
    ValidationError
        Bad values (NaN, inf, negative), codes that are not ISO3, an unknown group, a
        partner in two groups in one year, a year not in the file, ``min_coverage`` outside
        (0, 1].

    Notes
    -----
    With :math:`x_{jt}` exports to partner j, :math:`H_t` the exports the file holds and
    :math:`X_t` the total:

    .. math:: s^{held}_{gt} = 100\\,\\frac{\\sum_{j \\in g} x_{jt}}{H_t}, \\quad
              s^{total}_{gt} = 100\\,\\frac{\\sum_{j \\in g} x_{jt}}{X_t}, \\quad
              HHI_t = \\sum_j \\Big(\\frac{x_{jt}}{X_t}\\Big)^2

    (``hhi`` sums over the partners in the file, a lower bound; ``hhi_upper`` adds the
    unheld rest as one partner).

    References
    ----------
    .. [1] Reis, J. G. and Farole, T. (2012). *Trade Competitiveness Diagnostic Toolkit*.
       World Bank, Washington DC (trade outcomes: market diversification and concentration).

    Examples
    --------
    >>> import pandas as pd
    >>> pe = pd.DataFrame({"year": 2022, "partner": ["CHN", "RUS", "DEU", "USA"], "value": [40.0, 30.0, 20.0, 10.0]})
    >>> totals = pd.DataFrame({"year": [2022], "total": [100.0], "source": ["hand"]})
    >>> r = export_destinations(pe, totals, unit="million USD", source="hand")
    >>> r.table[["group", "value", "share_of_total_pct"]]
              group  value  share_of_total_pct
    0            EU   20.0                20.0
    1         CHINA   40.0                40.0
    2     EAEU_2015   30.0                30.0
    3  CIS_NON_EAEU    0.0                 0.0
    4         ASEAN    0.0                 0.0
    5           USA   10.0                10.0
    6           ROW    0.0                 0.0
    >>> round(float(r.markets["hhi"].iloc[0]), 4)
    0.3
    """
    pe = _check_frame(partner_exports)
    src = source or str(partner_exports.attrs.get("source", "partner file"))
    un = unit or str(partner_exports.attrs.get("unit", "as given"))
    if not isinstance(min_coverage, (int, float)) or isinstance(min_coverage, bool) or not 0 < float(min_coverage) <= 1:
        raise ValidationError(f"min_coverage = {min_coverage!r}; give a share in (0, 1], e.g. 0.85")
    all_groups = country_groups(groups_file)
    unknown = [g for g in groups if g not in all_groups]
    if unknown:
        raise ValidationError(f"unknown country group(s) {', '.join(map(repr, unknown))}; choose from {', '.join(all_groups)}")
    if rest in groups:
        raise ValidationError(f"the remainder group {rest!r} is also one of the groups; give it another name")
    held_years = sorted(pe["year"].unique().tolist())
    if years is not None:
        ys = [int(y) for y in years]
        missing = [y for y in ys if y not in held_years]
        if missing:
            raise ValidationError(f"the partner file has no flows in {', '.join(map(str, missing))}; "
                                  f"it holds {held_years[0]}-{held_years[-1]}" if held_years else "the partner file is empty")
        pe = pe[pe["year"].isin(ys)]
    tots = _totals_by_year(totals)
    gv = groups_version(groups_file)

    part_rows, grp_rows, mkt_rows, cov_rows = [], [], [], []
    flags: list[str] = []
    for y, d in pe.groupby("year", sort=True):
        y = int(y)
        member = {}
        for g in groups:
            for c in all_groups[g].members(y):
                if c in member and c in set(d["partner"]):
                    raise ValidationError(f"{c} is in both groups {member[c]!r} and {g!r} in {y}; choose groups that do not overlap")
                member.setdefault(c, g)
        held = float(d["value"].sum())
        total, tsrc = tots.get(y, (np.nan, ""))
        cov = held / total if np.isfinite(total) else np.nan
        ok = bool(np.isfinite(cov) and min_coverage <= cov <= 1.0 + 1e-9)
        if not np.isfinite(cov):
            note = f"no total exports held for {y}: shares of total not computed"
        elif cov > 1.0 + 1e-9:
            note = (f"the file's partners sum to {100 * cov:.1f}% of the stated total ({tsrc}): the sources disagree, "
                    "shares of total not computed")
        elif cov < min_coverage:
            note = f"coverage {100 * cov:.1f}% < {100 * min_coverage:.0f}%: shares of total not computed"
        else:
            note = ""
        if note:
            flags.append(f"{y}: {note}")
        d = d.assign(group=d["partner"].map(member).fillna(rest))
        sh_held = 100 * d["value"] / held if held > 0 else np.nan
        sh_tot = 100 * d["value"] / total if ok else np.nan
        part_rows.append(pd.DataFrame({
            "year": y, "partner": d["partner"], "partner_name": d["partner_name"], "group": d["group"], "value": d["value"],
            "unit": un, "share_of_held_pct": sh_held, "share_of_total_pct": sh_tot, "coverage_pct": 100 * cov,
            "total": total, "total_source": tsrc, "source": src, "note": note}))
        in_file = set(partner_exports.attrs.get("partners_in_file", {}).get(y, ())) or set(d["partner"])
        for g in (*groups, rest):
            sel = d[d["group"] == g]
            absent = sorted(all_groups[g].members(y) - in_file - {exporter}) if g in all_groups else []
            v = float(sel["value"].sum())
            grp_rows.append({"year": y, "group": g, "group_name": all_groups[g].name if g in all_groups else "rest of the world (partners in no group)",
                             "value": v, "unit": un, "share_of_held_pct": 100 * v / held if held > 0 else np.nan,
                             "share_of_total_pct": 100 * v / total if ok else np.nan, "coverage_pct": 100 * cov,
                             "total": total, "total_source": tsrc, "source": src,
                             "partners": ", ".join(sorted(sel["partner"])), "members_not_in_file": ", ".join(absent),
                             "note": note})
        pos = d[d["value"] > 0].sort_values("value", ascending=False)
        n_file = len(partner_exports.attrs.get("partners_in_file", {}).get(y, ())) or len(d)
        if ok:
            s = pos["value"].to_numpy() / total
            hhi = float((s ** 2).sum())
            rem = max(0.0, 1.0 - cov)
            top = s[:5]
            mkt_rows.append({"year": y, "markets": len(pos), "partners_in_file": n_file, "hhi": hhi, "hhi_upper": hhi + rem ** 2,
                             "top5_share_pct": 100 * float(top.sum()), "top5_exact": bool(len(top) == 5 and rem < top[-1]),
                             "top5": ", ".join(pos["partner"].head(5)), "coverage_pct": 100 * cov, "source": src,
                             "total_source": tsrc, "note": "markets: partners of the file with exports (a lower bound)"})
        else:
            mkt_rows.append({"year": y, "markets": len(pos), "partners_in_file": n_file, "hhi": np.nan, "hhi_upper": np.nan,
                             "top5_share_pct": np.nan, "top5_exact": False, "top5": ", ".join(pos["partner"].head(5)),
                             "coverage_pct": 100 * cov, "source": src, "total_source": tsrc,
                             "note": note + "; HHI and top-5 share not computed"})
        cov_rows.append({"year": y, "held": held, "total": total, "coverage_pct": 100 * cov, "total_source": tsrc,
                         "shares_of_total": ok})
    if not part_rows:
        raise ValidationError("the partner file holds no flows in the chosen years")
    flags_t = tuple(partner_exports.attrs.get("flags", ()) or ()) + tuple(flags)
    return DestinationsResult(table=pd.DataFrame(grp_rows), partners=pd.concat(part_rows, ignore_index=True),
                              markets=pd.DataFrame(mkt_rows), coverage=pd.DataFrame(cov_rows), flags=flags_t, groups_version=gv)


def product_partner_detail(lines: pd.DataFrame, *, sectors: Sequence[tuple[str, Sequence[str]]] | None = None,
                           default: str = "Other", scope: str | None = None) -> pd.DataFrame:
    """Sector × partner detail of a product × partner extract, labelled as detail, never as a structure.

    ``lines``: ``year, partner, product (HS6), value`` (e.g.
    :func:`valuechain.datasets.kaz_product_partner_exports`: five partners' main lines).
    Products are grouped by the longest matching HS prefix of ``sectors`` (default: the seed's
    Table 1 sectors, :data:`valuechain.trade.DEFAULT_GROUPS`). Returns ``year, partner, sector,
    value, share_of_partner_lines_pct, scope``: the share is of the partner's lines **in the
    extract**, not of the country's exports to that partner nor of its total exports.

    Parameters
    ----------
    lines : DataFrame
        ``year, partner, product (HS6), value`` (``attrs["scope"]`` is carried).
    sectors : sequence of (str, sequence of str), optional
        (sector name, HS prefixes) pairs; default: :data:`valuechain.trade.DEFAULT_GROUPS`.
    default : str, default "Other"
        The sector of a product no prefix matches.
    scope : str, optional
        What the extract covers, written in the ``scope`` column.

    Returns
    -------
    DataFrame
        ``year, partner, sector, value, share_of_partner_lines_pct, scope``.

    Raises
    ------
    ValidationError
        If ``lines`` lacks a column, holds NaN, infinite, negative or non-numeric values, or
        a product code is not six digits.

    Examples
    --------
    >>> import pandas as pd
    >>> lines = pd.DataFrame({"year": 2022, "partner": ["CHN", "CHN", "RUS"],
    ...                       "product": ["270900", "720110", "270900"], "value": [6.0, 2.0, 5.0]})
    >>> product_partner_detail(lines, sectors=[("Oil", ["2709"]), ("Metals", ["72"])])[
    ...     ["partner", "sector", "value", "share_of_partner_lines_pct"]]
      partner  sector  value  share_of_partner_lines_pct
    0     CHN  Metals    2.0                        25.0
    1     CHN     Oil    6.0                        75.0
    2     RUS     Oil    5.0                       100.0
    """
    from .groups import DEFAULT_GROUPS

    if not isinstance(lines, pd.DataFrame) or not {"year", "partner", "product", "value"} <= set(lines.columns):
        raise ValidationError("lines must be a DataFrame with year, partner, product, value")
    v = pd.to_numeric(lines["value"], errors="coerce")
    if v.isna().any() or not np.isfinite(v.to_numpy()).all() or (v < 0).any():
        raise ValidationError("lines hold NaN, infinite, negative or non-numeric values; fix those rows")
    secs = list(DEFAULT_GROUPS.sectors if sectors is None else sectors)
    pref = sorted(((str(p), name) for name, ps in secs for p in ps), key=lambda t: -len(t[0]))
    prod = lines["product"].astype(str).str.zfill(6)
    if not prod.str.fullmatch(r"\d{6}").all():
        raise ValidationError("product codes must be HS 6-digit numbers; fix the product column")
    sector = prod.map(lambda c: next((n for p, n in pref if c.startswith(p)), default))
    d = pd.DataFrame({"year": lines["year"].astype(int), "partner": lines["partner"].astype(str), "sector": sector, "value": v})
    g = d.groupby(["year", "partner", "sector"], as_index=False)["value"].sum()
    g["share_of_partner_lines_pct"] = 100 * g["value"] / g.groupby(["year", "partner"])["value"].transform("sum")
    g["scope"] = scope or str(lines.attrs.get("scope", "product x partner detail of an extract; not a destination structure"))
    return g
