"""Small hand-checkable tables for the price, path and decomposition sections' tests.

Miller & Blair (2009), Table 2.3 (two sectors): Z = [[150, 500], [200, 100]], final demand
[350, 1700], value added [650, 1400], output [1000, 2000]; A = [[.15, .25], [.2, .05]],
det(I - A) = 0.7575.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuechain.tables import IOTable, write_table

MB_Z = [[150.0, 500.0], [200.0, 100.0]]
MB_Y = [[350.0], [1700.0]]
MB_V = [[650.0, 1400.0]]
IND = ["Steel", "Services"]


def mb_table(*, scale: float = 1.0, name: str = "Two-sector example 2015 (Miller & Blair Table 2.3)",
             households: bool = False) -> IOTable:
    Z = pd.DataFrame(MB_Z, index=IND, columns=IND) * scale  # every flow scaled: the same coefficients
    Y = pd.DataFrame([[v[0] * scale] for v in MB_Y], index=IND, columns=["Households" if households else "final demand"])
    x = Z.sum(axis=1) + Y.iloc[:, 0]
    V = pd.DataFrame([(x - Z.sum(axis=0)).to_numpy()], index=["value added"], columns=IND)
    roles = {"households": "Households"} if households else None
    return IOTable.from_frames(Z, Y, V, x, name=name, unit="million EUR", source="Miller & Blair (2009), Table 2.3",
                               roles=roles)


def write(tab: IOTable, folder: Path, name: str) -> Path:
    return write_table(tab, folder / name)


def study_text(table: Path, body: str) -> str:
    return f'[study]\ntitle = "t"\ncountry = "XX"\ncountry_name = "Exampleland"\ncompare_seeds = false\n\n[io]\ntable = "{table.as_posix()}"\n\n' + body
