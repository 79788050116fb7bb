"""The old home of the inter-country table (valuechain.gvc.icio): the same objects as
valuechain.tables.intercountry, and the moved generator only with a warning."""

from __future__ import annotations

import pytest

import valuechain.gvc.icio as old
import valuechain.tables.intercountry as new


def test_names_are_the_container_layers_objects():
    assert set(old.__all__) == {"InterCountryTable", "NegativeValueAddedWarning", "aggregate_icio"}
    for name in old.__all__:
        assert getattr(old, name) is getattr(new, name)


def test_generator_left_and_unknown_names_raise():
    assert "synthetic_icio" not in old.__all__
    with pytest.warns(DeprecationWarning):
        old.synthetic_icio  # noqa: B018
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        old.nope  # noqa: B018
