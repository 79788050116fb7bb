"""The bad-input suite: every command, fed what a hostile or careless user gives it.

Each case asserts the promise of the CLI: exit code 2, exactly one line
``error: what; how to fix``, no traceback, and nothing left behind (no output, no
hidden temporary file or folder, an existing folder untouched).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()

GOOD_TABLE = """,A,B,C,HH,output
A,10,20,5,65,100
B,15,10,25,150,200
C,5,30,10,105,150
VA,70,140,110,,
output,100,200,150,,
"""

EMP = """industry,region,employment
A,North,30
B,North,10
C,North,20
A,South,70
B,South,90
C,South,80
"""


def _table_variant(rows: list[str]) -> str:
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def inp(tmp_path_factory):
    """Good and bad input files, written once; outputs go to a fresh folder per case."""
    d = tmp_path_factory.mktemp("inputs")
    f = {}

    def w(name, text, mode="w"):
        p = d / name
        if mode == "wb":
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
        f[name.split(".")[0]] = p
        return p

    w("table.csv", GOOD_TABLE)
    w("emp.csv", EMP)
    lines = GOOD_TABLE.strip().splitlines()
    w("nocol.csv", _table_variant([",".join(ln.split(",")[:3] + ln.split(",")[4:]) for ln in lines]))  # column C missing
    w("textcell.csv", GOOD_TABLE.replace("10,20,5", "10,abc,5"))
    w("infcell.csv", GOOD_TABLE.replace("10,20,5", "10,inf,5"))
    w("unbalanced.csv", GOOD_TABLE.replace("A,10,20,5,65,100", "A,10,20,5,65,900"))
    w("negoutput.csv", GOOD_TABLE.replace("output,100,200,150", "output,-100,200,150").replace("A,10,20,5,65,100", "A,10,20,5,65,-100"))
    w("oneind.csv", ",A,HH,output\nA,10,90,100\nVA,90,,\noutput,100,,\n")
    w("nolabels.csv", "1,2,3\n4,5,6\n")
    w("empty.csv", "")
    w("header_only.csv", ",A,B\n")
    w("binary.csv", b"\x00\x01\x02\xff\xfe" * 50, "wb")
    w("latin1.csv", ",A,B,HH,output\nA\xe9,1,2,3,6\n".encode("latin-1"), "wb")
    w("dup_labels.csv", GOOD_TABLE.replace("\nB,15", "\nA,15"))
    w("blankcell.csv", GOOD_TABLE.replace("10,20,5", "10,,5"))
    w("tabletxt.txt", GOOD_TABLE)
    w("garbage.xlsx", b"this is not a workbook", "wb")
    w("emp_nocol.csv", "industry,place,jobs\nA,North,3\n")
    w("emp_neg.csv", EMP.replace("A,North,30", "A,North,-30"))
    w("emp_text.csv", EMP.replace("A,North,30", "A,North,many"))
    w("emp_unknown.csv", EMP + "Z,North,5\nZ,South,5\n")
    w("emp_empty.csv", "")
    w("delta.csv", "industry,delta\nA,0.2\nB,0.3\nC,0.4\n")
    w("delta_bad.csv", "industry,delta\nA,x\nB,0.3\nC,0.4\n")
    w("delta_cols.csv", "sector,d\nA,0.2\n")
    # ras
    w("prior.csv", ",a,b\nx,1,2\ny,3,4\n")
    w("rows.csv", "label,value\nx,4\ny,6\n")
    w("cols.csv", "label,value\na,5\nb,5\n")
    w("cols_bad.csv", "label,value\na,5\nb,6\n")  # totals differ from the rows'
    w("rows_text.csv", "label,value\nx,four\ny,6\n")
    w("rows_dup.csv", "label,value\nx,4\nx,6\n")
    w("rows_3col.csv", "label,value,extra\nx,4,1\ny,6,1\n")
    w("prior_text.csv", ",a,b\nx,1,two\ny,3,4\n")
    w("prior_neg.csv", ",a,b\nx,-1,2\ny,3,4\n")
    # trade flows
    from valuechain.datasets.synthetic_trade import synthetic_panel

    flows = synthetic_panel(n_exporters=6, n_products=12, years=(2000, 2005), seed=1)
    assert "KAZ" in set(flows["exporter"])
    flows.to_csv(d / "flows.csv", index=False)
    f["flows"] = d / "flows.csv"

    def variant(name, fn):
        x = flows.copy()
        x = fn(x)
        x.to_csv(d / f"{name}.csv", index=False)
        f[name] = d / f"{name}.csv"

    def set_cell(col, val, typ=object):
        def fn(x):
            x[col] = x[col].astype(typ)
            x.loc[x.index[x.exporter == "KAZ"][2], col] = val  # a row of the country that `trade` checks
            return x
        return fn

    variant("f_textvalue", set_cell("value", "abc"))
    variant("f_textyear", set_cell("year", "20x0"))
    variant("f_fracyear", set_cell("year", 2000.5, float))
    variant("f_inf", set_cell("value", float("inf"), float))
    variant("f_neg", set_cell("value", -5.0, float))
    variant("f_badcode", set_cell("importer", "XX1"))
    variant("f_nocol", lambda x: x.drop(columns=["value"]))
    variant("f_dup", lambda x: pd.concat([x, x[x.exporter == "KAZ"].iloc[[0]]]))
    variant("f_oneexp", lambda x: x[x.exporter == "KAZ"])
    variant("f_oneprod", lambda x: x[x["product"] == x["product"].iloc[0]])
    variant("f_empty", lambda x: x.iloc[:0])
    variant("f_noimporter", lambda x: x.groupby(["year", "exporter", "product"], as_index=False)["value"].sum())
    # issue 24: rows of OTHER exporters (they feed the world totals, denominators and matrices)
    def set_other(col, val, typ=object):
        def fn(x):
            x[col] = x[col].astype(typ)
            x.loc[x.index[x.exporter == "HTI"][3], col] = val
            return x
        return fn

    variant("f_other_inf", set_other("value", float("inf"), float))
    variant("f_other_nan", set_other("value", "NaN"))
    variant("f_other_neg", set_other("value", -5.0, float))
    variant("f_other_blank_product", set_other("product", ""))
    variant("f_other_blank_exporter", set_other("exporter", ""))
    variant("f_other_dup", lambda x: pd.concat([x, x[x.exporter == "HTI"].iloc[[3]]]))
    variant("f_year_neg", set_cell("year", -2000, int))
    variant("f_year_huge", set_cell("year", 99999999999, int))
    variant("f_blank_product", set_cell("product", ""))
    variant("f_oneexp_2003", lambda x: x[(x.exporter == "KAZ")])
    # world totals (year, product, value) of the panel, and broken copies
    world = flows.groupby(["year", "product"], as_index=False)["value"].sum()
    world.to_csv(d / "world.csv", index=False)
    f["world"] = d / "world.csv"

    def wvariant(name, fn):
        x = fn(world.copy())
        x.to_csv(d / f"{name}.csv", index=False)
        f[name] = d / f"{name}.csv"

    def wset(col, val, typ=object):
        def fn(x):
            x[col] = x[col].astype(typ)
            x.loc[x.index[5], col] = val
            return x
        return fn

    wvariant("w_inf", wset("value", float("inf"), float))
    wvariant("w_nan", wset("value", "NaN"))
    wvariant("w_neg", wset("value", -1.0, float))
    wvariant("w_dup", lambda x: pd.concat([x, x.iloc[[5]]]))
    wvariant("w_noyear", lambda x: x[x.year != 2003])
    wvariant("w_blank", wset("product", ""))
    wvariant("w_year", wset("year", -2000, int))
    # outputs never touch inputs: a folder holding the inputs, a link to an input
    (d / "link_table.csv").symlink_to(d / "table.csv")
    f["link_table"] = d / "link_table.csv"
    f["inputs_dir"] = d
    w("study_inputs.toml", 'title = "x"\n[io]\ntable = "table.csv"\n')
    # the study file through the command line's validators
    io = '[io]\ntable = "table.csv"\n'
    tr = '[trade]\nflows = "flows.csv"\ncountry = "KAZ"\n'
    w("study_rtol_nan.toml", io.replace('"\n', '"\nrtol = nan\n', 1))
    w("study_rtol_inf.toml", io.replace('"\n', '"\nrtol = inf\n', 1))
    w("study_years_list.toml", tr + "years = [2000, 2005]\n")
    w("study_years_huge.toml", tr + 'years = "1-99999999"\n')
    w("study_gdp_scale_neg.toml", tr + "gdp_scale = -1\n")
    w("study_gdp_scale_zero.toml", tr + "gdp_scale = 0\n")
    w("study_gdp_scale_nan.toml", tr + "gdp_scale = nan\n")
    w("study_top_zero.toml", tr + "top = 0\n")
    w("study_peers_unknown.toml", '[study]\ncountry = "KAZ"\ncompare_seeds = false\n' + tr
      + '[peers]\ncountries = ["HTI", "XXX"]\nflows = "flows.csv"\nsurvival = false\n')
    # special files: a FIFO (reading it would hang)
    import os

    os.mkfifo(d / "fifo.csv")
    f["fifo"] = d / "fifo.csv"
    w("gdp_bad.csv", "year,country\n2000,KAZ\n")
    w("groups_bad.toml", "this is = not [ toml")
    # report
    w("study_bad.toml", "[study\nname = ")
    w("study_empty.toml", "")
    w("study_unknown.toml", 'title = "x"\n[nonsense]\nkey = 1\n')
    w("study_missing_input.toml", 'title = "x"\n[iotable]\nfile = "does-not-exist.csv"\n')
    afile = d / "afile"
    afile.write_text("x")
    f["afile"] = afile
    return f


def _fill(arg: str, f: dict, out: Path) -> str:
    import re

    def one(m):
        key = m.group(1)
        if key == "o":
            return str(out)
        if key == "missing":
            return str(out.parent / "does-not-exist.csv")
        if key == "indir":  # an existing folder where a file is expected
            return str(out.parent)
        if key == "under_file":  # an output path below a regular file
            return str(f["afile"] / "out.csv")
        if key == "under_file_dir":
            return str(f["afile"] / "outdir")
        if key == "in_input_dir":  # an output inside an input folder
            return str(f["leather"] / "out.csv")
        return str(f[key])

    return re.sub(r"\{([a-z_0-9]+)\}", one, arg)


def _snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


# (case id, argv, words the message must contain (or ""), output kind: "file" | "dir")
T, E, FL = "{table}", "{emp}", "{flows}"
CASES: list[tuple[str, list[str], str]] = []


def case(cid: str, argv: list[str], words: str = "") -> None:
    CASES.append((cid, argv, words))


# --- the IO-table commands: the same bad tables and options for each
for cmd, extra in [("multipliers", []), ("linkages", []), ("keysectors", []), ("clusters", [])]:
    for name, words in [("missing", "not found"), ("indir", "folder"), ("empty", ""), ("header_only", ""),
                        ("binary", ""), ("latin1", ""), ("nolabels", ""), ("textcell", ""), ("infcell", "infinite"),
                        ("unbalanced", "balance"), ("oneind", "two"), ("dup_labels", ""), ("blankcell", "blank"),
                        ("nocol", "column"), ("garbage", "")]:
        case(f"{cmd}-{name}", [cmd, "{" + name + "}", "-o", "{o}", *extra], words)
    case(f"{cmd}-out-under-file", [cmd, T, "-o", "{under_file}"], "is a file, not a folder")
    case(f"{cmd}-out-is-folder", [cmd, T, "-o", "{indir}"], "folder")
    case(f"{cmd}-out-suffix", [cmd, T, "-o", "{o}.txt"], ".csv")
for cmd in ("multipliers", "linkages", "keysectors"):
    case(f"{cmd}-rtol-nan", [cmd, T, "--rtol", "nan", "-o", "{o}"], "--rtol")
    case(f"{cmd}-rtol-neg", [cmd, T, "--rtol", "-1", "-o", "{o}"], "--rtol")
    case(f"{cmd}-rtol-inf", [cmd, T, "--rtol", "inf", "-o", "{o}"], "--rtol")
    case(f"{cmd}-sep-empty", [cmd, T, "--sep", "", "-o", "{o}"], "--sep")
    case(f"{cmd}-sep-long", [cmd, T, "--sep", ";;", "-o", "{o}"], "--sep")
    case(f"{cmd}-format", [cmd, T, "--format", "sas", "-o", "{o}"], "--format")
    case(f"{cmd}-balance-opt", [cmd, T, "--check-balance", "maybe", "-o", "{o}"], "--check-balance")
    case(f"{cmd}-role", [cmd, T, "--role", "nonsense", "-o", "{o}"], "--role")
    case(f"{cmd}-label-col", [cmd, T, "--label-column", "nope", "-o", "{o}"], "")
    case(f"{cmd}-sheet-csv", [cmd, "{garbage}", "--sheet", "9", "-o", "{o}"], "")
case("multipliers-type", ["multipliers", T, "--type", "III", "-o", "{o}"], "--type")
case("multipliers-kind", ["multipliers", T, "--kind", "huge", "-o", "{o}"], "")
case("multipliers-typeII-no-hh", ["multipliers", "{table}", "--type", "II", "--role", "households=NOPE", "-o", "{o}"], "")
case("linkages-method", ["linkages", T, "--method", "magic", "-o", "{o}"], "--method")
case("keysectors-cv", ["keysectors", T, "--cv-filter", "low", "-o", "{o}"], "--cv-filter")
case("keysectors-fig-suffix", ["keysectors", T, "--figure", "{o}.gif", "-o", "{o}"], "figure")
case("keysectors-fig-under-file", ["keysectors", T, "--figure", "{afile}/fig.svg", "-o", "{o}"], "is a file")
case("keysectors-backward", ["keysectors", T, "--backward", "magic", "-o", "{o}"], "")
case("keysectors-exclude-unknown", ["keysectors", T, "--exclude", "Z", "-o", "{o}"], "")
case("clusters-threshold", ["clusters", T, "--threshold", "7", "-o", "{o}"], "")
case("clusters-exclude-from", ["clusters", T, "--exclude-from", "nowhere", "-o", "{o}"], "")
case("clusters-nfactors", ["clusters", T, "--n-factors", "0", "-o", "{o}"], "")
case("clusters-scree-suffix", ["clusters", T, "--scree", "{o}.gif", "-o", "{o}"], "scree")
case("clusters-scree-under-file", ["clusters", T, "--scree", "{afile}/scree.svg", "-o", "{o}"], "is a file")

# --- regionalize / tworegion
R = ["-e", E, "-r", "North"]
for cmd in ("regionalize", "tworegion"):
    out = "{o}" if cmd == "regionalize" else "{o}"
    case(f"{cmd}-table-missing", [cmd, "{missing}", *R, "-o", out], "not found")
    case(f"{cmd}-table-nocol", [cmd, "{nocol}", *R, "-o", out], "column")
    case(f"{cmd}-emp-missing", [cmd, T, "-e", "{missing}", "-r", "North", "-o", out], "not found")
    case(f"{cmd}-emp-empty", [cmd, T, "-e", "{emp_empty}", "-r", "North", "-o", out], "empty")
    case(f"{cmd}-emp-cols", [cmd, T, "-e", "{emp_nocol}", "-r", "North", "-o", out], "")
    case(f"{cmd}-emp-neg", [cmd, T, "-e", "{emp_neg}", "-r", "North", "-o", out], "")
    case(f"{cmd}-emp-text", [cmd, T, "-e", "{emp_text}", "-r", "North", "-o", out], "")
    case(f"{cmd}-emp-unknown", [cmd, T, "-e", "{emp_unknown}", "-r", "North", "-o", out], "")
    case(f"{cmd}-region", [cmd, T, "-e", E, "-r", "Atlantis", "-o", out], "")
    case(f"{cmd}-method", [cmd, T, *R, "-m", "xlq", "-o", out], "")
    case(f"{cmd}-delta-0", [cmd, T, *R, "--delta", "0", "-o", out], "")
    case(f"{cmd}-delta-nan", [cmd, T, *R, "--delta", "nan", "-o", out], "")
    case(f"{cmd}-sflq-no-file", [cmd, T, *R, "-m", "sflq", "-o", out], "--delta-file")
    case(f"{cmd}-delta-file-bad", [cmd, T, *R, "-m", "sflq", "--delta-file", "{delta_bad}", "-o", out], "")
    case(f"{cmd}-delta-file-cols", [cmd, T, *R, "-m", "sflq", "--delta-file", "{delta_cols}", "-o", out], "")
    case(f"{cmd}-delta-file-flq", [cmd, T, *R, "--delta-file", "{delta}", "-o", out], "--delta-file")
    case(f"{cmd}-diagonal", [cmd, T, *R, "--diagonal", "diag", "-o", out], "")
    case(f"{cmd}-format", [cmd, T, *R, "--format", "sas", "-o", out], "--format")
case("regionalize-out-suffix", ["regionalize", T, *R, "-o", "{o}.txt"], ".csv or .xlsx")
case("regionalize-out-under-file", ["regionalize", T, *R, "-o", "{under_file}"], "is a file")
case("regionalize-lq-under-file", ["regionalize", T, *R, "--lq-out", "{under_file}", "-o", "{o}.csv"], "is a file")
case("regionalize-lq-suffix", ["regionalize", T, *R, "--lq-out", "{o}.lq", "-o", "{o}.csv"], ".csv")
case("regionalize-figure-no-sens", ["regionalize", T, *R, "--figure", "{o}.svg", "-o", "{o}.csv"], "--sensitivity")
case("regionalize-sens-slq", ["regionalize", T, *R, "-m", "slq", "--sensitivity", "{o}s.csv", "-o", "{o}.csv"], "--sensitivity")
case("regionalize-same-output-twice", ["regionalize", T, *R, "--lq-out", "{o}.csv", "-o", "{o}.csv"], "twice")
case("tworegion-out-file", ["tworegion", T, *R, "-o", "{afile}"], "is a file")
case("tworegion-out-under-file", ["tworegion", T, *R, "-o", "{under_file_dir}"], "is a file")
case("tworegion-rest", ["tworegion", T, *R, "--rest", "North", "-o", "{o}"], "")

# --- ras
RAS = ["--rows", "{rows}", "--cols", "{cols}"]
case("ras-prior-missing", ["ras", "{missing}", *RAS, "-o", "{o}"], "not found")
case("ras-prior-empty", ["ras", "{empty}", *RAS, "-o", "{o}"], "")
case("ras-prior-text", ["ras", "{prior_text}", *RAS, "-o", "{o}"], "non-numeric")
case("ras-prior-neg", ["ras", "{prior_neg}", *RAS, "-o", "{o}"], "")
case("ras-prior-binary", ["ras", "{binary}", *RAS, "-o", "{o}"], "")
case("ras-rows-missing", ["ras", "{prior}", "--rows", "{missing}", "--cols", "{cols}", "-o", "{o}"], "not found")
case("ras-rows-text", ["ras", "{prior}", "--rows", "{rows_text}", "--cols", "{cols}", "-o", "{o}"], "not a number")
case("ras-rows-dup", ["ras", "{prior}", "--rows", "{rows_dup}", "--cols", "{cols}", "-o", "{o}"], "duplicate")
case("ras-rows-3col", ["ras", "{prior}", "--rows", "{rows_3col}", "--cols", "{cols}", "-o", "{o}"], "two columns")
case("ras-totals-differ", ["ras", "{prior}", "--rows", "{rows}", "--cols", "{cols_bad}", "-o", "{o}"], "")
case("ras-method", ["ras", "{prior}", *RAS, "--method", "lsq", "-o", "{o}"], "--method")
case("ras-tol", ["ras", "{prior}", *RAS, "--tol", "nan", "-o", "{o}"], "--tol")
case("ras-max-iter", ["ras", "{prior}", *RAS, "--max-iter", "0", "-o", "{o}"], "--max-iter")
case("ras-out-under-file", ["ras", "{prior}", *RAS, "-o", "{under_file}"], "is a file")
case("ras-out-folder", ["ras", "{prior}", *RAS, "-o", "{indir}"], "folder")

# --- trade / complexity / survival
for cmd, extra in [("trade", ["-c", "KAZ"]), ("complexity", []), ("survival", [])]:
    for name, words in [("f_textvalue", "not a number"), ("f_textyear", "whole number"), ("f_fracyear", "whole number"),
                        ("f_inf", "infinite"), ("f_neg", "negative"), ("f_badcode", "country code"),
                        ("f_nocol", "value"), ("f_dup", "more than once"), ("f_empty", ""), ("missing", "not found"),
                        ("binary", ""), ("empty", "")]:
        case(f"{cmd}-{name}", [cmd, "{" + name + "}", *extra, "-q", "-o", "{o}"], words)
    case(f"{cmd}-out-file", [cmd, FL, *extra, "-q", "-o", "{afile}"], "is a file")
    case(f"{cmd}-out-under-file", [cmd, FL, *extra, "-q", "-o", "{under_file_dir}"], "is a file")
    case(f"{cmd}-engine", [cmd, FL, *extra, "--engine", "polars", "-q", "-o", "{o}"], "--engine")
    case(f"{cmd}-years-reversed", [cmd, FL, *extra, "-q", "-o", "{o}"] + (["--years", "2005-2000"] if cmd != "complexity" else ["--year", "2005-2000"]), "")
    case(f"{cmd}-years-text", [cmd, FL, *extra, "-q", "-o", "{o}"] + (["--years", "soon"] if cmd != "complexity" else ["--year", "soon"]), "")
case("trade-country", ["trade", FL, "-c", "XXX", "-q", "-o", "{o}"], "not an exporter")
case("trade-years-outside", ["trade", FL, "-c", "KAZ", "--years", "1990-1995", "-q", "-o", "{o}"], "")
case("trade-base-outside", ["trade", FL, "-c", "KAZ", "--base", "1990", "-q", "-o", "{o}"], "--base")
case("trade-end-outside", ["trade", FL, "-c", "KAZ", "--end", "2030", "-q", "-o", "{o}"], "--end")
case("trade-periods-outside", ["trade", FL, "-c", "KAZ", "--periods", "1990-2003", "-q", "-o", "{o}"], "--periods")
case("trade-periods-same", ["trade", FL, "-c", "KAZ", "--periods", "2001-2001", "-q", "-o", "{o}"], "")
case("trade-min-value-nan", ["trade", FL, "-c", "KAZ", "--min-value", "nan", "-q", "-o", "{o}"], "--min-value")
case("trade-min-value-neg", ["trade", FL, "-c", "KAZ", "--min-value", "-1", "-q", "-o", "{o}"], "--min-value")
case("trade-top", ["trade", FL, "-c", "KAZ", "--top", "0", "-q", "-o", "{o}"], "--top")
case("trade-hhi-n", ["trade", FL, "-c", "KAZ", "--hhi-n", "0", "-q", "-o", "{o}"], "--hhi-n")
case("trade-duplicates", ["trade", FL, "-c", "KAZ", "--duplicates", "keep", "-q", "-o", "{o}"], "--duplicates")
case("trade-validate", ["trade", FL, "-c", "KAZ", "--validate", "some", "-q", "-o", "{o}"], "--validate")
case("trade-format", ["trade", FL, "-c", "KAZ", "--format", "sas", "-q", "-o", "{o}"], "")
case("trade-groups-missing", ["trade", FL, "-c", "KAZ", "--groups", "{missing}", "-q", "-o", "{o}"], "")
case("trade-groups-bad", ["trade", FL, "-c", "KAZ", "--groups", "{groups_bad}", "-q", "-o", "{o}"], "")
case("trade-gdp-cols", ["trade", FL, "-c", "KAZ", "--gdp", "{gdp_bad}", "-q", "-o", "{o}"], "gdp")
case("trade-gdppc-missing", ["trade", FL, "-c", "KAZ", "--gdppc", "{missing}", "-q", "-o", "{o}"], "not found")
case("trade-world-missing", ["trade", FL, "-c", "KAZ", "--world", "{missing}", "-q", "-o", "{o}"], "not found")
case("complexity-one-exporter", ["complexity", "{f_oneexp}", "-q", "-o", "{o}"], "two exporters")
case("complexity-one-product", ["complexity", "{f_oneprod}", "-q", "-o", "{o}"], "two products")
case("complexity-method", ["complexity", FL, "-m", "magic", "-q", "-o", "{o}"], "")
case("complexity-threshold", ["complexity", FL, "--threshold", "nan", "-q", "-o", "{o}"], "--threshold")
case("complexity-normalize", ["complexity", FL, "--normalize", "minmax", "-q", "-o", "{o}"], "")
case("complexity-year-outside", ["complexity", FL, "--year", "1990", "-q", "-o", "{o}"], "")
case("survival-country", ["survival", FL, "-c", "XXX", "-q", "-o", "{o}"], "not an exporter")
case("survival-by", ["survival", FL, "--by", "colour", "-q", "-o", "{o}"], "--by")
case("survival-level", ["survival", FL, "--level", "firm", "-q", "-o", "{o}"], "--level")
case("survival-level-no-importer", ["survival", "{f_noimporter}", "--level", "destination", "-q", "-o", "{o}"], "bilateral")
case("survival-max-gap", ["survival", FL, "--max-gap", "-1", "-q", "-o", "{o}"], "--max-gap")
case("survival-alpha", ["survival", FL, "--alpha", "1.5", "-q", "-o", "{o}"], "--alpha")
case("survival-years-outside", ["survival", FL, "--years", "1990-1995", "-q", "-o", "{o}"], "")

# --- issue 24: rows that feed world totals, denominators and matrices; world files
OTHER = [("f_other_inf", "infinite"), ("f_other_nan", "no value"), ("f_other_neg", "negative"),
         ("f_other_blank_product", "blank product"), ("f_other_blank_exporter", "blank exporter"),
         ("f_other_dup", "HTI"), ("f_year_neg", "-2000"), ("f_year_huge", "99999999999"), ("f_blank_product", "blank product")]
for cmd, extra in [("trade", ["-c", "KAZ"]), ("complexity", []), ("survival", []), ("opportunities", ["-c", "KAZ", "-y", "2003"])]:
    for name, words in OTHER:
        if cmd == "trade" and name.startswith("f_year"):
            continue  # a row of the country with an implausible year: below (its years decide the range)
        case(f"{cmd}-{name}", [cmd, "{" + name + "}", *extra, "-q", "-o", "{o}"], words)
case("trade-f_year_neg", ["trade", "{f_year_neg}", "-c", "KAZ", "-q", "-o", "{o}"], "-2000")
case("trade-f_year_huge", ["trade", "{f_year_huge}", "-c", "KAZ", "-q", "-o", "{o}"], "outside 1900-2100")
WORLD = [("w_inf", "infinite"), ("w_nan", "no value"), ("w_neg", "negative"), ("w_dup", "rows for the key"),
         ("w_noyear", "2003"), ("w_blank", "blank product"), ("w_year", "-2000")]
for cmd, extra in [("trade", ["-c", "KAZ"]), ("complexity", []), ("opportunities", ["-c", "KAZ", "-y", "2003"])]:
    for name, words in WORLD:
        case(f"{cmd}-world-{name}", [cmd, FL, *extra, "--world", "{" + name + "}", "-q", "-o", "{o}"], words)
case("opportunities-one-exporter", ["opportunities", "{f_oneexp}", "-c", "KAZ", "-y", "2003", "-q", "-o", "{o}"], "two exporters")
# outputs never touch inputs (after resolving symlinks); --overwrite never deletes an input
case("trade-out-holds-input", ["trade", FL, "-c", "KAZ", "-q", "--overwrite", "-o", "{inputs_dir}"], "holds the input")
case("complexity-out-holds-input", ["complexity", FL, "-q", "--overwrite", "-o", "{inputs_dir}"], "holds the input")
case("multipliers-out-is-input", ["multipliers", T, "-o", "{table}"], "is an input")
case("multipliers-out-link-to-input", ["multipliers", T, "-o", "{link_table}"], "is an input")
case("linkages-out-is-input", ["linkages", T, "-o", "{table}"], "is an input")
case("ras-out-is-input", ["ras", "{prior}", "--rows", "{rows}", "--cols", "{cols}", "-o", "{rows}"], "is an input")
case("gvc-out-inside-input", ["gvc", "{leather}", "-m", "tiva", "-o", "{in_input_dir}"], "inside the input folder")
case("report-out-holds-study", ["report", "{study_inputs}", "-q", "--overwrite", "-o", "{inputs_dir}"], "holds the input")
# special files are refused (a FIFO or a device would hang or never end)
case("multipliers-fifo", ["multipliers", "{fifo}", "-o", "{o}"], "FIFO")
case("trade-fifo", ["trade", "{fifo}", "-c", "KAZ", "-q", "-o", "{o}"], "FIFO")
case("multipliers-dev-zero", ["multipliers", "/dev/zero", "-o", "{o}"], "device")
case("complexity-dev-zero", ["complexity", "/dev/zero", "-q", "-o", "{o}"], "device")
# the study file goes through the command line's validators
for name, words in [("study_rtol_nan", "[io] rtol"), ("study_rtol_inf", "[io] rtol"), ("study_years_list", "gaps"),
                    ("study_years_huge", "outside 1900-2100"), ("study_gdp_scale_neg", "gdp_scale"),
                    ("study_gdp_scale_zero", "gdp_scale"), ("study_gdp_scale_nan", "gdp_scale"), ("study_top_zero", "[trade] top"),
                    ("study_peers_unknown", "XXX")]:
    case(f"report-{name}", ["report", "{" + name + "}", "-q", "-o", "{o}"], words)

# --- gvc (the leather folder is written by the fixture below)
G = "{leather}"
case("gvc-missing", ["gvc", "{missing}", "-m", "tiva", "-o", "{o}"], "")
case("gvc-method", ["gvc", G, "-m", "magic", "-o", "{o}"], "--method")
case("gvc-format", ["gvc", G, "-m", "tiva", "-f", "sas", "-o", "{o}"], "--format")
case("gvc-level", ["gvc", G, "-m", "leontief", "-l", "bilateral", "-o", "{o}"], "--level")
case("gvc-perspective", ["gvc", G, "-m", "kww", "--perspective", "world", "-o", "{o}"], "bm only")
case("gvc-out-suffix", ["gvc", G, "-m", "tiva", "-o", "{o}.txt"], ".csv")
case("gvc-out-under-file", ["gvc", G, "-m", "tiva", "-o", "{under_file}"], "is a file")
case("gvc-out-folder", ["gvc", G, "-m", "tiva", "-o", "{indir}"], "folder")
case("gvc-binary", ["gvc", "{binary}", "-m", "tiva", "-o", "{o}"], "")
case("gvc-empty", ["gvc", "{empty}", "-m", "tiva", "-o", "{o}"], "")

# --- report / demo
for name in ("study_bad", "study_empty", "study_unknown", "study_missing_input", "missing", "binary"):
    case(f"report-{name}", ["report", "{" + name + "}", "-q", "-o", "{o}"], "")
case("report-out-file", ["report", "{study_bad}", "-q", "-o", "{afile}"], "is a file")
case("report-out-under-file", ["report", "{study_bad}", "-q", "-o", "{under_file_dir}"], "is a file")
case("demo-example", ["demo", "--example", "atlantis", "-q", "-o", "{o}"], "")
case("demo-out-file", ["demo", "-q", "-o", "{afile}"], "is a file")
case("demo-out-under-file", ["demo", "-q", "-o", "{under_file_dir}"], "is a file")


# the file-output commands write "{o}.csv"
_FILE_CMDS = {"multipliers", "linkages", "keysectors", "clusters", "ras", "gvc", "regionalize"}
CASES = [(cid, [("{o}.csv" if a == "{o}" and argv[0] in _FILE_CMDS and i and argv[i - 1] == "-o" else a)
                for i, a in enumerate(argv)], words) for cid, argv, words in CASES]


@pytest.fixture(scope="module")
def inputs(inp, tmp_path_factory):
    d = tmp_path_factory.mktemp("leather")
    (d / "inter.csv").write_text("x\n")  # replaced below when the real example is there
    from valuechain._data import shared_data_dir

    src = shared_data_dir()
    if src is not None and (src / "leather_decompr_example").is_dir():
        for n in ("inter.csv", "final.csv", "out.csv"):
            (d / n).write_bytes((src / "leather_decompr_example" / n).read_bytes())
    inp["leather"] = d
    return inp


def test_enough_cases():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be distinct"
    assert len(ids) >= 150
    assert {a[0] for _, a, _ in CASES} >= {"multipliers", "linkages", "keysectors", "regionalize", "tworegion", "clusters",
                                           "ras", "trade", "complexity", "survival", "gvc", "report", "demo"}


@pytest.mark.parametrize("cid,argv,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input(inputs, tmp_path, cid, argv, words):
    work = tmp_path / "work"
    work.mkdir()
    out = work / "out"
    args = [_fill(a, inputs, out) for a in argv]
    # an input folder given for a file: use a separate folder that holds one file
    before_work = _snapshot(work)
    before_inputs = _snapshot(inputs["table"].parent)
    res = runner.invoke(app, args)
    text = res.output
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert res.exit_code == 2, f"{cid}: exit {res.exit_code}\n{text}\n{res.exception!r}"
    assert "Traceback" not in text
    assert len(lines) == 1, f"{cid}: {len(lines)} lines\n{text}"
    assert lines[0].startswith("error: ") and "; " in lines[0], lines[0]
    assert words in " ".join(text.split()), f"{cid}: {words!r} not in {text!r}"
    assert _snapshot(work) == before_work, f"{cid}: left {_snapshot(work) - before_work}"
    assert _snapshot(inputs["table"].parent) == before_inputs, f"{cid}: changed the inputs' folder"
    assert inputs["afile"].read_text() == "x"


# ----------------------------------------------------------------------------- issue 24: the property test
# One random row of a valid panel, world file or IO table is corrupted (inf, NaN, negative,
# duplicate, bad year, blank code); every command that reads it must then either refuse
# (exit 2, one line naming the row) or write exactly what the clean input gives. Never a
# third outcome (exit 0 with other numbers). Seeded, a few corruptions per command (CI: seconds each).
import random  # noqa: E402

FLOW_COMMANDS = {
    "trade": ["-c", "KAZ"],
    "complexity": [],
    "survival": ["--no-figure"],
    "opportunities": ["-c", "KAZ", "-y", "2003", "--no-figures"],
}
WORLD_COMMANDS = {"trade": ["-c", "KAZ"], "complexity": [], "opportunities": ["-c", "KAZ", "-y", "2003", "--no-figures"]}
TABLE_COMMANDS = ("multipliers", "linkages", "keysectors")
KINDS = ("inf", "nan", "negative", "duplicate", "bad_year", "blank_code")
N_PER_COMMAND = 4


def _corrupt(df: pd.DataFrame, rng: random.Random, kind: str, code_col: str) -> tuple[pd.DataFrame, dict]:
    """``df`` with one random row corrupted; returns the frame and the row's identity."""
    df = df.copy().astype({"value": object, "year": object, code_col: object})
    i = rng.randrange(len(df))
    row = df.iloc[i].to_dict()
    if kind == "duplicate":
        return pd.concat([df, df.iloc[[i]]], ignore_index=True), row
    col, val = {"inf": ("value", "inf"), "nan": ("value", "NaN"), "negative": ("value", -abs(float(row["value"])) - 1.0),
                "bad_year": ("year", rng.choice([-2000, 99999999999, 1])), "blank_code": (code_col, "")}[kind]
    df.iloc[i, df.columns.get_loc(col)] = val
    return df, row


