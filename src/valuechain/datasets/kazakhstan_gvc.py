"""Kazakhstan's value-added trade over time, reconciled, and its peers in one source each.

Assembles from the real data folder: the ADB-derived series (2000, 2007-2022), the OECD
ICIO 2022 gross-flow measures, the seed's TiVA figures (cited), the origins of foreign
value added 2017-2022 (ADB-derived), and the peer views of every source.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pandas as pd

from ..gvc.comparison import default_peers, icio_peer_measures, peer_view
from ..gvc.comparison import fva_origin_shares, va_trade_table
from .adb_indicators import (
    ADB_SOURCE,
    SEED_VA_CITATIONS,
    adb_economies,
    adb_foreign_content,
    adb_fva_by_origin,
    adb_kaz_decomposition,
    adb_participation,
    adb_rca,
    trade_openness,
)
from .kazakhstan_icio import oecd_icio

if TYPE_CHECKING:
    from ..gvc import PeerView, VATradeTable

__all__ = ["kazakhstan_va_trade", "kazakhstan_peer_views", "SEED_VA_SOURCE", "ICIO_2022_SOURCE"]

SEED_VA_SOURCE = "World Bank (2020), Kazakhstan trade competitiveness note, section 3, from OECD-WTO TiVA (December 2018 edition)"
ICIO_2022_SOURCE = "OECD (2025), Inter-Country Input-Output Tables, 2025 edition, year 2022 (intermediate flows)"


def kazakhstan_va_trade(data_dir: str | Path, *, country: str = "KAZ", top: int = 5) -> tuple[VATradeTable, pd.DataFrame]:
    """``(VATradeTable, origins)``: the reconciled measures and the origins of foreign value added.

    ``origins`` is :func:`valuechain.gvc.fva_origin_shares` of the ADB FVA by origin
    (partners and the groups EAEU, EU, CHINA with membership by year), million USD and percent.

    Parameters
    ----------
    data_dir : str or Path
        The real data folder (ADB indicators, the ADB Kazakhstan report outputs, the OECD ICIO).
    country : str, default "KAZ"
        The economy; the ADB decomposition series is held for Kazakhstan only.
    top : int, default 5
        Partners named in ``origins`` (the others summed).

    Returns
    -------
    tuple of (VATradeTable, pandas.DataFrame)
        The reconciled measures (ADB-derived series 2000 and 2007-2022, OECD ICIO 2022
        gross-flow measures, the seed's TiVA figures cited) and the origins of foreign value
        added, 2017-2022.

    Raises
    ------
    ValidationError
        ``country`` is not ``"KAZ"``.
    DataNotFoundError
        A file of the data folder is missing.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804.
    .. [2] World Bank (2020). *Kazakhstan: Trade Competitiveness and Global Value Chains*
       (the seed), section 3, from OECD-WTO TiVA, December 2018 edition.

    Examples
    --------
    >>> kazakhstan_va_trade("data", country="RUS")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: the ADB decomposition series is held for Kazakhstan only; use country='KAZ'

    On the real data folder (not run with the doctests, which run without it):

    >>> from valuechain._data import shared_data_dir
    >>> table, origins = kazakhstan_va_trade(shared_data_dir())  # doctest: +SKIP
    >>> origins.head(2)  # doctest: +SKIP
       year     kind origin   fva_origin  share_of_fva_pct
    0  2017  partner    RUS  2106.764849         34.950862
    1  2017  partner    CHN   749.470508         12.433585
    """
    series = adb_kaz_decomposition(data_dir) if country == "KAZ" else None
    if series is None:
        from ..errors import ValidationError

        raise ValidationError("the ADB decomposition series is held for Kazakhstan only; use country='KAZ'")
    m = icio_peer_measures(oecd_icio(data_dir), [country], year=2022, source=ICIO_2022_SOURCE)
    t = va_trade_table(series, country=country, source=ADB_SOURCE, icio_measures=m, cited=SEED_VA_CITATIONS,
                       cited_source=SEED_VA_SOURCE)
    origins = fva_origin_shares(adb_fva_by_origin(data_dir, exporter=country), top=top)
    origins.attrs.update(source=ADB_SOURCE, unit="million USD; share_of_fva_pct: percent of the exporter's FVA")
    return t, origins


def kazakhstan_peer_views(data_dir: str | Path, *, country: str = "KAZ",
                          peers: Sequence[str] | None = None) -> dict[str, PeerView]:
    """Peer views of every held source, keyed ``"adb_rca"`` (ADB 62 economies, 35 sectors, 2000-2022),
    ``"adb_participation"`` (ADB 72 economies, 2017-2022), ``"foreign_content"`` (ADB 62 economies,
    1 - DVA/E, 2000-2022), ``"icio_2022"`` (OECD ICIO 2022 measures),
    ``"openness"`` (trade in % of GDP, 2021) and ``"products"`` (the BACI HS2012 product panel of
    BRICS+ exporters 2015-2024: it does not hold Kazakhstan, so no product comparison comes from it).

    Each value is a :class:`valuechain.gvc.PeerView` whose ``message`` names the peers the
    source lacks (ADB: Azerbaijan and Chile; OECD ICIO: Azerbaijan) in one line.

    Parameters
    ----------
    data_dir : str or Path
        The real data folder.
    country : str, default "KAZ"
        ISO3 code of the focus economy.
    peers : sequence of str, optional
        ISO3 codes of the comparators; default the seed's
        (:func:`valuechain.gvc.default_peers`: AZE, CHL, IDN, MEX, RUS, THA, VNM).

    Returns
    -------
    dict of str to PeerView
        One view per source, keyed as above.

    Raises
    ------
    DataNotFoundError
        The data folder does not hold a source's files.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     kazakhstan_peer_views(d)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    valuechain.errors.DataNotFoundError: ... does not hold the ADB indicators (adb_mrio_gvc_indicators/mrio_economies.csv); give the real data folder

    On the real data folder (not run with the doctests, which run without it):

    >>> from valuechain._data import shared_data_dir
    >>> views = kazakhstan_peer_views(shared_data_dir())  # doctest: +SKIP
    >>> list(views)  # doctest: +SKIP
    ['adb_rca', 'adb_participation', 'icio_2022', 'foreign_content', 'openness', 'products']
    >>> views["icio_2022"].message  # doctest: +SKIP
    'Not in OECD ICIO 2022: Azerbaijan (AZE); compared: CHL, IDN, MEX, RUS, THA, VNM.'
    """
    ps = tuple(default_peers() if peers is None else peers)
    names = dict(zip(adb_economies(data_dir)["iso3"], adb_economies(data_dir)["name"]))
    names.update({"AZE": "Azerbaijan", "CHL": "Chile"})
    icio = oecd_icio(data_dir)
    return {
        "adb_rca": peer_view(adb_rca(data_dir), country=country, peers=ps, names=names,
                             source="ADB MRIO (62 economies), RCA by 35 sectors, 2000-2022 (ADB-derived)"),
        "adb_participation": peer_view(adb_participation(data_dir), country=country, peers=ps, names=names,
                                       source="ADB MRIO (72 economies), GVC participation, 2017-2022 (ADB-derived)"),
        "icio_2022": peer_view(icio_peer_measures(icio, [country, *ps], year=2022, source=ICIO_2022_SOURCE), country=country,
                               peers=ps, names=names, source="OECD ICIO 2022"),
        "foreign_content": peer_view(adb_foreign_content(data_dir), country=country, peers=ps, names=names,
                                     source="ADB MRIO (62 economies), non-domestic value added share of gross exports, 2000-2022 (ADB-derived)"),
        "openness": peer_view(trade_openness(data_dir), country=country, peers=ps, names=names,
                              source="trade in % of GDP, 2021 (WDI via the ADB Kazakhstan report data)"),
        "products": peer_view(_product_panel_exporters(data_dir), country=country, peers=ps, names=names, require_country=False,
                              source="CEPII BACI HS2012 product panel of BRICS+ exporters, 2015-2024"),
    }


def _product_panel_exporters(data_dir):
    import pandas as pd
    from pathlib import Path

    f = Path(data_dir) / "baci_brics_hs6_2015_2024" / "dim_country.parquet"
    if not f.is_file():
        return pd.DataFrame({"iso3": pd.Series(dtype=str)})
    return pd.read_parquet(f, columns=["iso3"])
