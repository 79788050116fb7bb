"""``valuechain data list`` and ``verify`` (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.datasets.catalog import list_datasets, parse_provenance, record_manifest, verify_manifest

runner = CliRunner()
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def test_parse_provenance_hand_written():
    text = ("# OECD ICIO 2025 edition\n\n**Source.** The PyPI package x 0.1 (MIT).\n"
            "- Release: 2025 edition, year 2022\n- Licence: OECD terms\n| file | contents | units |\n|---|---|---|\n"
            "| z.parquet | Z | million USD |\n")
    info = parse_provenance(text, "icio")
    assert info.title == "OECD ICIO 2025 edition"
    assert info.source == "The PyPI package x 0.1 (MIT)."
    assert info.release == "2025 edition; package x 0.1"  # the data's edition, then the copy's version
    assert info.licence == "OECD terms"
    assert "million USD" in info.units  # the table header row is skipped
    empty = parse_provenance("# nothing here\n", "x")
    assert (empty.source, empty.release, empty.licence, empty.units) == ("not stated",) * 4


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared data folder is not here")
def test_list_every_dataset_of_the_shared_folder():
    infos = list_datasets(SHARED)
    folders = sorted(p.name for p in SHARED.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert [i.name for i in infos] == folders
    assert all(i.extra["provenance"] for i in infos)
    assert all(i.files > 0 for i in infos)
    res = runner.invoke(app, ["data", "list", "--data", str(SHARED)], env={"COLUMNS": "250"})
    assert res.exit_code == 0, res.output
    for name in folders:
        assert name in res.output


def test_parse_provenance_labels_phrases_and_not_stated():
    # written out by hand: bold lead-ins, a wrapped bullet, sub-bullets, a checks block whose
    # figures are not units, a licence only named in the text, a commit as the release
    text = ("# Trade panel, BACI V202501 (REAL)\n\n"
            "**Publisher.** CEPII (Centre d'Etudes Prospectives). Downloaded 2025-02-01.\n"
            "- Commit: 0123456789abcdef0123456789abcdef01234567 (2025-01-31); files data/*.csv\n"
            "  - sub-file `a.csv` (thousand USD), `b.csv` (tonnes)\n"
            "Data derived from BACI (Etalab 2.0 open licence) and the repository is MIT.\n\n"
            "**Verified.** KAZ 2021 = 66.8 bn USD; 2.4 million EUR.\n")
    info = parse_provenance(text, "t")
    assert info.source == "CEPII (Centre d'Etudes Prospectives)."
    assert info.release == "V202501; commit 0123456789ab"
    assert info.licence == "Etalab 2.0; open licence; MIT"
    assert info.units == "thousand USD; tonnes"  # not "bn USD" nor "million EUR" (figures of the checks)
    bare = parse_provenance("# Some table\nRows and columns of a table.\n", "b")
    assert (bare.source, bare.release, bare.licence, bare.units) == ("not stated",) * 4


#: what each real PROVENANCE.md states (read by hand from the files; substrings, or "not stated")
REAL = {
    "adb_mrio_gvc_indicators": ("GitHub ksreyes/mrio-processing", "not stated", "ADB terms of use", "million USD"),
    "adb_mrio_summary_kaz": ("GitHub ksreyes/mrio-processing", "commit fc12ede6aa7c", "MIT", "Million USD"),
    "au_eiat_lga_employment_io19": ("github.com/aiti-flinders/eiat", "commit a8b8fc971b86", "CC0; CC BY 4.0", "AUD million; persons"),
    "baci_brics_hs6_2015_2024": ("GitHub JBrunoLLeao/brics-dashboard", "V202601; commit 411a1372627c", "Etalab 2.0", "current USD"),
    "baci_crude_oil_2709_2021": ("PyPI quantecon_book_networks 1.6", "quantecon_book_networks 1.6", "MIT; Etalab 2.0", "USD; metric tons"),
    "baci_kaz_exports": ("GitHub ksreyes/adb-kaz-gvc", "commit ee40277355da", "no license file; Etalab 2.0", "thousand USD; tons"),
    "croatia_siot_2010": ("GitHub rOpenGov/iotables", "HEAD 84e420fca6d6", "MIT", "thousand HRK; persons"),
    "eci_trade_sample_1995": ("GitHub cid-harvard/py-ecomplexity", "commit 600401b75c83", "MIT", "USD"),
    "fi_alta_regional_io_2014": ("github.com/pttry/alta", "commit 5a2f91d63256", "no license file", "EUR million"),
    "hs_isic_concordance": ("GitHub mateosuster/impo_sectorial", "HEAD f9bf2fe26fc4", "no LICENSE file", "not stated"),
    "hs_sitc_concordance": ("GitHub insongkim/concordance", "CRAN concordance 2.1.0", "MIT", "not stated"),
    "iotables_eurostat_examples": ("GitHub rOpenGov/iotables", "CRAN iotables 0.9.5", "MIT", "million EUR"),
    "kaz_bilateral_adb_mrio_gravity": ("GitHub janinepdevera/KAZ-gvc-pta", "V202211; commit f28b37a", "MIT", "million USD; thousand USD"),
    "kz_bns_regional_gva_employment": ("Bureau of National Statistics (BNS)", "commit 454b3d3aa85b", "reusable with attribution",
                                       "million KZT, current prices; thousand persons"),
    "lall_classification": ("GitHub JBrunoLLeao/brics-dashboard", "commit 411a1372627c", "No license file", "not stated"),
    "leather_decompr_example": ("GitHub bquast/decompr", "version 6.8.0; HEAD 0a0b823a71cb", "GPL-3", "not stated"),
    "oecd_icio2025_2022_intermediate": ("PyPI package sanction-simulator 0.1.4", "2025 edition", "OECD's terms", "million USD"),
    "oecd_iot_belgium_2020": ("GitHub rOpenGov/iotables", "2023 edition", "MIT", "Million USD"),
    "uk_ons_iot_2010": ("GitHub rOpenGov/iotables", "commit 84e420fca6d6", "MIT", "£ million"),
    "us_bea_2021_use_make": ("PyPI quantecon_book_networks 1.6", "quantecon_book_networks 1.6", "MIT", "Million USD"),
    "us_stateior_state_bea_summary": ("github.com/USEPA/stateior", "commit c0c5dc6753c2", "MIT; public domain", "current USD"),
    "wiod2011_decompr_7reg35ind": ("GitHub bquast/decompr", "2011 release; commit 5cf1e5d2004d", "GPL-3", "millions of USD"),
}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared data folder is not here")
def test_provenance_fields_of_every_real_folder():
    import re

    infos = {i.name: i for i in list_datasets(SHARED)}
    assert set(REAL) <= set(infos), sorted(set(REAL) - set(infos))
    for name, info in infos.items():
        fields = {"source": info.source, "release": info.release, "licence": info.licence, "units": info.units}
        def norm(x: str) -> str:  # letters and digits only: the check does not depend on spacing or punctuation
            return re.sub(r"[^0-9a-z£]+", "", x.lower())

        text = norm((SHARED / name / "PROVENANCE.md").read_text(encoding="utf-8"))
        for field, value in fields.items():
            # one line without Markdown, at most 200 characters; "not stated" or words of the file
            assert value and "\n" not in value and len(value) <= 200 and "**" not in value and "`" not in value, (name, field, value)
            if value != "not stated":
                for part in value.rstrip("…").split("; "):
                    assert norm(part) in text, (name, field, part)
        if name in REAL:
            for field, want in zip(("source", "release", "licence", "units"), REAL[name]):
                got = fields[field]
                assert (got == "not stated") if want == "not stated" else (want in got), (name, field, got, want)


def test_list_writes_a_table_and_warns_without_provenance(tmp_path):
    (tmp_path / "d" / "a").mkdir(parents=True)
    (tmp_path / "d" / "a" / "PROVENANCE.md").write_text("# A\n- Source: somewhere\n- Units: persons\n")
    (tmp_path / "d" / "a" / "x.csv").write_text("1\n")
    (tmp_path / "d" / "b").mkdir()
    res = runner.invoke(app, ["data", "list", "--data", str(tmp_path / "d"), "-o", str(tmp_path / "l.dta")])
    assert res.exit_code == 0, res.output
    assert "no PROVENANCE.md in b" in res.output
    df = pd.read_stata(tmp_path / "l.dta")
    assert df["dataset"].tolist() == ["a", "b"] and df["units"].tolist() == ["persons", "not stated"]


def test_verify_records_once_then_detects_changes(tmp_path):
    d = tmp_path / "d"
    (d / "a").mkdir(parents=True)
    (d / "a" / "x.csv").write_text("1,2\n")
    (d / "a" / "y.csv").write_text("3\n")
    res = runner.invoke(app, ["data", "verify", "--data", str(d)])
    assert res.exit_code == 2 and "record one first" in res.output
    res = runner.invoke(app, ["data", "verify", "--data", str(d), "--record"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["data", "verify", "--data", str(d)])
    assert res.exit_code == 0 and "2 ok, 0 changed, 0 missing, 0 new" in res.output
    (d / "a" / "x.csv").write_text("1,3\n")
    (d / "a" / "y.csv").unlink()
    (d / "a" / "z.csv").write_text("new\n")
    res = runner.invoke(app, ["data", "verify", "--data", str(d)])
    assert res.exit_code == 1
    assert "changed: a/x.csv" in res.output and "missing: a/y.csv" in res.output and "new: a/z.csv" in res.output
    st = verify_manifest(d).set_index("file")["status"].to_dict()
    assert st == {"a/x.csv": "changed", "a/y.csv": "missing", "a/z.csv": "new"}


def test_manifest_elsewhere_and_a_bad_manifest(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "x.csv").write_text("1\n")
    m = record_manifest(d, tmp_path / "m.json")
    assert m.exists() and not (d / "valuechain-manifest.json").exists()
    assert verify_manifest(d, m)["status"].tolist() == ["ok"]
    (tmp_path / "bad.json").write_text("[1, 2]")
    res = runner.invoke(app, ["data", "verify", "--data", str(d), "--manifest", str(tmp_path / "bad.json")])
    assert res.exit_code == 2 and "not a valuechain manifest" in res.output
    res = runner.invoke(app, ["data", "list", "--data", str(tmp_path / "nope")])
    assert res.exit_code == 2 and res.output.startswith("error: data folder not found")


def test_import_refuses_folders_missing_files_and_a_full_output(tmp_path):
    (tmp_path / "adir").mkdir()
    res = runner.invoke(app, ["data", "import", "baci", str(tmp_path / "adir"), "-o", str(tmp_path / "p")])
    assert res.exit_code == 2 and "is a folder" in res.output
    res = runner.invoke(app, ["data", "import", "adb-mrio", str(tmp_path / "none.xlsx"), "-o", str(tmp_path / "p")])
    assert res.exit_code == 2 and "not found" in res.output
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    (tmp_path / "z.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip
    res = runner.invoke(app, ["data", "import", "oecd-icio", str(tmp_path / "z.zip"), "-o", str(tmp_path / "full")])
    assert res.exit_code == 2 and "not empty" in res.output
    assert (tmp_path / "full" / "keep.txt").read_text() == "x"
    res = runner.invoke(app, ["data", "import", "oecd-icio", str(tmp_path / "z.zip"), "-o", str(tmp_path / "new")])
    assert res.exit_code == 2 and "no yearly CSV" in res.output and not (tmp_path / "new").exists()
