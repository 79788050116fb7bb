"""Roles of the rows and columns of a national IO table, guessed from their labels.

Which primary-input row is compensation of employees, which final-demand column is
household consumption or exports, which satellite row is employment: recognised from ESA
codes (``D1``, ``P3_S14``, ``P6``, ``P7`` ...), OECD codes and English names. Used by
the readers (:mod:`valuechain.tables.readers`); roles can always be given explicitly.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

__all__ = ["guess_roles"]

#: labels of a total-output row or column (normalised)
OUTPUT_NAMES = frozenset({
    "x", "output", "total_output", "output_bp", "output_at_basic_prices", "p1",
    "gross_output", "total_output_bp", "output_total", "total_output_at_basic_prices",
})


def normalize_label(label: str) -> str:
    """A label in lower case with every run of other characters as one ``_``: ``'Total output'`` -> ``'total_output'``."""
    return re.sub(r"[^a-z0-9]+", "_", str(label).lower()).strip("_")


# --------------------------------------------------------------------------- roles
_COMP = {"d1", "compensation", "compensation_employees", "compensation_of_employees", "coe"}
_HH = {
    "p3_s14", "hfce", "hh", "households", "household", "final_consumption_households",
    "consumption_expenditure_household", "household_consumption",
    "households_final_consumption_expenditure", "household_final_consumption_expenditure",
    "final_consumption_expenditure_households", "final_consumption_expenditure_by_households",
}
_EXP = {"p6", "exports", "export", "expo", "export_goods_services", "exports_of_goods_and_services", "exports_fob"}
_IMP = {"p7", "imports", "import", "impo", "import_goods_services", "imported_products",
        "imports_of_goods_and_services", "imported_goods_and_services"}
_TAX = {"d21x31", "d21_m_d31", "net_tax_products", "net_taxes_on_products", "taxes_on_products",
        "taxes_less_subsidies_on_products", "txs_imp_fnl", "txs_int_fnl"}
_GVA = {"b1g", "gva", "gva_bp", "value_added", "value_added_bp", "valu", "gross_value_added",
        "value_added_at_basic_prices", "value_added_gross"}
_EMP = {"emp", "employment", "employment_total", "total_employment", "jobs", "persons_employed",
        "employment_domestic_total", "employed_persons", "employees"}
_NEG = ("inventor", "valuables", "p52", "p53", "invnt", "impo", "import", "discrepanc")


def _is_comp(n: str) -> bool:
    return n in _COMP or "compensation" in n


def _is_hh(n: str) -> bool:
    if any(s in n for s in ("npish", "non_profit", "serving")):
        return False
    return n in _HH or (("household" in n) and ("consumption" in n or "expenditure" in n or n.endswith("households")))


def _is_exp(n: str) -> bool:
    return n in _EXP or n.startswith("export")


def _is_imp(n: str) -> bool:
    return n in _IMP or n.startswith("import")


def _is_tax(n: str) -> bool:
    return n in _TAX or ("tax" in n and "on_products" in n)


def is_employment_label(n: str) -> bool:
    """Whether a normalised label (:func:`normalize_label`) names employment."""
    return n in _EMP or (("employment" in n or n.startswith("emp_")) and "compensation" not in n)


def is_named_primary_input(n: str) -> bool:
    """True when the normalised label ``n`` names a primary input by itself: imports,
    taxes less subsidies, compensation of employees or gross value added."""
    return _is_imp(n) or _is_tax(n) or _is_comp(n) or n in _GVA


def guess_roles(primary: Sequence[str], final_demand: Sequence[str], satellite: Sequence[str] = ()) -> dict:
    """Guess the :data:`~valuechain.tables.ROLE_KEYS` from row and column labels.

    Recognised (case and punctuation ignored): compensation ``D1``/"compensation ...";
    households ``P3_S14``/``HFCE``/"household consumption"; exports ``P6``/``EXPO``/
    "exports ..."; imports ``P7``/``IMPO``/"imports ..."; taxes on products ``D21X31``/
    ``TXS_IMP_FNL``/``TXS_INT_FNL``/"taxes less subsidies on products"; value added
    ``B1G``/``VALU``/"value added" (else every primary row that is neither imports nor
    taxes); employment "employment", ``EMP`` (a row with "total" preferred); columns of
    changes in inventories, valuables and (negative) imports may be negative.

    Parameters
    ----------
    primary : sequence of str
        Labels of the primary-input rows (``V``).
    final_demand : sequence of str
        Labels of the final-demand columns (``Y``).
    satellite : sequence of str
        Labels of the satellite rows.

    Returns
    -------
    dict
        Role -> label or list of labels (keys of :data:`~valuechain.tables.ROLE_KEYS`
        that were recognised).

    Examples
    --------
    >>> guess_roles(["D1", "B2A3G", "P7"], ["P3_S14", "P6", "P52"], ["employment"])
    {'compensation': 'D1', 'households': 'P3_S14', 'exports': ['P6'], 'imports': ['P7'], 'value_added': ['D1', 'B2A3G'], 'employment': 'employment', 'negative_ok': ['P52']}
    """
    pn = {p: normalize_label(p) for p in primary}
    fn = {f: normalize_label(f) for f in final_demand}
    sn = {s: normalize_label(s) for s in satellite}
    roles: dict[str, Any] = {}
    comp = [p for p, n in pn.items() if _is_comp(n)] or [s for s, n in sn.items() if _is_comp(n)]
    if comp:
        roles["compensation"] = comp[0]
    hh = [f for f, n in fn.items() if _is_hh(n)]
    if len(hh) >= 1:
        exact = [f for f in hh if fn[f] in _HH]
        roles["households"] = (exact or hh)[0]
    ex = [f for f, n in fn.items() if _is_exp(n)]
    if ex:
        roles["exports"] = ex
    im = [p for p, n in pn.items() if _is_imp(n)] + [f for f, n in fn.items() if _is_imp(n)]
    if im:
        roles["imports"] = im
    tx = [p for p, n in pn.items() if _is_tax(n) and p not in im]
    if tx:
        roles["taxes"] = tx
    gva = [p for p, n in pn.items() if n in _GVA]
    if gva:
        roles["value_added"] = gva
    else:
        va = [p for p in primary if p not in im and p not in tx]
        if va:
            roles["value_added"] = va
    emp = [s for s, n in sn.items() if is_employment_label(n)]
    if emp:
        tot = [s for s in emp if "total" in sn[s] or sn[s] in ("emp", "employment")]
        roles["employment"] = (tot or emp)[0]
    neg = [f for f, n in fn.items() if any(k in n for k in _NEG)]
    if neg:
        roles["negative_ok"] = neg
    return roles


