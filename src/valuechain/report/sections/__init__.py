"""The report's sections: one module per section, one registry.

Each module ``valuechain.report.sections.<key>`` defines ``SECTION``, a :class:`Section`
with two halves:

* ``load(study, data) -> inputs``: reads its own settings from the validated study and the
  results it needs from :class:`~valuechain.report.inputs.Inputs` (each loaded or computed
  once, by the families); it raises :class:`~valuechain.errors.ValidationError` for a study
  that cannot work;
* ``build(inputs, page) -> None``: lays the results out on the :class:`Page` (tables,
  figures, paragraphs) and registers every number it states as a claim
  (:class:`~valuechain.report.claims.ClaimBook`).

Sections receive what they need through ``load``; they share no state and do not depend on
the order of :data:`SECTIONS` (the order is only the order of the page). The seed
comparison (``seeds``) is the one section that reads the page itself: it is built after the
others from what was rendered (``after_page=True``).

Adding a section touches four files: its module here, its line in :data:`SECTIONS`, its
test in ``tests/report/sections/`` and its paragraph in ``docs/report.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .._model import Record, ReportFigure, ReportSection, ReportTable
from ..claims import ClaimBook

__all__ = ["Section", "Page", "Record", "SECTIONS", "section", "section_keys"]


@dataclass
class Page:
    """Where a section's build half writes: its :class:`ReportSection`, the build's claims and record."""

    sec: ReportSection
    claims: ClaimBook
    record: Record

    @property
    def key(self) -> str:
        return self.sec.key

    def add(self, block):
        """Add a table, a figure or a paragraph (str) to the section."""
        return self.sec.add(block)

    def say(self, text: str) -> str:
        """Add a paragraph written over claims: ``{claim_id}`` placeholders are filled from the claim book."""
        out = self.claims.render(text)
        self.sec.add(out)
        return out

    def claim(self, id: str, indicator: str, value, **meta):
        """Register a claim of this section (``id`` is prefixed with the section key)."""
        return self.claims.add(f"{self.key}.{id}", indicator, value, section=self.key, **meta)

    def label(self, text) -> str:
        """A placeholder for a label of the data (a name holding digits), shown as written (see :meth:`ClaimBook.label`)."""
        return self.claims.label(text)

    def intro(self, text: str) -> str:
        """Set the section's introduction, written over claims like :meth:`say`."""
        self.sec.intro = self.claims.render(text)
        return self.sec.intro

    def finding(self, topic: str, text: str, *, comparison: str, why: str, kind: str = "finding"):
        return self.claims.finding(topic, text, comparison=comparison, why=why, section=self.key, kind=kind)

    def not_computed(self, indicator: str, *, scope: str = "", why: str = "") -> None:
        self.claims.not_computed(indicator, scope=scope, section=self.key, why=why)


@dataclass(frozen=True)
class Section:
    """A section of the report: key, title, the study section that switches it on, and its two halves."""

    key: str
    title: str
    needs: str
    load: Callable[..., Any]
    build: Callable[[Any, Page], None]
    summary: str = ""  # one line for the docs
    after_page: bool = False  # built from the rendered page (the seed comparison)
    skip_note: str = ""  # what the page says when the study lacks the section (default: 'no [needs] section')


def _registry() -> tuple[Section, ...]:
    from . import (clusters, economy, gvc, impact, national, opportunities, peers, regional, regional_keysectors, seeds, sourcing,
                   survival, trade, va_trade)
    from . import prices, sda, spa

    return (economy.SECTION, national.SECTION, regional.SECTION, regional_keysectors.SECTION, clusters.SECTION, impact.SECTION,
            prices.SECTION, spa.SECTION, sda.SECTION,
            trade.SECTION, peers.SECTION, opportunities.SECTION, survival.SECTION, gvc.SECTION, va_trade.SECTION, sourcing.SECTION,
            seeds.SECTION)


#: The registry of sections, in the order of the page.
SECTIONS: tuple[Section, ...] = _registry()


def section(key: str) -> Section:
    """The registered section ``key``."""
    for s in SECTIONS:
        if s.key == key:
            return s
    raise KeyError(f"no report section {key!r}; sections: {', '.join(section_keys())}")


def section_keys() -> list[str]:
    return [s.key for s in SECTIONS]


# re-exported for section modules' type hints
_ = (ReportFigure, ReportTable)
