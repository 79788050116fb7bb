r"""Value added by country of origin x country of final absorption, with country groups.

The matrix :math:`\hat v B Y` (Johnson & Noguera 2012) traces every unit of value added to
the final demand that absorbs it. Grouping origins and destinations (e.g. EAEU, EU, China,
rest of world) gives the origin/destination tables of Stata icio (Belotti, Borin & Mancini
2021, ``origin()`` and ``destination()`` options).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import identity_row
from .core import GVCResultMixin, system_of
from ..tables.intercountry import InterCountryTable  # annotations
from .core import GVCSystem  # annotations

__all__ = ["VAAbsorptionResult", "va_absorption", "parse_groups"]


def parse_groups(spec: str) -> dict[str, str]:
    """Parse ``"EAEU=KAZ,RUS,BLR;EU=DEU,FRA"`` into ``{"KAZ": "EAEU", ...}``.

    Parameters
    ----------
    spec : str
        Groups separated by ``;``, each ``NAME=C1,C2,...`` (spaces around names ignored).

    Returns
    -------
    dict of str to str
        Country -> group name.

    Raises
    ------
    ValidationError
        If a group has no ``=``, a country is in two groups, or ``spec`` holds no group.

    Examples
    --------
    >>> parse_groups("EAEU=KAZ,RUS; CN=CHN")
    {'KAZ': 'EAEU', 'RUS': 'EAEU', 'CHN': 'CN'}
    """
    out: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(";")):
        if not part:
            continue
        if "=" not in part:
            raise ValidationError(f"group {part!r} has no '='; write groups as NAME=C1,C2;NAME2=C3")
        name, members = part.split("=", 1)
        name = name.strip()
        for m in (x.strip() for x in members.split(",")):
            if not m:
                continue
            if m in out and out[m] != name:
                raise ValidationError(f"country {m} is in two groups ({out[m]} and {name}); put each country in one group")
            out[m] = name
    if not out:
        raise ValidationError(f"no groups in {spec!r}; write groups as NAME=C1,C2;NAME2=C3")
    return out


@dataclass(frozen=True, eq=False)
class VAAbsorptionResult(GVCResultMixin):
    """Value added by origin (rows) and final absorption (columns).

    ``matrix``: DataFrame origin x destination (the table's units); ``table``: the same in
    long form (``origin``, ``destination``, ``VA``, ``share_of_origin_VA``). Built by
    :func:`va_absorption`; users read it. ``check()`` verifies that the rows add up to each
    origin's value added and the columns to each destination's final demand.

    Parameters
    ----------
    matrix : DataFrame
        Value added by origin (rows, country or group) absorbed in the final demand of each
        destination (columns), in the table's unit.
    va : Series
        Value added by origin.
    final_demand : Series
        Final demand by destination.
    flags : tuple of str
        Provenance flags of the table, repeated in every output.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = va_absorption(synthetic_icio(3, 2, seed=1))
    >>> r.matrix.round(1)
    destination    C00    C01    C02
    origin
    C00          106.7   50.9   65.3
    C01           42.8  150.1   78.0
    C02           47.9   49.7  152.4
    >>> r.identities_hold()
    True
    """

    matrix: pd.DataFrame
    va: pd.Series  # value added by origin (group)
    final_demand: pd.Series  # final demand by destination (group)
    flags: tuple[str, ...] = ()
    title = "Value added by origin and final absorption"
    method = "Value added by origin x final absorption"

    @property
    def table(self) -> pd.DataFrame:
        m = self.matrix
        long = m.stack().rename("VA").reset_index()
        long.columns = ["origin", "destination", "VA"]
        tot = long.groupby("origin", sort=False)["VA"].transform("sum")
        long["share_of_origin_VA"] = np.where(tot != 0, long["VA"] / tot.where(tot != 0, 1.0), np.nan)
        return long

    def at(self, level: str = "country") -> pd.DataFrame:
        return self.table

    def _identity_rows(self) -> list[dict]:
        m = self.matrix.to_numpy()
        sc = float(np.abs(m).sum()) or 1.0
        return [
            identity_row("row sums = value added of the origin", float(np.max(np.abs(m.sum(1) - self.va.to_numpy()))), scale=sc),
            identity_row("column sums = final demand of the destination",
                         float(np.max(np.abs(m.sum(0) - self.final_demand.to_numpy()))), scale=sc),
        ]


def _labels(countries: Sequence[str], groups: Mapping[str, str] | None, rest: str | None, what: str) -> list[str]:
    if groups is None:
        return list(countries)
    unknown = sorted(set(groups) - set(countries))
    if unknown:
        raise ValidationError(f"{what} groups name countries not in the table: {', '.join(unknown[:5])}; use the table's country codes")
    return [groups.get(c, rest if rest is not None else c) for c in countries]


def va_absorption(table: InterCountryTable | GVCSystem, *, origin_groups: Mapping[str, str] | None = None,
                  destination_groups: Mapping[str, str] | None = None, rest: str | None = None,
                  by_industry: bool = False) -> VAAbsorptionResult:
    r"""Value added of each origin absorbed by the final demand of each destination.

    .. math:: F_{od} = \sum_{i \in o} v_i \, (B Y)_{i,d}, \qquad
              \textstyle\sum_d F_{od} = VA_o, \quad \sum_o F_{od} = \sum_i Y_{i,d}

    Parameters
    ----------
    table : InterCountryTable or GVCSystem
        A balanced inter-country table with value added and final demand by destination
        (or the system built from one, to share its inverses between methods).
    origin_groups, destination_groups : mapping country -> group, optional
        E.g. ``{"KAZ": "EAEU", "RUS": "EAEU", "CHN": "China"}``. Countries not named keep
        their own code, or go to ``rest`` when it is given (e.g. ``"Rest of world"``).
    rest : str, optional
        The group of every country not named in ``origin_groups`` / ``destination_groups``
        (default: such countries keep their own code).
    by_industry : bool
        Origins as country-industries (``"KAZ|B05_06"``); groups then apply to the country.

    Returns
    -------
    VAAbsorptionResult
        ``.matrix``: origin x destination (the table's unit; groups in order of first
        appearance); ``.table``: the same in long form (``origin``, ``destination``, ``VA``,
        ``share_of_origin_VA``). ``check()`` verifies the row sums (value added of the
        origin) and column sums (final demand of the destination).

    Raises
    ------
    ValidationError
        If a group names a country that is not in the table, or the table cannot carry value-added terms: one
        read with ``format="zx"`` (intermediate flows and output only) or one that keeps
        processing splits (use ``table.merge_splits()`` or ``decomposition(..., terms="standard")``).
    NotProductiveError
        If the global coefficient matrix :math:`A` is not productive (:math:`B = (I - A)^{-1}`
        undefined) or a domestic block :math:`I - A_{ss}` is singular.
    TypeError
        If ``table`` is neither an :class:`~valuechain.gvc.InterCountryTable` nor a
        :class:`~valuechain.gvc.core.GVCSystem`.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = va_absorption(synthetic_icio(3, 2, seed=1), origin_groups={"C01": "G"}, rest="other")
    >>> list(r.matrix.index)  # in order of first appearance (C00 is in no group)
    ['other', 'G']
    >>> r.identities_hold()
    True

    References
    ----------
    .. [1] Johnson, R. C. and Noguera, G. (2012). Accounting for intermediates: production
       sharing and trade in value added. *Journal of International Economics* 86(2),
       224-236, eq. (4).

    .. [2] Belotti, F., Borin, A. and Mancini, M. (2021). icio: Economic analysis with
       intercountry input-output tables. *The Stata Journal* 21(3), 708-755.
    """
    S = system_of(table)
    G, N = S.G, S.N
    F = S.v[:, None] * S.BY  # (GN, G)
    olab = _labels(S.countries, origin_groups, rest, "origin")
    dlab = _labels(S.countries, destination_groups, rest, "destination")
    if by_industry:
        rows = [f"{olab[c]}|{S.industries[k]}" for c in range(G) for k in range(N)]
    else:
        rows = [olab[c] for c in range(G) for _ in range(N)]
    df = pd.DataFrame(F, index=rows, columns=dlab)
    m = df.T.groupby(level=0, sort=False).sum().T.groupby(level=0, sort=False).sum()
    va = pd.Series(S.va, index=rows).groupby(level=0, sort=False).sum().loc[m.index]
    fd = pd.Series(S.Y.sum(0), index=dlab).groupby(level=0, sort=False).sum().loc[m.columns]
    m.index.name, m.columns.name = "origin", "destination"
    return VAAbsorptionResult(matrix=m, va=va, final_demand=fd, flags=S.flags)
