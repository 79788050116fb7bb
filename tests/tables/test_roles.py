"""Role guessing from SNA codes (valuechain.tables.roles)."""

from __future__ import annotations

from valuechain.tables.roles import guess_roles


def test_sna_codes():
    r = guess_roles(["D1", "B2A3G", "D21X31", "P7"], ["P3_S14", "P6", "P51G"], ["EMP"])
    assert r["compensation"] == "D1" and r["households"] == "P3_S14"
    assert r["exports"] == ["P6"] and r["imports"] == ["P7"] and r["taxes"] == ["D21X31"]
    assert r["value_added"] == ["D1", "B2A3G"] and r["employment"] == "EMP"


def test_unknown_labels_get_no_role():
    r = guess_roles(["xyz"], ["abc"])
    assert "compensation" not in r and "households" not in r
