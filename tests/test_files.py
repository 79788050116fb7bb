"""valuechain._files.write_csv: the fast writer gives byte for byte what pandas writes."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from valuechain._files import write_csv

TEXT = st.one_of(st.none(), st.just(float("nan")), st.text(alphabet='ab ,"\n\r=</>é-', max_size=6))
FLOAT = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 1e-300, 123456.789012345]))


@given(st.lists(st.tuples(st.integers(-10**12, 10**12), FLOAT, st.booleans(), TEXT), max_size=30),
       st.sampled_from(["%.10g", "%.4f", "%g"]))
def test_same_bytes_as_pandas(tmp_path_factory, rows, fmt):
    d = tmp_path_factory.mktemp("csv")
    df = pd.DataFrame(rows, columns=["n", "x", "flag", "label, quoted"]).astype(
        {"n": "int64", "x": "float64", "flag": bool, "label, quoted": object})
    write_csv(df, d / "ours.csv", float_format=fmt)
    df.to_csv(d / "pandas.csv", index=False, lineterminator="\n", float_format=fmt)
    if any("\r" in str(v) for v in df["label, quoted"]):
        # pandas leaves a carriage return inside a cell unquoted, which splits the row for every reader;
        # ours quotes it: the cells read back as written
        import csv

        with open(d / "ours.csv", newline="", encoding="utf-8") as fh:
            back = list(csv.reader(fh))[1:]
        assert [r[3] for r in back] == ["" if not isinstance(v, str) else v for v in df["label, quoted"]]
        return
    assert (d / "ours.csv").read_bytes() == (d / "pandas.csv").read_bytes()


def test_hand_worked_cells(tmp_path):
    df = pd.DataFrame({"product": ["010110", 'say "hi"', None], "value": [1 / 3, math.inf, np.nan], "n": [1, 2, 3]})
    write_csv(df, tmp_path / "a.csv", float_format="%.10g")
    assert (tmp_path / "a.csv").read_text() == 'product,value,n\n010110,0.3333333333,1\n"say ""hi""",inf,2\n,,3\n'


def test_other_kinds_go_to_pandas(tmp_path):
    df = pd.DataFrame({"when": pd.to_datetime(["2020-01-02"]), "mixed": [object()]})
    df["mixed"] = [1.5]  # a float in an object column: pandas' own formatting
    df = df.astype({"mixed": object})
    write_csv(df, tmp_path / "a.csv", float_format="%.10g")
    df.to_csv(tmp_path / "b.csv", index=False, lineterminator="\n", float_format="%.10g")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


# ----------------------------------------------------------------------------- issue 24
def test_csv_injection_policy(tmp_path):
    """Plain CSV keeps values exact; excel_safe (the CLI's --excel-safe, the report's CSVs) prefixes formula text."""
    import pandas as pd

    from valuechain._files import write_csv

    df = pd.DataFrame({"label": ['=HYPERLINK("http://x","y")', "+1+1", "-A1", "@SUM(A1)", "\tx", "\rx", "Oil", "-3.5"],
                       "value": [1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]})
    plain, safe = tmp_path / "plain.csv", tmp_path / "safe.csv"
    write_csv(df, plain, float_format="%.10g")
    write_csv(df, safe, float_format="%.10g", excel_safe=True)
    import csv

    with open(plain, newline="", encoding="utf-8") as fh:
        assert [r[0] for r in list(csv.reader(fh))[1:]] == df["label"].tolist()  # exact
    with open(safe, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    assert [r[0] for r in rows][:6] == ["'" + v for v in df["label"].tolist()[:6]]
    assert [r[0] for r in rows][6:] == ["Oil", "-3.5"] and [float(r[1]) for r in rows] == df["value"].tolist()  # numbers kept
    write_csv(df.set_index("label"), tmp_path / "idx.csv", index=True, excel_safe=True)  # the pandas path too
    assert "'=HYPERLINK" in (tmp_path / "idx.csv").read_text()


def test_excel_safe_option_of_the_cli(tmp_path):
    from typer.testing import CliRunner

    from valuechain.cli import app

    t = tmp_path / "t.csv"
    t.write_text(',=cmd(),B,HH,output\n=cmd(),10,20,70,100\nB,15,10,175,200\nVA,75,170,,\noutput,100,200,,\n')
    r = CliRunner().invoke(app, ["multipliers", str(t), "-o", str(tmp_path / "plain.csv")])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["--excel-safe", "multipliers", str(t), "-o", str(tmp_path / "safe.csv")])
    assert r.exit_code == 0, r.output
    assert "\n=cmd()," in (tmp_path / "plain.csv").read_text()
    assert "\n'=cmd()," in (tmp_path / "safe.csv").read_text()


def test_outputs_never_touch_inputs(tmp_path):
    import pytest

    from valuechain._files import atomic_dir, check_output_dir, check_output_file, declared_inputs
    from valuechain.errors import ValidationError

    data = tmp_path / "data"
    data.mkdir()
    f = data / "flows.csv"
    f.write_text("x\n")
    (tmp_path / "link.csv").symlink_to(f)
    with declared_inputs([f]):
        for bad, words in [(f, "is an input"), (tmp_path / "link.csv", "is an input")]:
            with pytest.raises(ValidationError, match=words):
                check_output_file(bad)
        with pytest.raises(ValidationError, match="holds the input"):
            check_output_dir(data, overwrite=True)
        with pytest.raises(ValidationError, match="holds the input"):
            with atomic_dir(tmp_path, overwrite=True):
                pass
        check_output_dir(tmp_path / "out")  # elsewhere: fine
    with declared_inputs([data]):
        with pytest.raises(ValidationError, match="inside the input folder"):
            check_output_file(data / "new.csv")
    assert f.read_text() == "x\n"


def test_special_files_are_refused(tmp_path):
    import os

    import pytest

    from valuechain._files import check_input_path
    from valuechain.errors import ValidationError

    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match="FIFO"):
        check_input_path(fifo)
    with pytest.raises(ValidationError, match="device"):
        check_input_path("/dev/zero")
    assert check_input_path(tmp_path) == tmp_path
