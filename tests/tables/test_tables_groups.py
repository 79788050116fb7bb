"""Country groups by year: memberships checked against dates written out by hand."""

import pytest

from valuechain.errors import ValidationError
from valuechain.tables.groups import country_groups, group_members, groups_version, membership_table


def test_eu_membership_follows_accessions_and_brexit():
    eu = country_groups()["EU"]
    assert len(eu.members(2000)) == 15
    assert len(eu.members(2004)) == 25
    assert len(eu.members(2007)) == 27
    assert len(eu.members(2013)) == 28
    assert len(eu.members(2020)) == 27
    assert "GBR" in eu.members(2019) and "GBR" not in eu.members(2020)
    assert eu.members(2020) == country_groups()["EU27_2020"].members(1999)


def test_eaeu_starts_2015_and_fixed_composition_is_every_year():
    assert group_members("EAEU", 2014) == frozenset()
    assert group_members("EAEU", 2015) == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}
    assert group_members("EAEU_2015", 2000) == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}


def test_other_groups():
    assert "GEO" in group_members("CIS", 2008) and "GEO" not in group_members("CIS", 2009)
    assert len(group_members("OECD", 2022)) == 38
    assert len(group_members("ASEAN", 2024)) == 10
    assert len(group_members("BRICS_PLUS", 2024)) == 10 and "IDN" in group_members("BRICS_PLUS", 2025)
    assert group_members("USMCA", 1993) == frozenset()


def test_unknown_group_and_bad_file(tmp_path):
    with pytest.raises(ValidationError, match="unknown country group"):
        group_members("NOPE", 2020)
    bad = tmp_path / "g.toml"
    bad.write_text('[X]\nmembers = [{ iso3 = "kaz", from = 2000 }]\n')
    with pytest.raises(ValidationError, match="alpha-3"):
        country_groups(bad)
    bad.write_text('[X]\nmembers = [{ iso3 = "KAZ", from = 2010, to = 2000 }]\n')
    with pytest.raises(ValidationError, match="leaves"):
        country_groups(bad)
    with pytest.raises(ValidationError, match="not found"):
        country_groups(tmp_path / "missing.toml")


def test_version_and_table():
    assert groups_version().count(".") == 2
    t = membership_table([2019, 2020])
    assert set(t.columns) == {"group", "year", "iso3"}
    assert ((t.group == "EU") & (t.year == 2020) & (t.iso3 == "GBR")).sum() == 0
