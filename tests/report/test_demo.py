"""The built-in demo (valuechain.report.demo): which study it picks, and bad kinds refused."""

from __future__ import annotations

import pytest

from valuechain.errors import ValidationError
from valuechain.report.demo import demo_study, example_study_text


def test_example_study_ships_with_the_package():
    text, kind = example_study_text("example")
    assert kind == "example" and "[" in text
    s = demo_study("example")
    assert s.path.name == "demo_example.toml" and s.path.is_file()


def test_auto_picks_kazakhstan_with_the_data_and_example_without(monkeypatch, tmp_path, shared_data):
    monkeypatch.setenv("VALUECHAIN_DATA", str(shared_data))
    assert example_study_text()[1] == "kazakhstan"
    monkeypatch.setenv("VALUECHAIN_DATA", str(tmp_path / "not a folder"))
    assert example_study_text()[1] == "example"


def test_unknown_demo_is_refused():
    with pytest.raises(ValidationError, match="unknown demo 'belgium'; use 'kazakhstan' or 'example'"):
        example_study_text("belgium")
