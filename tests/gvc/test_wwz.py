"""valuechain.gvc.wwz: the sixteen WWZ terms add up to gross exports and, grouped as
Wang, Wei & Zhu (2013, Table 1) group them, give the nine KWW terms of the same flows."""

from __future__ import annotations

import numpy as np
import pytest

from valuechain.datasets import synthetic_icio
from valuechain.gvc import KWW_TERMS, WWZ_TERMS, WWZ_TO_KWW, kww_decomposition, wwz_decomposition


@pytest.mark.parametrize("seed", [1, 7])
def test_terms_add_up_to_gross_exports(seed):
    w = wwz_decomposition(synthetic_icio(4, 3, seed=seed)).at("country")
    terms = [c for c in WWZ_TERMS if c in w.columns]
    assert len(terms) == 16
    np.testing.assert_allclose(w[terms].sum(axis=1), w["GEXP"], rtol=1e-10)
    np.testing.assert_allclose(w["EXP_FIN"] + w["EXP_INT"], w["GEXP"], rtol=1e-10)


def test_grouped_terms_equal_kww():
    t = synthetic_icio(3, 2, seed=3)
    w = wwz_decomposition(t).at("country").set_index("exporter")
    k = kww_decomposition(t).at("country").set_index("exporter")
    assert set(WWZ_TO_KWW) == {c for c in KWW_TERMS if c in k.columns}
    for kww_term, parts in WWZ_TO_KWW.items():
        np.testing.assert_allclose(w[list(parts)].sum(axis=1), k[kww_term], rtol=1e-9, err_msg=kww_term)


def test_unknown_level_is_refused():
    with pytest.raises(Exception, match="level"):
        wwz_decomposition(synthetic_icio(2, 2, seed=1), level="galaxy")
