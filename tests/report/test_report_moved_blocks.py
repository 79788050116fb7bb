"""The report's old block modules (valuechain.report.section_impact, section_opportunities,
section_gvc_position) are answered by valuechain.report.blocks.* themselves through
valuechain._moved, with a DeprecationWarning; no file is left at the old paths."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

OLD_NEW = [("section_impact", "impact"), ("section_opportunities", "opportunities"), ("section_gvc_position", "gvc_position")]


@pytest.mark.parametrize(("old", "new"), OLD_NEW)
def test_old_path_is_the_block_module_with_a_warning(old, new):
    sys.modules.pop(f"valuechain.report.{old}", None)
    with pytest.warns(DeprecationWarning, match=f"valuechain.report.{old} moved to valuechain.report.blocks.{new}"):
        mod = importlib.import_module(f"valuechain.report.{old}")
    assert mod is importlib.import_module(f"valuechain.report.blocks.{new}")
    assert mod.__all__


@pytest.mark.parametrize(("old", "new"), OLD_NEW)
def test_no_file_left_at_the_old_path(old, new):
    import valuechain.report as rep

    assert not (Path(rep.__file__).parent / f"{old}.py").exists()
