"""East Kazakhstan (or any oblast) by OKED section: the report's regional analysis at the data's resolution.

Builds, from the real data folder, Kazakhstan's 2022 national table (OECD ICIO extract),
summed to the 20 OKED sections through the bridge, regionalized with BNS gross value added by
section; and the plausibility check of the industry-level table regionalized the old way
(every industry of a section given its section's quotient), which names the industries whose
implied regional output is out of line with the regional data (East Kazakhstan: crude oil
and natural gas).
"""

from __future__ import annotations

from ..regional import employment_vectors, regionalize
from ..regional.sections import regional_plausibility, regional_sections, section_bridge
from .kazakhstan_bns import BNS_REGION_NAMES, OKED_SECTIONS, regional_gva_size, section_gva_table
from .kazakhstan_icio import icio_industry_names, kazakhstan_icio_table

__all__ = ["kazakhstan_regional_sections"]


def kazakhstan_regional_sections(data_dir, *, region: str = "VKO", year: int = 2022, borders: str = "pre2022",
                                 method: str = "flq", delta: float = 0.3, cv_filter=None, exclude=()):
    """Regional key sections of an oblast and the plausibility of its industry-level table.

    Returns
    -------
    (RegionalSectionsResult, PlausibilityResult)
        The section analysis (GVA quotients, regional output in million USD, Rasmussen
        classes) and the check of the industry-level regionalization (50 industries, each
        given its section's quotient).
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
