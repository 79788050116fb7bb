"""Provenance sidecars (valuechain._provenance): read and name the source of an imported file."""

from __future__ import annotations

import json

from valuechain._provenance import SIDECAR, read_sidecar, sidecar_source


def test_file_reads_its_folders_sidecar_and_folder_its_own(tmp_path):
    (tmp_path / SIDECAR).write_text(json.dumps({"source": "BACI", "release": "202401", "original": "BACI_HS92.zip"}))
    assert read_sidecar(tmp_path / "x.csv")["source"] == "BACI"
    assert read_sidecar(tmp_path)["release"] == "202401"
    assert sidecar_source(tmp_path / "x.csv") == "BACI, release 202401 (imported from BACI_HS92.zip)"


def test_source_without_release_or_original(tmp_path):
    (tmp_path / SIDECAR).write_text(json.dumps({"source": "OECD ICIO"}))
    assert sidecar_source(tmp_path) == "OECD ICIO"


def test_no_sidecar_bad_json_or_no_source_gives_nothing(tmp_path):
    assert read_sidecar(tmp_path) == {} and sidecar_source(tmp_path) is None
    (tmp_path / SIDECAR).write_text("{not json")
    assert read_sidecar(tmp_path) == {}
    (tmp_path / SIDECAR).write_text(json.dumps(["a", "list"]))
    assert read_sidecar(tmp_path) == {}
    (tmp_path / SIDECAR).write_text(json.dumps({"release": "2023"}))
    assert sidecar_source(tmp_path) is None


def test_a_folder_named_like_the_sidecar_is_not_read(tmp_path):
    (tmp_path / SIDECAR).mkdir()
    assert read_sidecar(tmp_path) == {}
