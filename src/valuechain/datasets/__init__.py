"""Case-study data builders: the Kazakhstan tables and the synthetic generators.

These build example inputs (documented, flagged data) for tutorials, tests and
benchmarks; they are not methods. The code stays where it was written (the old import
paths, e.g. ``valuechain.regional.kazakhstan_table`` or
``valuechain.trade.synthetic_panel``, keep working); this package is the one place to
find them. Every table or frame built here carries its provenance flags ("synthetic",
"estimated by RAS", ...).

- Kazakhstan: :func:`kazakhstan_table` (national IO table estimated by RAS from a WIOD
  prior and ADB margins), :func:`kazakhstan_ras`, :func:`kazakhstan_margins`,
  :func:`east_kazakhstan_employment` (a documented synthetic regional vector).
- Real data readers (``../shared/data``): :mod:`.kazakhstan_icio` (Kazakhstan's 2022
  domestic table from the OECD ICIO extract, residual primary inputs and final demand),
  :mod:`.kazakhstan_bns` (BNS gross value added by oblast x section as a regional size),
  :mod:`.kazakhstan_trade` (exports by partner 2000-2022 and total exports by source).
- Where the real data are: :func:`shared_data_dir` (``$VALUECHAIN_DATA`` or
  ``../shared/data``), :func:`data_folder`; pass the folder to the functions that read it
  (``load_lall(data_dir=...)``, ``read_concordance(folder=...)``): the families never look.
- Synthetic generators: :func:`synthetic_panel` and :func:`synthetic_gdp_per_capita`
  (trade), :func:`synthetic_icio` (inter-country tables).
"""

from __future__ import annotations

from .._data import data_folder, shared_data_dir
from .synthetic_intercountry import synthetic_icio
from .kazakhstan import (  # noqa: F401  (EAST_KAZAKHSTAN: a label, importable, not public API)
    EAST_KAZAKHSTAN,
    KAZ_INDUSTRIES,
    east_kazakhstan_employment,
    kazakhstan_margins,
    kazakhstan_ras,
    kazakhstan_table,
)
from .kazakhstan_bns import (
    BNS_FOLDER,
    OKED_SECTIONS,
    REGION_NAMES,
    SECTION_FLAG,
    BNS_REGION_NAMES,
    bns_gva_long,
    employment_crosscheck,
    regional_gva_size,
    section_gva_table,
)
from .kazakhstan_regional import kazakhstan_regional_sections
from .adb_indicators import (
    ADB_FOLDER,
    ADB_SOURCE,
    SEED_OPENNESS_CITATIONS,
    SEED_VA_CITATIONS,
    adb_economies,
    adb_foreign_content,
    adb_fva_by_origin,
    adb_kaz_decomposition,
    adb_participation,
    adb_rca,
    trade_openness,
)
from .kazakhstan_gvc import kazakhstan_peer_views, kazakhstan_va_trade
from .kazakhstan_icio import (
    ICIO_FOLDER,
    RESIDUAL_FLAG,
    icio_industry_names,
    icio_intermediate_sourcing,
    kazakhstan_icio_table,
)
from .kazakhstan_trade import (
    BILATERAL_FOLDER,
    PARTNER_SOURCES,
    kaz_export_totals,
    kaz_partner_exports,
    kaz_product_partner_exports,
)
from .synthetic_trade import (
    SyntheticPanelInfo,
    baci_scale,
    synthetic_gdp_per_capita,
    synthetic_hs6,
    synthetic_iso3,
    synthetic_panel,
)

__all__ = [
    "shared_data_dir",
    "data_folder",
    "kazakhstan_table",
    "kazakhstan_ras",
    "kazakhstan_margins",
    "east_kazakhstan_employment",
    "KAZ_INDUSTRIES",
    "synthetic_panel",
    "synthetic_gdp_per_capita",
    "SyntheticPanelInfo",
    "synthetic_iso3",
    "synthetic_hs6",
    "baci_scale",
    "synthetic_icio",
    "kazakhstan_icio_table",
    "icio_industry_names",
    "icio_intermediate_sourcing",
    "ICIO_FOLDER",
    "RESIDUAL_FLAG",
    "regional_gva_size",
    "employment_crosscheck",
    "BNS_FOLDER",
    "SECTION_FLAG",
    "REGION_NAMES",
    "OKED_SECTIONS",
    "section_gva_table",
    "BNS_REGION_NAMES",
    "kazakhstan_regional_sections",
    "adb_economies",
    "adb_rca",
    "adb_participation",
    "adb_fva_by_origin",
    "adb_kaz_decomposition",
    "SEED_VA_CITATIONS",
    "trade_openness",
    "adb_foreign_content",
    "SEED_OPENNESS_CITATIONS",
    "bns_gva_long",
    "kazakhstan_va_trade",
    "kazakhstan_peer_views",
    "ADB_FOLDER",
    "ADB_SOURCE",
    "kaz_partner_exports",
    "kaz_export_totals",
    "kaz_product_partner_exports",
    "PARTNER_SOURCES",
    "BILATERAL_FOLDER",
]
