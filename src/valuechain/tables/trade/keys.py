r"""An exact test for repeated keys inside one aggregation (issue 24).

A repeated ``(year, exporter, importer, product)`` key changes a total without a word, and a
full grouping by every key column costs several times the aggregation that reads the rows.
Here each code of a key column gets one bit (:data:`KEY_CODES`, in chunks of 62 bits), the
aggregation sums the bits per group (:func:`key_bits`), and a group holds a repeat iff its
row count exceeds the set bits of its sums (:func:`duplicate_excess`): one extra integer sum
per chunk in the aggregation that runs anyway. Used by the one-country aggregation
(:func:`valuechain.tables.trade.country.country_view`); :mod:`valuechain.tables.trade.checks`
names the offending row when the count is not zero.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, Iterable

from ...errors import ValidationError

if TYPE_CHECKING:  # annotations only: Ibis is imported on use (the one-pass CLI path reads KEY_CODES without it)
    import ibis.expr.types as ir

__all__ = ["KEY_CODES", "EXTRA_CODES", "PLAUSIBLE_YEARS", "known_iso3", "parse_years", "key_bits", "duplicate_excess"]


#: the codes that get their own bit in the duplicate-key test of :func:`key_bits` (ISO 3166
#: alpha-3 codes of ``country_converter`` and :data:`~valuechain.tables.trade.schema.EXTRA_CODES`;
#: tests/tables/trade/test_checks.py checks it against the installed ``country_converter``).
#: Any other code shares one bit: two such codes in one group look like a repeat, and the exact
#: check (:func:`valuechain.tables.trade.checks.check_unique`) then decides.
KEY_CODES: tuple[str, ...] = tuple("""
ABW AFG AGO AIA ALA ALB AND ANT ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH
BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CSK CUB
CUW CXR CYM CYP CZE DDR DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO
GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ
ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF
MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC
NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA S19 SAU
SCG SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUN SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO
THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLD WLF WSM
XKX YEM YUG ZAF ZMB ZWE
""".split())

#: years accepted as plausible for trade data (Comtrade starts in 1962, BACI in 1995)
PLAUSIBLE_YEARS = (1900, 2100)

#: codes accepted besides current ISO3 codes (historical BACI / Comtrade entities)
EXTRA_CODES = frozenset({"ANT", "SCG", "TWN", "XKX", "YUG", "SUN", "CSK", "DDR", "S19", "WLD"})


@functools.lru_cache(maxsize=1)
def known_iso3() -> frozenset[str]:
    """ISO alpha-3 codes known to ``country_converter`` plus a few historical entities.

    A snapshot of country_converter's ISO3 column (:data:`KEY_CODES`; no import of it and
    its table on every run; tests/tables/trade/test_checks.py checks it against the
    installed country_converter) and :data:`EXTRA_CODES`.

    Returns
    -------
    frozenset of str
        The codes.

    Examples
    --------
    >>> {"KAZ", "SUN"} <= known_iso3(), "XXX" in known_iso3()
    (True, False)
    """
    return frozenset(KEY_CODES) | EXTRA_CODES


def parse_years(text: str | tuple[int, int] | None) -> tuple[int, int] | None:
    r"""Parse ``"2000-2018"`` (or ``"2018"``) into ``(2000, 2018)``; ``None`` passes through.

    Parameters
    ----------
    text : str, (int, int) or None
        ``"FIRST-LAST"`` (or ``"FIRST:LAST"``, or one year ``"YYYY"``); a tuple or ``None``
        is returned as is.

    Returns
    -------
    (int, int) or None
        The inclusive range.

    Raises
    ------
    ValidationError
        If the text is not one or two four-digit years, or the range ends before it starts.

    Examples
    --------
    >>> parse_years("2000-2018"), parse_years("2018"), parse_years(None)
    ((2000, 2018), (2018, 2018), None)
    >>> parse_years("2018-2000")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: year range '2018-2000' ends before it starts; ...
    """
    if text is None or isinstance(text, tuple):
        return text
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-:]\s*(\d{4})\s*)?", str(text))
    if not m:
        raise ValidationError(f"cannot read the year range {text!r}; write it as 2000-2018 or 2018")
    a, b = int(m.group(1)), int(m.group(2) or m.group(1))
    if b < a:
        raise ValidationError(f"year range {text!r} ends before it starts; write it as FIRST-LAST, e.g. 2000-2018")
    return a, b


_CHUNK_BITS = 62  # bits per chunk: a sum of distinct powers of two below 2**62 cannot overflow int64


def key_bits(t: ir.Table, column: str, codes: Iterable[str] | None = None, *,
             prefix: str = "kb_") -> tuple[ir.Table, dict[str, ir.Value], int]:
    r"""The aggregations of an exact test for repeated ``column`` values within each group.

    Each code of ``codes`` (default :data:`KEY_CODES`) gets a bit :math:`j`; a code not in
    the list, or a missing one, gets the bit :math:`J` = ``len(codes)``. The bits are split
    into chunks of 62, and the aggregation sums, per group and chunk :math:`k`,

    .. math:: s_k = \sum_{r \in \text{group}} 2^{\,j_r - 62k}\,\mathbf 1[62k \le j_r < 62(k+1)]

    (the powers come from a small table joined to ``t``, so a row costs a join and integer
    additions). A sum of :math:`n` powers of two has :math:`n` set bits if and only if they
    are distinct (a repeat carries), so the group's rows repeat a code iff
    :func:`duplicate_excess` is above 0: exact for the codes of the list; codes outside it
    share a bit and can only raise a false alarm, never hide a repeat.

    Grouped by ``(year, exporter, product)`` with ``column="importer"`` it tests the keys
    ``(year, exporter, importer, product)`` in the aggregation that reads the rows anyway
    (:func:`valuechain.tables.trade.country.country_view`, and
    :func:`valuechain.complexity.panel.aggregate_panel` on engines other than DuckDB, where
    :func:`valuechain.complexity.panelio.duckdb_aggregate` makes the same test with one
    ``bitstring_agg``) instead of a grouping by the four keys.

    Parameters
    ----------
    t : ibis.Table
        The rows.
    column : str
        The code column whose repeats within a group are tested.
    codes : iterable of str, optional
        The codes with a bit of their own (default :data:`KEY_CODES`); the data's own
        codes make the test exact for every code.
    prefix : str
        Prefix of the aggregation names.

    Returns
    -------
    (table, aggregations, chunks)
        ``t`` with the chunk columns joined, the aggregations to add to its
        ``group_by(...).aggregate(...)`` (``{prefix}n`` and ``{prefix}s0`` ...), and the
        number of chunks (for :func:`duplicate_excess`).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> t = register_frame(pd.DataFrame({"g": [1, 1, 1, 2], "importer": ["CHN", "RUS", "CHN", "CHN"]}))
    >>> tj, aggs, k = key_bits(t, "importer")
    >>> g = tj.group_by("g").aggregate(**aggs)
    >>> to_pandas(g.select("g", rep=duplicate_excess(g, k)))["rep"].tolist()
    [1, 0]
    """
    import pandas as pd

    from .engine import backend_of, register_frame

    codes = [str(c) for c in (KEY_CODES if codes is None else codes)]
    other = len(codes)
    nchunk = other // _CHUNK_BITS + 1
    # typed columns: an empty code list (no importer held) must still be a string column
    cols: dict[str, Any] = {f"{prefix}code": pd.Series(codes, dtype="string")}
    for k in range(nchunk):
        cols[f"{prefix}b{k}"] = pd.Series([(1 << (j % _CHUNK_BITS)) if j // _CHUNK_BITS == k else 0 for j in range(other)],
                                          dtype="int64")
    bits = register_frame(pd.DataFrame(cols), con=backend_of(t))
    tj = t.left_join(bits, t[column] == bits[f"{prefix}code"])
    aggs: dict[str, ir.Value] = {f"{prefix}n": tj.count()}
    for k in range(nchunk):
        miss = (1 << (other % _CHUNK_BITS)) if other // _CHUNK_BITS == k else 0  # the shared bit of other codes
        aggs[f"{prefix}s{k}"] = tj[f"{prefix}b{k}"].fill_null(miss).sum()
    return tj, aggs, nchunk


def _bit_count(x: ir.IntegerValue) -> ir.IntegerValue:
    """The engine's builtin ``bit_count`` (DuckDB and Spark both have it; Ibis has no operation)."""
    import ibis

    @ibis.udf.scalar.builtin(name="bit_count")
    def bit_count(v: int) -> int:  # pragma: no cover - a declaration, run by the engine
        ...

    return bit_count(x).cast("int64")


