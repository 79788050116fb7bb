"""valuechain._data: the one place that finds the shared data folder."""

from __future__ import annotations

import pytest

from valuechain._data import data_folder, shared_data_dir
from valuechain.errors import DataNotFoundError


def test_env_variable_wins(tmp_path, monkeypatch):
    (tmp_path / "lall_classification").mkdir()
    monkeypatch.setenv("VALUECHAIN_DATA", str(tmp_path))
    assert shared_data_dir() == tmp_path
    assert data_folder("lall_classification") == tmp_path / "lall_classification"
    with pytest.raises(DataNotFoundError, match="absent was not found; set VALUECHAIN_DATA"):
        data_folder("absent")


def test_env_variable_to_nothing_means_no_data(tmp_path, monkeypatch):
    monkeypatch.setenv("VALUECHAIN_DATA", str(tmp_path / "nowhere"))
    assert shared_data_dir() is None
    with pytest.raises(DataNotFoundError, match="set VALUECHAIN_DATA"):
        data_folder("lall_classification")
    (tmp_path / "x").mkdir()
    assert data_folder("x", tmp_path) == tmp_path / "x"  # a folder passed in needs no lookup
