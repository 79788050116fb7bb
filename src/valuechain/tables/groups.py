"""Country groups with membership by year, from one versioned file.

The built-in groups (EU, EU27_2020, EAEU, EAEU_2015, CIS, CIS_NON_EAEU, ASEAN, USMCA,
OECD, BRICS, BRICS_PLUS, CHINA) are defined once in ``valuechain/data/country_groups.toml``;
a user may pass a file of the same layout. A country is a member in calendar year *t*
when it was a member on 31 December of *t* (the United Kingdom is in the EU to 2019).
Groups marked ``fixed`` have the same members in every year (e.g. ``EU27_2020``).

Used by the trade family (destinations by group) and the GVC family (groups as
exporters and absorbers); both read the same definitions, so the report never defines a
group twice.

Examples
--------
>>> g = country_groups()
>>> "GBR" in g["EU"].members(2019), "GBR" in g["EU"].members(2020)
(True, False)
>>> sorted(g["EAEU"].members(2014)), sorted(g["EAEU"].members(2015))
([], ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS'])
>>> len(g["EU27_2020"].members(2000))
27
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ValidationError

if TYPE_CHECKING:  # annotations only
    import pandas as pd

__all__ = ["CountryGroup", "country_groups", "group_members", "groups_version", "membership_table"]

_ISO3 = re.compile(r"[A-Z]{3}")


@dataclasses.dataclass(frozen=True)
class CountryGroup:
    """One group: its key, a descriptive name, the source of the membership, and spells.

    A country is a member in calendar year *t* when it was a member on 31 December of *t*.

    Parameters
    ----------
    key : str
        The group's key (e.g. ``"EU"``).
    name : str
        A descriptive name.
    source : str
        Where the membership comes from (treaty, dates).
    spells : tuple of (str, int or None, int or None)
        ``(iso3, first_year, last_year)``; ``first_year`` ``None``: a member from the
        start; ``last_year`` ``None``: still a member; a ``fixed`` group has
        ``(iso3, None, None)`` spells.
    fixed : bool, default False
        The same members in every year (a statistical aggregate of a given composition).

    Examples
    --------
    >>> g = CountryGroup("EX", "Example", "hand-made", (("AAA", None, None), ("BBB", 2005, 2019)))
    >>> sorted(g.members(2004)), sorted(g.members(2010)), sorted(g.members())
    (['AAA'], ['AAA', 'BBB'], ['AAA', 'BBB'])
    """

    key: str
    name: str
    source: str
    spells: tuple[tuple[str, int | None, int | None], ...]
    fixed: bool = False

    def members(self, year: int | None = None) -> frozenset[str]:
        """ISO3 codes of the members in ``year`` (all countries ever members if ``None``)."""
        if year is None or self.fixed:
            return frozenset(c for c, _, _ in self.spells)
        return frozenset(c for c, lo, hi in self.spells if (lo is None or lo <= year) and (hi is None or year <= hi))

    def __contains__(self, iso3: object) -> bool:  # pragma: no cover - convenience
        return iso3 in self.members()


def _parse(doc: dict, origin: str) -> dict[str, CountryGroup]:
    out: dict[str, CountryGroup] = {}
    for key, spec in doc.items():
        if key in ("version", "changes"):
            continue
        if not isinstance(spec, dict) or "members" not in spec:
            raise ValidationError(f"{origin}: group {key!r} has no 'members' list; write [KEY] with members = [...]")
        fixed = bool(spec.get("fixed", False))
        spells: list[tuple[str, int | None, int | None]] = []
        for m in spec["members"]:
            if isinstance(m, str):
                code, lo, hi = m, None, None
            elif isinstance(m, dict) and "iso3" in m:
                code, lo, hi = m["iso3"], m.get("from"), m.get("to")
            else:
                raise ValidationError(f"{origin}: group {key!r}: member {m!r} is neither \"ISO3\" nor {{ iso3 = ..., from = ... }}")
            if not isinstance(code, str) or not _ISO3.fullmatch(code):
                raise ValidationError(f"{origin}: group {key!r}: {code!r} is not an ISO 3166-1 alpha-3 code")
            for v in (lo, hi):
                if v is not None and (not isinstance(v, int) or isinstance(v, bool) or not 1900 <= v <= 2100):
                    raise ValidationError(f"{origin}: group {key!r}: year {v!r} of {code} is not a year between 1900 and 2100")
            if lo is not None and hi is not None and hi < lo:
                raise ValidationError(f"{origin}: group {key!r}: {code} leaves ({hi}) before it joins ({lo})")
            spells.append((code, lo, hi))
        out[key] = CountryGroup(key, str(spec.get("name", key)), str(spec.get("source", "")), tuple(spells), fixed)
    return out


def _load(path: str | Path | None) -> tuple[dict, str]:
    if path is None:
        text = resources.files("valuechain").joinpath("data", "country_groups.toml").read_text(encoding="utf-8")
        return tomllib.loads(text), "country_groups.toml"
    p = Path(path)
    if not p.is_file():
        raise ValidationError(f"country groups file {p} not found; give the path of a TOML file in the layout of valuechain/data/country_groups.toml")
    try:
        return tomllib.loads(p.read_text(encoding="utf-8")), str(p)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"{p} is not valid TOML ({exc}); fix the file") from None


def country_groups(path: str | Path | None = None) -> dict[str, CountryGroup]:
    r"""Return every group of the built-in file (or of ``path``), keyed by group key.

    Parameters
    ----------
    path : str or Path, optional
        A TOML file in the layout of ``valuechain/data/country_groups.toml``; default: that
        built-in file.

    Returns
    -------
    dict of str to CountryGroup
        Group key -> group, in the order of the file.

    Raises
    ------
    ValidationError
        If ``path`` is not a file or not valid TOML, or a group is malformed (no
        ``members``, a code that is not ISO3, a year outside 1900-2100, leaving before
        joining).

    Examples
    --------
    >>> g = country_groups()
    >>> "GBR" in g["EU"].members(2019), "GBR" in g["EU"].members(2020)
    (True, False)
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "groups.toml"
    >>> _ = f.write_text('version = "mine.1"\n[NORDIC]\nname = "Nordic"\nmembers = ["DNK", "FIN", "ISL", "NOR", "SWE"]\n')
    >>> sorted(country_groups(f)["NORDIC"].members(2020))
    ['DNK', 'FIN', 'ISL', 'NOR', 'SWE']
    """
    doc, origin = _load(path)
    return _parse(doc, origin)


def groups_version(path: str | Path | None = None) -> str:
    r"""The ``version`` string of the groups file (carried into outputs that use it).

    Parameters
    ----------
    path : str or Path, optional
        A TOML file in the layout of ``valuechain/data/country_groups.toml``; default: that
        built-in file.

    Returns
    -------
    str
        The file's ``version`` (``"unversioned"`` when it has none).

    Raises
    ------
    ValidationError
        If ``path`` is not a file or not valid TOML.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "groups.toml"
    >>> _ = f.write_text('version = "mine.1"\n[NORDIC]\nname = "Nordic"\nmembers = ["DNK", "FIN", "ISL", "NOR", "SWE"]\n')
    >>> groups_version(f)
    'mine.1'
    """
    doc, _ = _load(path)
    return str(doc.get("version", "unversioned"))


def group_members(key: str, year: int | None = None, *, path: str | Path | None = None) -> frozenset[str]:
    """Members of group ``key`` in ``year``.

    Parameters
    ----------
    key : str
        The group's key (e.g. ``"EU"``, ``"EAEU"``).
    year : int, optional
        Calendar year (members on 31 December); ``None``: every country ever a member.
    path : str or Path, optional
        A TOML file in the layout of ``valuechain/data/country_groups.toml``; default: that
        built-in file.

    Returns
    -------
    frozenset of str
        ISO3 codes of the members.

    Raises
    ------
    ValidationError
        If ``path`` is not a file or not valid TOML, or a group is malformed (no
        ``members``, a code that is not ISO3, a year outside 1900-2100, leaving before
        joining), or ``key`` is not a group of the file.

    Examples
    --------
    >>> sorted(group_members("USMCA", 2022))
    ['CAN', 'MEX', 'USA']
    >>> "KGZ" in group_members("EAEU", 2014), "KGZ" in group_members("EAEU", 2015)
    (False, True)
    """
    groups = country_groups(path)
    if key not in groups:
        raise ValidationError(f"unknown country group {key!r}; choose one of {', '.join(groups)} or define it in a groups file")
    return groups[key].members(year)


def membership_table(years: list[int] | range, path: str | Path | None = None) -> pd.DataFrame:
    """A long table ``group, year, iso3`` of every membership in ``years`` (for outputs and docs).

    Parameters
    ----------
    years : list of int or range
        The calendar years.
    path : str or Path, optional
        A TOML file in the layout of ``valuechain/data/country_groups.toml``; default: that
        built-in file.

    Returns
    -------
    DataFrame
        ``group, year, iso3``: one row per group, year and member, groups in file order,
        members sorted.

    Raises
    ------
    ValidationError
        If ``path`` is not a file or not valid TOML, or a group is malformed (no
        ``members``, a code that is not ISO3, a year outside 1900-2100, leaving before
        joining).

    Examples
    --------
    >>> t = membership_table([2019, 2020])
    >>> t[t["group"] == "USMCA"].groupby("year")["iso3"].apply(list).to_dict()
    {2019: ['CAN', 'MEX', 'USA'], 2020: ['CAN', 'MEX', 'USA']}
    """
    import pandas as pd

    rows = [(k, y, c) for k, g in country_groups(path).items() for y in years for c in sorted(g.members(y))]
    return pd.DataFrame(rows, columns=["group", "year", "iso3"])