def _outputs(folder: Path) -> dict[str, bytes]:
    if folder.is_file():
        return {folder.name: folder.read_bytes()}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _names_row(line: str, row: dict, code_col: str) -> bool:
    if "names" in row:  # a table row: by its label(s) or its number
        return any(n in line for n in row["names"])
    code = str(row[code_col])
    other = str(row.get("exporter", "")) if code_col == "product" else ""
    return code in line or (other != "" and other in line) or str(row["year"]) in line


def _check(args, clean: dict[str, bytes], out: Path, row: dict, code_col: str, what: str) -> None:
    res = runner.invoke(app, args)
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    if res.exit_code == 2:
        assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in res.output, (what, res.output)
        assert _names_row(lines[0], row, code_col), f"{what}: the error does not name the row {row}: {lines[0]}"
        assert not out.exists(), f"{what}: wrote {out} and failed"
    else:
        assert res.exit_code == 0, f"{what}: exit {res.exit_code}: {res.output}"
        assert _outputs(out) == clean, f"{what}: exit 0 with outputs other than the clean input's (a silent wrong result)"


@pytest.fixture(scope="module")
def clean_runs(inp, tmp_path_factory):
    d = tmp_path_factory.mktemp("clean")
    got = {}
    for cmd, extra in FLOW_COMMANDS.items():
        out = d / f"flows-{cmd}"
        r = runner.invoke(app, [cmd, str(inp["flows"]), *extra, "-q", "-o", str(out)])
        assert r.exit_code == 0, r.output
        got[("flows", cmd)] = _outputs(out)
    for cmd, extra in WORLD_COMMANDS.items():
        out = d / f"world-{cmd}"
        r = runner.invoke(app, [cmd, str(inp["flows"]), *extra, "--world", str(inp["world"]), "-q", "-o", str(out)])
        assert r.exit_code == 0, r.output
        got[("world", cmd)] = _outputs(out)
    for cmd in TABLE_COMMANDS:
        out = d / f"table-{cmd}.csv"
        r = runner.invoke(app, [cmd, str(inp["table"]), "-o", str(out)])
        assert r.exit_code == 0, r.output
        got[("table", cmd)] = _outputs(out)
    return got


