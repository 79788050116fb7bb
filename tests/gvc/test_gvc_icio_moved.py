"""The old home of the inter-country table (valuechain.gvc.icio) is answered by
valuechain.tables.intercountry itself (valuechain._moved), with a DeprecationWarning; the
moved generator only with a warning."""

from __future__ import annotations

import importlib
import sys

import pytest


def test_old_module_path_is_the_container_module():
    sys.modules.pop("valuechain.gvc.icio", None)
    with pytest.warns(DeprecationWarning, match="valuechain.gvc.icio moved to valuechain.tables.intercountry"):
        old = importlib.import_module("valuechain.gvc.icio")
    import valuechain.tables.intercountry as new

    assert old is new
    for name in ("InterCountryTable", "NegativeValueAddedWarning", "aggregate_icio"):
        assert name in new.__all__


def test_generator_left_and_unknown_names_raise():
    import valuechain.tables.intercountry as new

    assert "synthetic_icio" not in new.__all__
    with pytest.warns(DeprecationWarning):
        new.synthetic_icio  # noqa: B018
    with pytest.raises(AttributeError, match="nope"):
        new.nope  # noqa: B018
