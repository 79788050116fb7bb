"""The coverage table cannot lie: reproduced items point to ids on the page, quotations are in the seed texts,
'not held' items name data the folder does not hold."""

from pathlib import Path

import pandas as pd
import pytest

from valuechain.report.coverage import SEED_FINDINGS, SEED_ITEMS, coverage_table, quote_in_seed

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not here")
@pytest.mark.parametrize("topic,key,quote,seed", SEED_FINDINGS)
def test_quotations_are_in_the_seed_text(topic, key, quote, seed):
    assert quote_in_seed(quote, seed, SEEDS), topic


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not here")
def test_the_seed_lists_the_national_key_sectors_we_quote():
    # regional seed, Table 4 (part 2): coke and refined petroleum, chemicals, non-metallic minerals
    for q in ("Manufacture of coke and petroleum refining goods 1.03 1.34", "Manufacture of goods of chemical industry 1.09 2.41",
              "Manufacture of other non-metallic mineral products 1.14 1.06"):
        assert quote_in_seed(q, "Regional-clusters seed", SEEDS)


def test_not_held_items_are_not_in_the_data_folder(shared_data):
    for it in SEED_ITEMS:
        if it.missing and it.missing_glob:
            hits = [p for p in Path(shared_data).rglob(it.missing_glob)]
            assert not hits, f"{it.seed} {it.item} says '{it.missing}' is not held, but the data folder has {hits[:3]}"


def test_status_follows_what_was_rendered():
    cov = coverage_table({"national_key_sectors": [], "survival_sector_medians": ["synthetic panel"]})
    row = cov.set_index(["seed", "item"])
    assert row.loc[("Regional-clusters seed", "Table 4 (part 2)"), "status"] == "reproduced"
    assert row.loc[("Trade seed", "Figure 19"), "status"] == "partly"  # synthetic is never 'reproduced'
    assert row.loc[("Trade seed", "Figure 3"), "status"] == "not held"
    assert (cov["status"] == "reproduced").sum() == 1


def test_kazakhstan_coverage_points_to_ids_on_the_page(kazakhstan_report):
    cov = pd.read_csv(kazakhstan_report / "data" / "seeds_coverage.csv")
    page = (kazakhstan_report / "index.html").read_text(encoding="utf-8")
    assert len(cov) == len(SEED_ITEMS)
    for ids in cov.loc[cov["status"].isin(["reproduced", "partly"]), "ids"]:
        for i in str(ids).split(", "):
            assert f'id="tab-{i}"' in page or f'id="fig-{i}"' in page or f'id="annex-{i}"' in page, i


def test_destinations_2019_match_baci_column(kazakhstan_report):
    """China 2019 = 7,921.685 million USD in the CEPII BACI column of the partner file (its coverage stated)."""
    t = pd.read_csv(kazakhstan_report / "data" / "trade_destinations_partners.csv")
    china = t[t["partner_name"].str.contains("China")].iloc[0]
    assert abs(china["value"] - 7.921685) < 1e-6
    assert 85 <= china["coverage_pct"] <= 100


def test_workbook_holds_no_number_as_text(kazakhstan_report):
    import re

    import openpyxl

    from valuechain.report.excel import is_code_column

    num = re.compile(r"^\s*[−-]?\d[\d,]*(\.\d+)?\s*%?\s*$")
    wb = openpyxl.load_workbook(kazakhstan_report / "tables.xlsx", read_only=True)
    bad = []
    for ws in wb.worksheets:
        header = None
        for row in ws.iter_rows(values_only=True):
            if header is None and row and all(isinstance(v, str) for v in row if v is not None) and sum(v is not None for v in row) > 1:
                header = row
                continue
            for j, v in enumerate(row):
                col = header[j] if header and j < len(header) and header[j] else ""
                if isinstance(v, str) and num.match(v) and not is_code_column(col):
                    bad.append((ws.title, col, v))
    assert not bad, bad[:10]
    assert "notes" in wb.sheetnames
    caveat_lines = sum(1 for ws in wb.worksheets if ws.title != "notes" for r in ws.iter_rows(values_only=True)
                       for v in r if isinstance(v, str) and v.startswith("Caveat: "))
    assert caveat_lines == 0


def test_missing_comparators_are_named_once_per_source(kazakhstan_report):
    """The study's [peers] are the trade seed's seven; each source that lacks some says so in one line."""
    import html
    import re

    page = (kazakhstan_report / "index.html").read_text(encoding="utf-8")
    paras = [re.sub("<[^>]+>", "", html.unescape(p)) for p in re.findall(r"<p[^>]*>(.*?)</p>", page, re.S)]
    panel = [p for p in paras if p.startswith("Not held by the peer panel")]
    adb = [p for p in paras if p.startswith("Not in the ADB MRIO indicators")]
    assert len(panel) == 1 and "Azerbaijan" in panel[0] and "\n" not in panel[0].strip()
    assert len(adb) == 1 and "Azerbaijan (AZE), Chile (CHL)" in adb[0]