@pytest.mark.parametrize("cmd", list(FLOW_COMMANDS))
def test_one_corrupted_flow_row_is_refused_or_changes_nothing(inp, clean_runs, tmp_path, cmd):
    flows = pd.read_csv(inp["flows"], dtype={"product": str})
    rng = random.Random(f"flows-{cmd}")
    for k in range(N_PER_COMMAND):
        kind = KINDS[(k + rng.randrange(len(KINDS))) % len(KINDS)]
        bad, row = _corrupt(flows, rng, kind, rng.choice(["product", "exporter"]) if kind == "blank_code" else "product")
        code_col = "product" if str(row["product"]) != "" else "exporter"
        src = tmp_path / f"bad{k}.csv"
        bad.to_csv(src, index=False)
        out = tmp_path / f"out{k}"
        _check([cmd, str(src), *FLOW_COMMANDS[cmd], "-q", "-o", str(out)], clean_runs[("flows", cmd)], out, row, code_col,
               f"{cmd} with {kind} in flow row {row}")


@pytest.mark.parametrize("cmd", list(WORLD_COMMANDS))
def test_one_corrupted_world_row_is_refused_or_changes_nothing(inp, clean_runs, tmp_path, cmd):
    world = pd.read_csv(inp["world"], dtype={"product": str})
    rng = random.Random(f"world-{cmd}")
    for k in range(N_PER_COMMAND):
        kind = KINDS[(k + rng.randrange(len(KINDS))) % len(KINDS)]
        bad, row = _corrupt(world, rng, kind, "product")
        src = tmp_path / f"world{k}.csv"
        bad.to_csv(src, index=False)
        out = tmp_path / f"out{k}"
        _check([cmd, str(inp["flows"]), *WORLD_COMMANDS[cmd], "--world", str(src), "-q", "-o", str(out)],
               clean_runs[("world", cmd)], out, row, "product", f"{cmd} --world with {kind} in world row {row}")


