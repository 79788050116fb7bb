"""East Kazakhstan by OKED section on the real data (valuechain.datasets.kazakhstan_regional):
the section quotients published in the data's PROVENANCE.md, the industries whose implied
regional output is out of line (issue 18), and one-line errors for bad options."""

from __future__ import annotations

import pytest

from valuechain.datasets.kazakhstan_regional import kazakhstan_regional_sections
from valuechain.errors import ValidationError


def test_bad_borders_are_refused_before_any_data_is_read(tmp_path):
    with pytest.raises(ValidationError, match=r"borders = 'old'; use 'pre2022' \(VKO \+ Abai\) or 'current'"):
        kazakhstan_regional_sections(tmp_path / "no such folder", borders="old")


def test_unknown_region_names_the_fix(shared_data):
    with pytest.raises(ValidationError, match="region 'XXX' has no BNS GVA in 2022; use a BNS code such as VKO"):
        kazakhstan_regional_sections(shared_data, region="XXX")


def test_pre2022_borders_add_abai_to_east_kazakhstan(shared_data):
    old, _ = kazakhstan_regional_sections(shared_data)
    cur, _ = kazakhstan_regional_sections(shared_data, borders="current")
    assert "Abai" in old.source and "Abai" not in cur.source
    # Abai's GVA is added to the region: every section's regional size is at least the current-border one
    o, c = old.table.set_index("section"), cur.table.set_index("section")
    assert (o["regional_size"] >= c["regional_size"] - 1e-9).all() and (o["regional_size"] > c["regional_size"]).any()
    assert (o["national_size"] == c["national_size"]).all()


@pytest.mark.parametrize("section, lq", [("C", 1.97), ("A", 1.66), ("D", 1.58), ("B", 0.43)])
def test_east_kazakhstan_section_quotients_match_the_provenance(shared_data, section, lq):
    """kz_bns_regional_gva_employment/PROVENANCE.md: East Kazakhstan (current borders) 2022 GVA
    location quotients C 1.97, A 1.66, D 1.58, B 0.43 (two-decimal roundings; A and D differ by
    0.01 with totals over sections A-T, hence abs=0.015)."""
    r, _ = kazakhstan_regional_sections(shared_data, region="VKO", borders="current")
    assert r.table.set_index("section").loc[section, "slq"] == pytest.approx(lq, abs=0.015)


def test_east_kazakhstan_crude_oil_is_named(shared_data):
    """Issue 18: the industry-level table gives East Kazakhstan 1.67 bn USD of crude oil and gas output,
    three times its metal-ore mining; the check names it, and no industry is a key sector by section."""
    r, chk = kazakhstan_regional_sections(shared_data)
    s = chk.table.set_index("industry")
    assert chk.out_of_line == ["Crude oil and natural gas"]
    assert s.loc["Crude oil and natural gas", "implied_regional_output"] / 1000 == pytest.approx(1.67, abs=0.01)
    assert s.loc["Crude oil and natural gas", "implied_regional_output"] / s.loc["Metal ore mining", "implied_regional_output"] \
        == pytest.approx(3, abs=0.1)
    assert "ATY" in s.loc["Crude oil and natural gas", "reason"]
    assert set(r.table["section"]) == set("ABCDEFGHIJKLMNOPQRST") and r.identities_hold()
    assert "Crude oil and natural gas" not in set(r.key_sectors.table["sector"])


def test_east_kazakhstan_industry_key_sectors_guarded(shared_data):
    """On the old industry-level East Kazakhstan table, every key industry that shares its section is reported
    as not identified; only industries alone in their section (observed) can stay key."""
    from valuechain.datasets.kazakhstan_icio import icio_industry_names, kazakhstan_icio_table
    from valuechain.datasets.kazakhstan_bns import regional_gva_size
    from valuechain.leontief import key_sectors
    from valuechain.regional import employment_vectors, regionalize
    from valuechain.regional.sections import guard_key_sectors

    _, chk = kazakhstan_regional_sections(shared_data)
    tab = kazakhstan_icio_table(shared_data)
    code_of = {v: k for k, v in icio_industry_names(shared_data).items()}
    df = regional_gva_size(shared_data, {i: code_of.get(i, i) for i in tab.industries}, dict(zip(tab.industries, tab.x)))
    reg = regionalize(tab, employment_vectors(df, "East Kazakhstan", industries=tab.industries))
    g = guard_key_sectors(key_sectors(reg.io_table).table, chk)
    kept = g[g["reported_class"] == "key"]
    assert (kept["regional_evidence"] == "observed").all()
    assert "Crude oil and natural gas" not in set(kept["sector"])
