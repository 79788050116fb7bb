"""A ledger of what a run removed, padded, merged or imputed in its inputs.

Every rule that drops or changes input rows (a product code zero-padded to the
classification's width, duplicate keys summed with ``--duplicates sum``, rows of other
years left out, a row without value dropped, ...) records one :class:`LedgerEntry` with
its count. The commands write the entries into ``summary.csv`` (items
``ledger: <action> <what>``) and the report lists them in its notes, so nothing is changed
without a word. A rule that changed nothing records nothing.

Examples
--------
>>> led = Ledger().add("padded", "product codes to 6 digits", 3, "codes stored as numbers lost their leading zeros")
>>> led = led.add("summed", "duplicate (year, exporter, importer, product) keys", 2)
>>> [r[0] for r in led.rows()]
['ledger: padded product codes to 6 digits', 'ledger: summed duplicate (year, exporter, importer, product) keys']
>>> led.total("padded")
3
>>> Ledger().add("dropped", "rows", 0).entries
()
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ValidationError

__all__ = ["Ledger", "LedgerEntry", "LEDGER_ACTIONS"]

#: the kinds of change a ledger records
LEDGER_ACTIONS = ("removed", "dropped", "padded", "merged", "summed", "imputed", "changed")


@dataclass(frozen=True)
class LedgerEntry:
    """One rule applied to the inputs, with how many rows or values it touched.

    Parameters
    ----------
    action : str
        The kind of change, one of :data:`LEDGER_ACTIONS` (``"padded"``, ``"summed"``, ...).
    what : str
        The rows or values concerned, as a plural noun phrase ("product codes to 6 digits").
    count : int
        How many rows or values the rule changed.
    detail : str, default ""
        Why, or an example; empty for none.

    Examples
    --------
    >>> e = LedgerEntry("dropped", "rows without a value", 1200, "value was empty")
    >>> e.item
    'ledger: dropped rows without a value'
    >>> e.text
    'dropped 1,200 rows without a value (value was empty)'
    """

    action: str
    what: str
    count: int
    detail: str = ""

    @property
    def item(self) -> str:
        """The ``summary.csv`` item name: ``"ledger: <action> <what>"``."""
        return f"ledger: {self.action} {self.what}"

    @property
    def text(self) -> str:
        """One sentence for the report's notes."""
        return f"{self.action} {self.count:,} {self.what}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class Ledger:
    """An immutable list of :class:`LedgerEntry` (``add`` returns a new ledger).

    Parameters
    ----------
    entries : tuple of LedgerEntry, default ()
        The entries, in the order the rules were applied.

    Examples
    --------
    >>> led = Ledger().add("padded", "product codes to 6 digits", 3)
    >>> led = led + Ledger().add("summed", "duplicate keys", 2)
    >>> len(led), led.total(), led.total("summed")
    (2, 5, 2)
    >>> led.notes()
    ['padded 3 product codes to 6 digits', 'summed 2 duplicate keys']
    """

    entries: tuple[LedgerEntry, ...] = ()

    def add(self, action: str, what: str, count: int, detail: str = "") -> "Ledger":
        """This ledger plus one entry (none when ``count`` is 0)."""
        if action not in LEDGER_ACTIONS:
            raise ValidationError(f"ledger action {action!r} is unknown; use one of {', '.join(LEDGER_ACTIONS)}")
        count = int(count)
        if count <= 0:
            return self
        return Ledger(self.entries + (LedgerEntry(action, what, count, detail),))

    def __add__(self, other: "Ledger") -> "Ledger":
        return Ledger(self.entries + tuple(e for e in other.entries if e not in self.entries))

    def __bool__(self) -> bool:
        return bool(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def total(self, action: str | None = None) -> int:
        """Rows counted by the entries (of one ``action``, or all)."""
        return sum(e.count for e in self.entries if action is None or e.action == action)

    def rows(self) -> list[tuple[str, str]]:
        """``(item, value)`` pairs for a ``summary.csv``: the count, then the detail."""
        return [(e.item, f"{e.count}" + (f" ({e.detail})" if e.detail else "")) for e in self.entries]

    def notes(self) -> list[str]:
        """One sentence per entry (the report's notes)."""
        return [e.text for e in self.entries]
