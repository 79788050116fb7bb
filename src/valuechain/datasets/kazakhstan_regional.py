"""East Kazakhstan (or any oblast) by OKED section: the report's regional analysis at the data's resolution.

Builds, from the real data folder, Kazakhstan's 2022 national table (OECD ICIO extract),
summed to the 20 OKED sections through the bridge, regionalized with BNS gross value added by
section; and the plausibility check of the industry-level table regionalized the old way
(every industry of a section given its section's quotient), which names the industries whose
implied regional output is out of line with the regional data (East Kazakhstan: crude oil
and natural gas).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..regional import employment_vectors, regionalize
from ..regional.sections import regional_plausibility, regional_sections, section_bridge
from .kazakhstan_bns import BNS_REGION_NAMES, OKED_SECTIONS, regional_gva_size, section_gva_table
from .kazakhstan_icio import icio_industry_names, kazakhstan_icio_table

if TYPE_CHECKING:
    from ..regional.sections import PlausibilityResult, RegionalSectionsResult

__all__ = ["kazakhstan_regional_sections"]


def kazakhstan_regional_sections(data_dir: str | Path, *, region: str = "VKO", year: int = 2022, borders: str = "pre2022",
                                 method: str = "flq", delta: float = 0.3, cv_filter: str | float | None = None,
                                 exclude: Sequence[str] = ()) -> tuple[RegionalSectionsResult, PlausibilityResult]:
    r"""Regional key sections of an oblast and the plausibility of its industry-level table.

    Parameters
    ----------
    data_dir : str or Path
        The real data folder (the OECD ICIO Kazakhstan extract and the BNS regional GVA).
    region : str, default "VKO"
        BNS code of the oblast (``VKO`` East Kazakhstan, ``KRG`` Karaganda, ``ATY`` Atyrau ...).
    year : int, default 2022
        Year of the regional GVA (the national table is 2022).
    borders : {"pre2022", "current"}, default "pre2022"
        ``pre2022``: East Kazakhstan with Abai (the oblast before the 2022 split, as in the
        regional seed); ``current``: the region as published.
    method : str, default "flq"
        Location-quotient method of :func:`valuechain.regional.regionalize`.
    delta : float, default 0.3
        The FLQ's :math:`\delta`.
    cv_filter : None, "median" or float, optional
        Coefficient-of-variation filter of the Rasmussen key sectors
        (:func:`valuechain.leontief.key_sectors`); default no filter.
    exclude : sequence of str, default ()
        Sections left out of the key-sector classification.

    Returns
    -------
    (RegionalSectionsResult, PlausibilityResult)
        The section analysis (GVA quotients, regional output in million USD, Rasmussen
        classes) and the check of the industry-level regionalization (50 industries, each
        given its section's quotient).

    Raises
    ------
    ValidationError
        An unknown ``borders``, a region without BNS GVA in ``year``, or a data folder
        without the files.

    References
    ----------
    .. [1] Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995). On the appropriate use of
       location quotients in generating regional input-output tables. *Regional Studies*
       29(6), 547-561.
    .. [2] Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. North-Holland,
       Amsterdam.

    Examples
    --------
    The borders are checked before anything is read:

    >>> kazakhstan_regional_sections("data", borders="2019")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: borders = '2019'; use 'pre2022' (VKO + Abai) or 'current'

    On the real data folder (about 10 s, so not run with the doctests):

    >>> from valuechain._data import shared_data_dir
    >>> res, chk = kazakhstan_regional_sections(shared_data_dir())  # doctest: +SKIP
    >>> print(res)  # doctest: +SKIP
    Regional analysis by section: 20 rows
    East Kazakhstan, 2022: key sections Agriculture, forestry and fishing, Mining and quarrying, Manufacturing, Finance and insurance
    ...
    """
    from ..errors import ValidationError

    if borders not in ("pre2022", "current"):
        raise ValidationError(f"borders = {borders!r}; use 'pre2022' (VKO + Abai) or 'current'")
    tab = kazakhstan_icio_table(data_dir)
    names = icio_industry_names(data_dir)
    b = section_bridge("oecd_icio50")
    sec_of = {names[c]: s for c, s in zip(b["code"], b["section"])}
    G = section_gva_table(data_dir, year=year)
    rows = ["VKO", "ABY"] if (region == "VKO" and borders == "pre2022" and "ABY" in G.index) else [region]
    if any(r not in G.index for r in rows):
        raise ValidationError(f"region {region!r} has no BNS GVA in {year}; use a BNS code such as VKO, KRG, ATY")
    label = "East Kazakhstan" if region == "VKO" else BNS_REGION_NAMES.get(region, region)
    src = G.attrs["source"] + (" (East Kazakhstan and Abai, the pre-2022 oblast)" if rows == ["VKO", "ABY"] else "")
    res = regional_sections(tab, sec_of, G.loc[rows].sum(), G.loc["national"], region=label, method=method, delta=delta,
                            cv_filter=cv_filter, exclude=exclude, names=OKED_SECTIONS, size_unit="million KZT of GVA",
                            year=year, source=f"{tab.source}; {src}")
    code_of = {v: k for k, v in names.items()}
    df = regional_gva_size(data_dir, {i: code_of.get(i, i) for i in tab.industries}, dict(zip(tab.industries, tab.x)),
                           region=region, year=year, borders=borders, label=label)
    ind = regionalize(tab, employment_vectors(df, label, industries=tab.industries), method=method, delta=delta)
    chk = regional_plausibility(tab.x, ind.io_table.x, sec_of, G, rows, unit=tab.unit, label=label, year=year,
                                source=f"implied output: {tab.source}, regionalized by section GVA quotients; regional data: {src}")
    return res, chk
