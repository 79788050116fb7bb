"""Report sections on trade flows, export survival and global value chains."""

from __future__ import annotations

from ._model import ReportSection
from .build import BuildContext, Unavailable


def trade(ctx: BuildContext, sec: ReportSection) -> None:
    raise Unavailable("valuechain.trade indicators")


def survival(ctx: BuildContext, sec: ReportSection) -> None:
    raise Unavailable("valuechain.trade.survival")


def gvc(ctx: BuildContext, sec: ReportSection) -> None:
    raise Unavailable("valuechain.gvc")
