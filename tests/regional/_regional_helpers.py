"""Shared strategies and builders of the regional tests (seeded through the hypothesis profile)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from valuechain.tables import IOTable

#: the Australian real-data folder under shared/data
AU = "au_eiat_lga_employment_io19"


@st.composite
def economies(draw, n_min=2, n_max=7):
    n = draw(st.integers(n_min, n_max))
    nat = draw(arrays(np.float64, n, elements=st.floats(1.0, 1000.0)))
    share = draw(arrays(np.float64, n, elements=st.floats(0.0, 1.0)))
    share[draw(st.integers(0, n - 1))] = max(share.max(), 0.05)  # the region is not empty
    share[share < 1e-6] = 0.0  # an industry is absent or present, not subnormal
    reg = nat * share
    A = draw(arrays(np.float64, (n, n), elements=st.floats(0.0, 1.0)))
    A[A < 1e-6] = 0.0
    A = A / A.sum(axis=0, keepdims=True).clip(min=1e-9) * draw(st.floats(0.1, 0.85))
    return reg, nat, A


def _table(A, x, labels):
    """A balanced table with national coefficients A and output x (V = value added residual)."""
    Z = A * x[None, :]
    y = x - Z.sum(axis=1)
    va = x - Z.sum(axis=0)
    return IOTable.from_frames(
        pd.DataFrame(Z, index=labels, columns=labels),
        pd.DataFrame({"final": y}, index=labels),
        pd.DataFrame([va], index=["value_added"], columns=labels),
        pd.Series(x, index=labels),
        roles={"value_added": ["value_added"]},
        name="test",
    )
