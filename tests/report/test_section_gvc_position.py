"""The deprecated module valuechain.report.section_gvc_position: every name of
valuechain.report.blocks.gvc_position, the same object, with a DeprecationWarning."""

from __future__ import annotations

import pytest

import valuechain.report.blocks.gvc_position as new
import valuechain.report.section_gvc_position as old


def test_same_names_same_objects_with_a_warning():
    assert old.__all__ and old.__all__ == list(new.__all__)
    for name in old.__all__:
        with pytest.warns(DeprecationWarning, match="section_gvc_position moved to valuechain.report.blocks.gvc_position"):
            assert getattr(old, name) is getattr(new, name)


def test_other_names_raise_attribute_error():
    with pytest.raises(AttributeError):
        old.no_such_name  # noqa: B018
