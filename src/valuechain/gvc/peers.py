r"""Peers as the study defines them: one source per comparison, missing peers named once.

A comparison of a country with its peers is like for like only when one source holds the
country and every peer in the same classification and years. :func:`peer_view` takes the
long frame of one source (e.g. the ADB 35-sector RCA 2000-2022, ADB participation
2017-2022, or measures from the OECD ICIO 2022), keeps the country and the peers it holds,
and names the peers it does not hold in one line (``message``), never silently dropping
them. :func:`icio_peer_measures` gives the peers' measures from one inter-country table.

The default peers are the seed's comparators (group ``KAZ_SEED_PEERS`` of
``valuechain/data/country_groups.toml``: Azerbaijan, Chile, Indonesia, Mexico, Russia,
Thailand, Viet Nam).

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"iso3": ["KAZ", "RUS", "MEX"], "year": 2022, "value": [1.0, 2.0, 3.0]})
>>> v = peer_view(f, country="KAZ", peers=["RUS", "MEX", "AZE"], source="a source")
>>> v.present, v.missing
(('RUS', 'MEX'), ('AZE',))
>>> v.message
'Not in a source: AZE; compared: RUS, MEX.'
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin
from ..tables.groups import group_members
from .zx import input_sourcing

__all__ = ["peer_view", "PeerView", "default_peers", "icio_peer_measures"]


def default_peers(path=None) -> tuple[str, ...]:
    """The seed's comparators (group ``KAZ_SEED_PEERS``), sorted: AZE, CHL, IDN, MEX, RUS, THA, VNM."""
    return tuple(sorted(group_members("KAZ_SEED_PEERS", path=path)))


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class PeerView(ResultMixin):
    """The country and its peers in one source.

    ``table``: the source's rows for the country and the peers it holds, with ``role``
    (``country`` / ``peer``) and ``source``; ``present`` and ``missing`` peers (in the order
    given); ``message``: one line naming the missing peers (empty when none is missing).
    """

    table: pd.DataFrame
    country: str
    present: tuple
    missing: tuple
    source: str
    message: str = ""
    flags: tuple = ()
    title: ClassVar[str] = "Country and peers"

    def _summary_lines(self) -> list[str]:
        return [f"{self.country} and {len(self.present)} peers in {self.source}"]  # the message is in the flags

    def pivot(self, value: str, *, columns: str = "year", index: str = "iso3", **filters) -> pd.DataFrame:
        """One row per economy (country first, then peers in order), ``value`` by ``columns``; ``filters`` select rows."""
        t = self.table
        for k, v in filters.items():
            t = t[t[k] == v]
        w = t.pivot_table(index=index, columns=columns, values=value, aggfunc="first")
        return w.reindex([c for c in (self.country, *self.present) if c in w.index])


def peer_view(frame: pd.DataFrame, *, country: str, peers: Sequence[str] | None = None, source: str,
              economy: str = "iso3", names: Mapping[str, str] | None = None, require_country: bool = True) -> PeerView:
    """Keep ``country`` and ``peers`` from one source's long frame; name the peers it lacks.

    Parameters
    ----------
    frame : DataFrame
        One source, one classification: a column ``economy`` (ISO3) and any measures.
    country : str
        The country studied (must be in the frame).
    peers : sequence of str, optional
        ISO3 codes (default :func:`default_peers`).
    source : str
        The source's name, used in the message.
    names : mapping, optional
        ISO3 → display name for the message.
    require_country : bool
        ``False``: a source without the country gives an empty view whose ``message`` says
        so (for a report that lists every source), instead of an error.

    Raises
    ------
    ValidationError
        The country is not in the source, a code is not ISO3, or no column ``economy``.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a DataFrame, got {type(frame).__name__}")
    if economy not in frame.columns:
        raise ValidationError(f"the frame has no column {economy!r}; give the column holding ISO3 codes")
    ps = list(default_peers() if peers is None else peers)
    for c in [country, *ps]:
        if not isinstance(c, str) or len(c) != 3 or not c.isalpha() or not c.isupper():
            raise ValidationError(f"{c!r} is not an ISO 3166 alpha-3 code; give three capital letters, e.g. RUS")
    held = set(frame[economy].dropna().astype(str))
    ps = [p for p in dict.fromkeys(ps) if p != country]
    if country not in held:
        if require_country:
            raise ValidationError(f"{country} is not in {source}; choose a source that holds it")
        msg = f"{country} is not in {source}: no comparison with its peers from it."
        return PeerView(table=frame.iloc[0:0].assign(role=pd.Series(dtype=str), source=source), country=country, present=(),
                        missing=tuple(ps), source=source, message=msg, flags=(msg,))
    present = tuple(p for p in ps if p in held)
    missing = tuple(p for p in ps if p not in held)
    nm = names or {}
    msg = ""
    if missing:
        lbl = ", ".join(f"{nm[m]} ({m})" if m in nm else m for m in missing)
        msg = f"Not in {source}: {lbl}; compared: {', '.join(present) if present else 'none'}."
    t = frame[frame[economy].isin([country, *present])].copy()
    t["role"] = np.where(t[economy] == country, "country", "peer")
    t["source"] = source
    order = {c: k for k, c in enumerate([country, *present])}
    t = t.sort_values(economy, key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    flags = tuple(frame.attrs.get("flags", ()) or ()) + ((msg,) if msg else ())
    return PeerView(table=t, country=country, present=present, missing=missing, source=source, message=msg, flags=flags)


def icio_peer_measures(icio, countries: Sequence[str], *, year: int | None = None, source: str = "") -> pd.DataFrame:
    r"""Measures of each country from one inter-country table (intermediate flows and output).

    For country :math:`s` with intermediate inputs :math:`M_{t \to s} = \sum_{i,j} Z_{ti,sj}`:

    .. math:: \text{imported share}_s = 100\,\frac{\sum_{t \ne s} M_{t \to s}}{\sum_t M_{t \to s}}, \qquad
              \text{intermediate export share}_s = 100\,\frac{\sum_{t \ne s} M_{s \to t}}{\sum_t M_{s \to t}}

    Returns a long frame ``iso3, year, measure, value, unit, definition, source``; a country
    the table does not hold is left out (use :func:`peer_view` to name it).
    """
    cs = [c for c in countries if c in set(icio.countries)]
    G, N = len(icio.countries), len(icio.industries)
    Z4 = icio.Z.to_numpy(float).reshape(G, N, G, N)
    rows = []
    allc = list(icio.countries)
    for c in cs:
        p = input_sourcing(icio, c)
        dom = float(p.loc[p["partner"] == c, "intermediate_inputs"].sum())
        tot = float(p["intermediate_inputs"].sum())
        k = allc.index(c)
        sales = Z4[k].sum(axis=(0, 2))  # by buying country
        rows.append((c, year, "imported intermediates, share of intermediate inputs", 100 * (tot - dom) / tot if tot > 0 else np.nan, "percent",
                     "intermediate inputs bought from the other economies of the table over all intermediate inputs (not value added)", source))
        rows.append((c, year, "intermediate exports, share of intermediate sales", 100 * (sales.sum() - sales[k]) / sales.sum() if sales.sum() > 0 else np.nan,
                     "percent", "intermediate sales to the other economies of the table over all intermediate sales", source))
    return pd.DataFrame(rows, columns=["iso3", "year", "measure", "value", "unit", "definition", "source"])
