"""Product and destination groups: the HS sections and the seed's default groups."""

from __future__ import annotations

from valuechain.trade.groups import DEFAULT_GROUPS, hs_sections


def test_hs_sections_cover_every_chapter_once():
    g = hs_sections()
    chapters = [c for _, cs in g.sectors for c in cs]
    assert g.sectors[0] == ("I Live animals", ("01", "02", "03", "04", "05"))
    assert len(chapters) == len(set(chapters))
    assert {"01", "27", "84", "97"} <= set(chapters)  # live animals, mineral fuels, machinery, art


def test_default_groups_name_oil_and_gas():
    names = [n for n, _ in DEFAULT_GROUPS.sectors]
    assert "Oil and gas" in names
