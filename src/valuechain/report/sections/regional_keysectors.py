"""Section ``regional_keysectors``: key sectors of the regionalized table (regional seed, Tables 1-3, Figure 3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..inputs import Inputs, table_source
from ..study import Study
from . import Page, Section
from .common import badge_of, keysector_blocks

__all__ = ["SECTION", "RegionalKeyInputs", "load", "build"]


@dataclass(frozen=True)
class RegionalKeyInputs:
    table: Any
    region: str
    io: Mapping[str, Any]
    labels: Mapping[str, str]
    by_section: bool = False


def load(study: Study, data: Inputs) -> RegionalKeyInputs:
    labels = dict(data.labels)
    io = dict(study.get("io"))
    if data.regional_sections is not None:
        from ...datasets.kazakhstan_bns import OKED_SECTIONS

        labels = {**labels, **OKED_SECTIONS}
        io["exclude"] = []  # the study's local-serving industries are industries, not sections
    return RegionalKeyInputs(table=data.regional_analysis_table, region=study.get("regional")["region"], io=io, labels=labels,
                             by_section=data.regional_sections is not None)


def build(x: RegionalKeyInputs, page: Page) -> None:
    rt = x.table
    page.sec.flags += list(rt.flags)
    page.sec.badge = badge_of(rt.flags)
    n = page.claim("n_units", "regional.keysectors.units", rt.n, unit="industries" if not x.by_section else "sections", decimals=0,
                   scope=x.region, source=table_source(rt), ref="regional_linkages",
                   definition="industries (or OKED sections) of the regionalized table the key sectors are computed on")
    if x.by_section:
        page.intro(f"The key-sector analysis of the regional seed study on the regionalized table of {x.region}, at the "
                          f"resolution of the regional data: {n.n} OKED sections (the national table aggregated to sections "
                          "through the documented industry → section bridge, then regionalized with the sections' own "
                          "quotients). No industry can become a key sector of the region only because it shares a section.")
    else:
        page.intro(f"The key-sector analysis of the regional seed study on the regionalized table of {x.region} ({n.ph}).")
    keysector_blocks(page, rt, x.io, x.labels, scope="regional", where=x.region)


SECTION = Section(key="regional_keysectors", title="Key sectors of the region", needs="regional", load=load, build=build,
                  summary="the key-sector tables of the national section on the regionalized table")
