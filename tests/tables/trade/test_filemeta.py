"""What a flows file says about itself (valuechain.tables.trade.filemeta): hand-checked cases."""

from __future__ import annotations

import pytest

from valuechain.tables.trade.filemeta import file_facts, hs_from_name, normalise_hs


@pytest.mark.parametrize("given, want", [("H0", "HS1992"), ("h4", "HS2012"), ("HS 12", "HS2012"), ("2017", "HS2017"),
                                         (2022, "HS2022"), ("HS96", "HS1996"), ("hs2002", "HS2002"), (None, None),
                                         ("synthetic", "SYNTHETIC")])
def test_normalise_hs(given, want):
    assert normalise_hs(given) == want


def test_the_metadata_wins_over_the_name():
    assert hs_from_name("BACI_HS92_V202401", {}) == "HS1992"
    assert hs_from_name("BACI_HS92_V202401", {b"valuechain.hs_revision": b"HS17"}) == "HS2017"
    assert hs_from_name("flows.parquet", {}) is None
    assert hs_from_name("PHS17.csv", {}) is None  # a letter before H: not a revision tag


def test_file_facts_read_unit_synthetic_and_origin():
    meta = {b"valuechain.unit": b"thousand USD", b"valuechain.synthetic": b"YES",
            b"valuechain.source": b"CEPII BACI", b"valuechain.release": b"V202401"}
    assert file_facts(meta) == {"unit": "thousand USD", "synthetic": True, "origin": "CEPII BACI, V202401"}
    assert file_facts({}) == {"unit": None, "synthetic": False, "origin": ""}
