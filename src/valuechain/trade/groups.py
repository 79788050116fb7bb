"""Product sectors and destination groups (for the composition tables), from TOML or defaults.

A groups file names product sectors by HS code prefixes (2, 4 or 6 digits; the longest
matching prefix wins) and destination groups by ISO3 codes::

    sector_default = "Other"
    destination_default = "ROW"

    [sectors]
    "Oil and gas" = ["2709", "2710", "2711"]
    Metals = ["72", "73", "74", "75", "76", "78", "79", "80", "81"]

    [destinations]
    China = ["CHN"]
    EEU = ["RUS", "BLR", "ARM", "KGZ"]

Products and partners matched by no group fall in the defaults. :data:`DEFAULT_GROUPS`
follows the seed's Tables 1-2 (Kazakhstan diagnostic); its sector definitions are our
reading of the labels (the seed does not list HS codes) and are documented in
``docs/trade.md``. :func:`hs_sections` gives the 21 HS sections.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Mapping


from ..errors import DataNotFoundError, ValidationError

if TYPE_CHECKING:  # annotations only: Ibis and pandas are imported on use
    import ibis.expr.types as ir
    import pandas as pd

__all__ = ["Groups", "load_groups", "DEFAULT_GROUPS", "DEFAULT_GROUPS_TOML", "hs_sections", "assign_sector", "assign_destination"]


@dataclasses.dataclass(frozen=True)
class Groups:
    """Sectors (name → HS prefixes) and destination groups (name → ISO3 codes), in order.

    Usually read from a TOML file by :func:`load_groups` (the module docstring shows the
    format); a product takes the sector of its longest matching HS prefix.

    Parameters
    ----------
    sectors : tuple of (str, tuple of str)
        ``(name, HS prefixes)`` pairs, in the order of the tables; prefixes of 1 to 6 digits,
        each in one sector only.
    destinations : tuple of (str, tuple of str)
        ``(name, ISO3 codes)`` pairs, in order; each code in one group only.
    sector_default : str
        The sector of products no prefix matches (default ``"Other"``).
    destination_default : str
        The group of partners in no group (default ``"ROW"``).

    Raises
    ------
    ValidationError
        For a prefix that is not 1-6 digits, a prefix or a country in two groups, or an
        unknown ISO3 code.

    Examples
    --------
    >>> g = Groups(sectors=(("Oil and gas", ("2709", "2711")), ("Metals", ("72",))),
    ...            destinations=(("China", ("CHN",)),))
    >>> g.sector_order
    ['Oil and gas', 'Metals', 'Other']
    >>> g.destination_order
    ['China', 'ROW']
    """

    sectors: tuple[tuple[str, tuple[str, ...]], ...] = ()
    destinations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    sector_default: str = "Other"
    destination_default: str = "ROW"

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for name, prefixes in self.sectors:
            for p in prefixes:
                if not re.fullmatch(r"\d{1,6}", p):
                    raise ValidationError(f"sector {name!r}: {p!r} is not an HS code prefix (1 to 6 digits)")
                if p in seen and seen[p] != name:
                    raise ValidationError(f"HS prefix {p} is in both sectors {seen[p]!r} and {name!r}; put it in one")
                seen[p] = name
        owner: dict[str, str] = {}
        for name, codes in self.destinations:
            for c in codes:
                if c in owner and owner[c] != name:
                    raise ValidationError(f"country {c} is in both destination groups {owner[c]!r} and {name!r}; put it in one")
                owner[c] = name
        if owner:
            from ..tables.trade.keys import known_iso3

            bad = sorted(c for c in owner if c not in known_iso3())
            if bad:
                raise ValidationError(f"destination groups name unknown country code(s) {', '.join(bad)}; use ISO alpha-3 codes")

    @property
    def sector_order(self) -> list[str]:
        """The sector names in table order, the default last."""
        return [n for n, _ in self.sectors] + [self.sector_default]

    @property
    def destination_order(self) -> list[str]:
        """The destination group names in table order, the default last."""
        return [n for n, _ in self.destinations] + [self.destination_default]

    @classmethod
    def from_mapping(cls, d: Mapping) -> "Groups":
        """Groups from a parsed TOML mapping (keys ``sectors``, ``destinations``,
        ``sector_default``, ``destination_default``)."""
        def items(key: str, upper: bool) -> tuple:
            sec = d.get(key, {}) or {}
            if not isinstance(sec, Mapping):
                raise ValidationError(f"[{key}] must be a table of name = [codes]")
            out = []
            for name, codes in sec.items():
                if isinstance(codes, str):
                    codes = [codes]
                if not isinstance(codes, (list, tuple)) or not all(isinstance(c, (str, int)) for c in codes):
                    raise ValidationError(f"[{key}] {name} must be a list of codes as text, e.g. [\"2709\", \"2710\"]")
                out.append((str(name), tuple(str(c).strip().upper() if upper else str(c).strip() for c in codes)))
            return tuple(out)

        unknown = set(d) - {"sectors", "destinations", "sector_default", "destination_default"}
        if unknown:
            raise ValidationError(
                f"unknown key(s) {', '.join(sorted(unknown))} in the groups file; use sectors, destinations, sector_default, destination_default"
            )
        return cls(
            sectors=items("sectors", False),
            destinations=items("destinations", True),
            sector_default=str(d.get("sector_default", "Other")),
            destination_default=str(d.get("destination_default", "ROW")),
        )


def load_groups(path: str | os.PathLike | None = None, *, text: str | None = None) -> Groups:
    """Read a groups TOML file (or ``text``); ``None`` gives :data:`DEFAULT_GROUPS`.

    Parameters
    ----------
    path : path, optional
        A TOML file in the format of the module docstring.
    text : str, optional
        The TOML text itself (instead of ``path``).

    Returns
    -------
    Groups
        The groups; :data:`DEFAULT_GROUPS` (the seed's Tables 1-2) when neither is given.

    Raises
    ------
    DataNotFoundError
        When ``path`` is not a file.
    ValidationError
        When the text is not valid TOML or names unknown keys, codes or overlapping groups.

    Examples
    --------
    >>> g = load_groups(text='''
    ... [sectors]
    ... "Oil and gas" = ["2709", "2711"]
    ... [destinations]
    ... EEU = ["RUS", "BLR", "ARM", "KGZ"]
    ... ''')
    >>> g.sectors
    (('Oil and gas', ('2709', '2711')),)
    >>> g.destination_order
    ['EEU', 'ROW']
    >>> load_groups() is DEFAULT_GROUPS
    True
    """
    if path is None and text is None:
        return DEFAULT_GROUPS
    if text is None:
        p = Path(path)
        if not p.is_file():
            raise DataNotFoundError(f"groups file not found: {p}; check the path")
        text = p.read_text(encoding="utf-8")
        where = p.name
    else:
        where = "groups text"
    try:
        d = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"{where} is not valid TOML ({' '.join(str(exc).split())}); see docs/trade.md for the format") from None
    return Groups.from_mapping(d)


_EU28 = ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA",
         "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "GBR"]

DEFAULT_GROUPS_TOML = f'''# Groups of the seed's Tables 1-2 (Kazakhstan: exports by sector and by main destination).
# Sector HS codes are our reading of the labels; the EU is the EU28 of 2013-2020 (with GBR),
# EEU the Eurasian Economic Union without Kazakhstan, CIS* the other CIS / former CIS members.
sector_default = "Other"
destination_default = "ROW"

[sectors]
"Oil and gas" = ["2709", "2710", "2711"]
Metals = ["72", "73", "74", "75", "76", "78", "79", "80", "81"]
Minerals = ["25", "26", "2701", "2702", "2703", "2704", "2705", "2706", "2707", "2708", "2712", "2713", "2714", "2715", "2716", "2844"]
Cereals = ["10", "11"]
Vegetable = ["06", "07", "08", "09", "12", "13", "14", "15"]
Foodstuffs = ["01", "02", "03", "04", "05", "16", "17", "18", "19", "20", "21", "22", "23", "24"]

[destinations]
EU = {_EU28!r}
China = ["CHN"]
EEU = ["RUS", "BLR", "ARM", "KGZ"]
"CIS*" = ["AZE", "MDA", "TJK", "UZB", "TKM", "UKR", "GEO"]
ASEAN = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]
USA = ["USA"]
'''.replace("'", '"')

#: the seed's groups (Tables 1-2)
DEFAULT_GROUPS = load_groups(text=DEFAULT_GROUPS_TOML)

_SECTIONS = [
    ("I Live animals", (1, 5)), ("II Vegetable products", (6, 14)), ("III Fats and oils", (15, 15)),
    ("IV Prepared foodstuffs", (16, 24)), ("V Mineral products", (25, 27)), ("VI Chemicals", (28, 38)),
    ("VII Plastics and rubber", (39, 40)), ("VIII Hides and leather", (41, 43)), ("IX Wood", (44, 46)),
    ("X Pulp and paper", (47, 49)), ("XI Textiles", (50, 63)), ("XII Footwear and headgear", (64, 67)),
    ("XIII Stone, ceramics, glass", (68, 70)), ("XIV Precious metals and stones", (71, 71)), ("XV Base metals", (72, 83)),
    ("XVI Machinery and electrical", (84, 85)), ("XVII Vehicles", (86, 89)), ("XVIII Instruments", (90, 92)),
    ("XIX Arms", (93, 93)), ("XX Miscellaneous manufactures", (94, 96)), ("XXI Works of art", (97, 97)),
]


def hs_sections() -> Groups:
    """The 21 sections of the Harmonized System as sectors (by 2-digit chapter).

    Returns
    -------
    Groups
        ``sectors``: (section name, chapters) pairs, e.g. ``("V Mineral products", ("25",
        "26", "27"))``; products of no section get ``"Unknown"``.

    References
    ----------
    .. [1] World Customs Organization (2022). *Harmonized Commodity Description and Coding
       System*, sections I-XXI.

    Examples
    --------
    >>> g = hs_sections()
    >>> len(g.sectors), g.sectors[4]
    (21, ('V Mineral products', ('25', '26', '27')))
    """
    return Groups(sectors=tuple((n, tuple(f"{c:02d}" for c in range(a, b + 1))) for n, (a, b) in _SECTIONS), sector_default="Unknown")


def _frame_table(df: pd.DataFrame, t: ir.Table) -> ir.Table:
    from ..tables.trade.engine import backend_of, register_frame

    return register_frame(df, con=backend_of(t))


def assign_sector(t: ir.Table, groups: Groups, *, column: str = "product", into: str = "group") -> ir.Table:
    """Add column ``into`` with the sector of each row's product (longest HS prefix wins).

    Parameters
    ----------
    t : ibis Table
        Rows with an HS product code column.
    groups : Groups
        The sectors (name, HS prefixes); a falsy value uses :data:`DEFAULT_GROUPS`.
    column : str, default "product"
        The column holding the HS codes.
    into : str, default "group"
        The column added.

    Returns
    -------
    ibis Table
        ``t`` with ``into`` (``groups.sector_default`` where no prefix matches); lazy.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "RUS", "RUS", "CHN"],
    ...                       "importer": ["RUS", "CHN", "KAZ", "CHN", "KAZ"],
    ...                       "product": ["270900", "020110", "270900", "010110", "030110"],
    ...                       "value": [5.0, 3.0, 2.0, 2.0, 4.0]})
    >>> from valuechain.tables.trade.flows import flows_table
    >>> out = assign_sector(flows_table(flows), hs_sections()).execute()
    >>> out.sort_values(["exporter", "product"])["group"].tolist()
    ['I Live animals', 'I Live animals', 'V Mineral products', 'I Live animals', 'V Mineral products']
    """
    import ibis
    import pandas as pd

    groups = groups or DEFAULT_GROUPS
    rows = [(p, len(p), n) for n, ps in groups.sectors for p in ps]
    if not rows:
        return t.mutate(**{into: ibis.literal(groups.sector_default)})
    m = pd.DataFrame(rows, columns=["prefix", "n", "grp"])
    mt = _frame_table(m, t)
    out = t
    cols = []
    for k, L in enumerate(sorted(m["n"].unique(), reverse=True)):
        sub = mt.filter(mt.n == int(L)).select(**{f"_p{k}": mt.prefix, f"_g{k}": mt.grp})
        out = out.left_join(sub, out[column].substr(0, int(L)) == sub[f"_p{k}"]).drop(f"_p{k}")
        cols.append(f"_g{k}")
    g = ibis.coalesce(*[out[c] for c in cols], ibis.literal(groups.sector_default))
    return out.mutate(**{into: g}).drop(*cols)


def assign_destination(t: ir.Table, groups: Groups, *, column: str = "importer", into: str = "group") -> ir.Table:
    """Add column ``into`` with the destination group of each row's partner (default group otherwise).

    Parameters
    ----------
    t : ibis Table
        Rows with a partner country column.
    groups : Groups
        The destination groups (name, ISO3 codes); a falsy value uses :data:`DEFAULT_GROUPS`.
    column : str, default "importer"
        The column holding the partner codes.
    into : str, default "group"
        The column added.

    Returns
    -------
    ibis Table
        ``t`` with ``into`` (``groups.destination_default`` for a partner of no group); lazy.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "RUS", "RUS", "CHN"],
    ...                       "importer": ["RUS", "CHN", "KAZ", "CHN", "KAZ"],
    ...                       "product": ["270900", "020110", "270900", "010110", "030110"],
    ...                       "value": [5.0, 3.0, 2.0, 2.0, 4.0]})
    >>> from valuechain.tables.trade.flows import flows_table
    >>> g = Groups(destinations=(("EAEU", ("KAZ", "RUS")),), destination_default="Other")
    >>> out = assign_destination(flows_table(flows), g).execute()
    >>> out.sort_values(["exporter", "importer"])[["exporter", "importer", "group"]].to_dict("list")
    {'exporter': ['CHN', 'KAZ', 'KAZ', 'RUS', 'RUS'], 'importer': ['KAZ', 'CHN', 'RUS', 'CHN', 'KAZ'], 'group': ['EAEU', 'Other', 'EAEU', 'Other', 'EAEU']}
    """
    import ibis
    import pandas as pd

    groups = groups or DEFAULT_GROUPS
    rows = [(c, n) for n, cs in groups.destinations for c in cs]
    if not rows:
        return t.mutate(**{into: ibis.literal(groups.destination_default)})
    mt = _frame_table(pd.DataFrame(rows, columns=["_code", "_grp"]), t)
    out = t.left_join(mt, t[column] == mt._code).drop("_code")
    return out.mutate(**{into: ibis.coalesce(out._grp, ibis.literal(groups.destination_default))}).drop("_grp")
