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