@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_one_corrupted_table_cell_is_refused_or_changes_nothing(inp, clean_runs, tmp_path, cmd):
    """An IO table: a cell of the intermediate block becomes inf, NaN or negative, or a row label is
    blanked or repeated (the table has no year: its 'bad year' is a label made of spaces)."""
    lines = GOOD_TABLE.strip().splitlines()
    rng = random.Random(f"table-{cmd}")
    for k in range(N_PER_COMMAND):
        kind = KINDS[(k + rng.randrange(len(KINDS))) % len(KINDS)]
        r = rng.randrange(1, 4)  # rows A, B, C
        cells = lines[r].split(",")
        label = cells[0]
        if kind in ("inf", "nan", "negative"):
            j = rng.randrange(1, 4)
            cells[j] = {"inf": "inf", "nan": "NaN", "negative": f"-{cells[j]}"}[kind]
        elif kind == "duplicate":
            cells[0] = lines[1 + (r % 3)].split(",")[0]
        else:
            cells[0] = "" if kind == "blank_code" else "   "
        text = "\n".join(lines[:r] + [",".join(cells)] + lines[r + 1:]) + "\n"
        src = tmp_path / f"table{k}.csv"
        src.write_text(text)
        out = tmp_path / f"out{k}.csv"
        names = [n for n in {label, cells[0].strip()} if n] + [f"row {r}"]  # the label, the repeated label, "data row r"
        _check([cmd, str(src), "-o", str(out)], clean_runs[("table", cmd)], out, {"names": names}, "product",
               f"{cmd} with {kind} in table row {label}")