def duplicate_excess(g: ir.Table, nchunk: int, *, prefix: str = "kb_") -> ir.IntegerValue:
    r"""Per group of an aggregation made with :func:`key_bits`: how far its codes are from unique.

    Each code of the list has one bit of a chunk; a group's chunk sums :math:`s_k` then have
    one set bit per distinct code as long as no code repeats, so

    .. math:: e = n - \sum_k \mathrm{popcount}(s_k \bmod 2^{62}) + \#\{k : s_k < 0 \lor s_k \ge 2^{62}\}

    is 0 iff no code of the list repeats in the group (a repeat carries into the next bit and
    makes it positive; the last term counts a carry past the chunk, or a wrapped sum on an
    engine that wraps).

    Parameters
    ----------
    g : ibis.expr.types.Table
        The aggregation, holding the columns ``<prefix>n`` and ``<prefix>s0 ...`` made by
        the aggregations of :func:`key_bits`.
    nchunk : int
        The number of chunks (the third value :func:`key_bits` returns).
    prefix : str, default "kb_"
        The prefix given to :func:`key_bits`.

    Returns
    -------
    ibis.expr.types.IntegerValue
        Per group, 0 when its codes are unique (for the codes of the list), positive otherwise.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> t = register_frame(pd.DataFrame({"g": [1, 1, 2, 2], "importer": ["KAZ", "KAZ", "KAZ", "CHN"]}))
    >>> tj, aggs, k = key_bits(t, "importer")
    >>> g = tj.group_by("g").aggregate(**aggs).order_by("g")
    >>> to_pandas(g.select("g", e=duplicate_excess(g, k)))["e"].tolist()
    [1, 0]
    """
    import ibis

    bits = ibis.literal(0).cast("int64")
    over = ibis.literal(0).cast("int64")
    for k in range(nchunk):
        s = g[f"{prefix}s{k}"]
        bits = bits + _bit_count((s % (1 << _CHUNK_BITS)).cast("int64"))
        over = over + ibis.ifelse((s < 0) | (s >= (1 << _CHUNK_BITS)), 1, 0)
    return (g[f"{prefix}n"] - bits) + over
