"""Claims: every number a sentence of the report states, registered once with its meaning.

A section does not write a number into a sentence; it registers a :class:`Claim` (value,
unit, year, source, definition, coverage and the id of the table or figure it is read
from) and writes the sentence from the claim. The :class:`ClaimBook` of a build then
checks the report against itself (:meth:`ClaimBook.check`):

* two claims of the same indicator (same ``indicator``, ``scope`` and ``year``) must state
  the same value at the precision shown, whichever sections state them;
* an indicator a section declares *not computed* (:meth:`ClaimBook.not_computed`) must not
  be stated by any other section;
* every claim points to a table or figure that is on the page.

A failed check raises :class:`ClaimConflict` (a :class:`~valuechain.errors.ValidationError`
would blame the study; this is a defect of the report). The claims are listed in an annex
of the report (:meth:`ClaimBook.table`).

Examples
--------
>>> book = ClaimBook()
>>> c = book.add("trade.share.oil", "exports.share", 52.04, unit="% of exports", year=2021,
...              scope="KAZ|Oil and gas", source="CEPII BACI", definition="share of the group in exports",
...              ref="trade_exports_by_sector", section="trade")
>>> str(c)
'52.0%'
>>> _ = book.add("peers.share.oil", "exports.share", 52.04, unit="% of exports", year=2021, scope="KAZ|Oil and gas",
...              ref="peers_comparison", section="peers")
>>> book.verify({"trade_exports_by_sector", "peers_comparison"})
>>> _ = book.add("x.share.oil", "exports.share", 48.0, unit="% of exports", year=2021, scope="KAZ|Oil and gas",
...              ref="peers_comparison", section="x")
>>> book.verify({"trade_exports_by_sector", "peers_comparison"})
Traceback (most recent call last):
...
valuechain.report.claims.ClaimConflict: exports.share (KAZ|Oil and gas, 2021) is stated differently: 52.0% (trade: trade.share.oil), 52.0% (peers: peers.share.oil), 48.0% (x: x.share.oil)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Claim", "ClaimBook", "ClaimConflict", "Finding", "Paragraph", "unclaimed_numbers", "NUMBER_ALLOWLIST"]


class ClaimConflict(AssertionError):
    """The report contradicts itself (two statements of one indicator differ, or 'not computed' of something shown)."""


#: ``{section.claim_id}`` in a text written over claims
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w]*\.[\w.]+)(\|n)?\}")
#: ``{@N}``: a label of the data (a table's or a product's name) set into a text by :meth:`ClaimBook.label`
_LABEL = re.compile(r"\{@(\d+)\}")
_ANY = re.compile(_PLACEHOLDER.pattern + "|" + _LABEL.pattern)


class Paragraph(str):
    """A sentence written over claims: the text, and its parts ``(text, claim id or '')``.

    It is a ``str`` (the HTML, the workbook and the tests read it as text); the page wraps
    each claimed number in a ``<span class="claim">`` whose tooltip gives the claim's unit,
    year, source and table, so a reader (and :func:`unclaimed_numbers`) can tell a number
    read from a claim from a number typed into the text.

    Parameters
    ----------
    parts : iterable of (str, str)
        The pieces of the text in order, each with the id of the claim it states (``''`` for
        plain text).

    Examples
    --------
    >>> p = Paragraph([("Exports grew by ", ""), ("4.2%", "trade.cagr"), (" a year.", "")])
    >>> p
    'Exports grew by 4.2% a year.'
    >>> p.unclaimed()
    'Exports grew by   a year.'
    >>> (p + " Mining leads.").parts[-1]
    (' Mining leads.', '')
    """

    parts: tuple[tuple[str, str], ...]

    def __new__(cls, parts):
        parts = tuple((str(t), str(c)) for t, c in parts if t)
        obj = super().__new__(cls, "".join(t for t, _ in parts))
        obj.parts = parts
        return obj

    def __add__(self, other):
        if isinstance(other, str):
            return Paragraph(self.parts + (other.parts if isinstance(other, Paragraph) else ((other, ""),)))
        return NotImplemented

    def __radd__(self, other):
        if isinstance(other, str):
            return Paragraph(((other, ""),) + self.parts)
        return NotImplemented

    def __reduce__(self):
        return (Paragraph, (self.parts,))

    def unclaimed(self) -> str:
        """The text with every claimed number blanked out (what :func:`unclaimed_numbers` scans)."""
        return "".join(" " if c else t for t, c in self.parts)


#: What a narrative may state as a number without a claim (each a regular expression over the
#: text, matched around the number): calendar years and year ranges, numbered references
#: (section, table, figure, box, chapter, equation, page), classification codes (HS and ISIC
#: headings), the percentiles and confidence level that name a band (settings), the threshold one of
#: an index whose neutral value is one, and the end of a rank scale. A citation's year is a year.
#: A four-digit number from 1800 to 2099 is read as a year: the one way a value could hide here.
NUMBER_ALLOWLIST: tuple[tuple[str, str], ...] = (
    (r"(?<![\d.,])(1[89]\d\d|20\d\d)(?:[-–/](?:1[89]\d\d|20\d\d|\d\d))?(?![\d.,]*\d)", "a calendar year or a range of years"),
    (r"(?i)\b(?:sections?|tables?|figures?|fig\.|box|chapter|eq\.|equation|pages?|pp?\.|sec\.|part)\s+\d+(?:\.\d+)*"
     r"(?:\s*(?:[-–,]|and)\s*\d+(?:\.\d+)*)*",
     "a numbered reference (section, table, figure, box, chapter, equation, page)"),
    (r"\bHS ?\d{1,6}\b|\bHS\d\b|\bISIC (?:Rev\. ?)?\d\b|\bRev\. ?\d\b|\bICIO ?\d{4}\b", "a classification and its revision or a heading code"),
    (r"\b\d{1,2}(?:st|nd|rd|th) (?:and|to) \d{1,2}(?:st|nd|rd|th) percentiles?\b", "the percentiles of a band (a setting)"),
    (r"(?:≥|≤|>|<|=|above|below|at least|over|under|exceeds?|than|equal to) 1(?![\d.,]*\d)(?!\s?%)",
     "the threshold one of an index whose neutral value is one (location quotient, RCA, normalised linkage, Kaiser's rule)"),
    (r"(?<![\d.,])[01] = (?=[a-z])", "the end of a rank scale ('1 = most concentrated')"),
    (r"\bmin\([^)]*\)|\b[a-z]\^[a-z]_\w+", "a formula written out"),
    (r"\b\d{2} ?% (?:bands?|confidence|intervals?)\b", "the level of a confidence band (a setting)"),
)

#: A number as a reader sees it: digits with separators, a decimal part, a sign or a percent
_NUMBER = re.compile(r"(?<![\w.])[-−+]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?%)?(?![\w])")


def unclaimed_numbers(text: str) -> list[str]:
    """The numbers of a narrative that are neither claims nor allowed by :data:`NUMBER_ALLOWLIST`.

    ``text`` is a :class:`Paragraph` (its claimed numbers are skipped) or plain text. A
    number glued to letters (``C24``, ``B05_06``, ``HS6``) is a label, not a number.

    Parameters
    ----------
    text : str or Paragraph
        A narrative sentence or paragraph as rendered.

    Returns
    -------
    list of str
        The numbers found, as written (with their ``%`` sign), in reading order; empty when
        every number is a claim or allowed.

    Examples
    --------
    >>> unclaimed_numbers("Exports rose by 12.5% between 2010 and 2021 (section 6).")
    ['12.5%']
    >>> book = ClaimBook()
    >>> _ = book.add("t.x", "x", 12.5, unit="%", ref="t")
    >>> unclaimed_numbers(book.render("Exports rose by {t.x} between 2010 and 2021 (section 6)."))
    []
    """
    t = text.unclaimed() if isinstance(text, Paragraph) else str(text)
    for pat, _why in NUMBER_ALLOWLIST:
        t = re.sub(pat, lambda m: " " * len(m.group(0)), t)
    return [m.group(0).strip() for m in _NUMBER.finditer(t)]


@dataclass(frozen=True)
class Claim:
    """One number of the report with its meaning.

    ``indicator`` names what is measured (``exports.share``), ``scope`` what it is measured
    of (``KAZ|Oil and gas``); two claims with the same indicator, scope and year are the
    same statement and must agree. ``ref`` is the id of the table or figure the value is
    read from (``data/<ref>.csv`` and the anchor ``#<ref>`` on the page).

    Parameters
    ----------
    id : str
        Unique id of the claim in the build (``section.name``, e.g. ``trade.share.oil``).
    indicator : str
        What is measured (``exports.share``).
    value : float or str
        The number (a string is shown as it is, e.g. a country name).
    unit : str, default ""
        Unit as the reader sees it (``% of exports``, ``bn USD, current``).
    year : str, default ""
        Year or period the value refers to.
    scope : str, default ""
        What the value is measured of (``KAZ|Oil and gas``).
    source : str, default ""
        Data source (``CEPII BACI``).
    definition : str, default ""
        Definition of the indicator in words.
    coverage : str, default ""
        What the value covers and leaves out.
    ref : str, default ""
        Id of the table or figure the value is read from.
    section : str, default ""
        Key of the section that states it.
    decimals : int, default 1
        Decimals shown.

    Examples
    --------
    >>> c = Claim("trade.value", "exports.value", 84391.27, unit="mn USD, current", year="2021")
    >>> c.display()
    '84,391.3 mn USD'
    >>> Claim("x.share", "exports.share", -0.04, unit="%").display()
    '−0.0%'
    >>> Claim("x.eci", "eci", float("nan"), unit="index").display()
    'n/a'
    """

    id: str
    indicator: str
    value: float
    unit: str = ""
    year: str = ""
    scope: str = ""
    source: str = ""
    definition: str = ""
    coverage: str = ""
    ref: str = ""
    section: str = ""
    decimals: int = 1

    def __str__(self) -> str:
        return self.display()

    def display(self, *, unit: bool = True) -> str:
        """The value as the page shows it: fixed decimals, thousands separators, '%' glued to the number."""
        v = self.value
        if isinstance(v, str):
            return v
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return "n/a"
        num = f"{float(v):,.{self.decimals}f}"
        if num.startswith("-"):
            num = "−" + num[1:]
        if not unit or not self.unit:
            return num
        if self.unit.startswith("%"):
            return num + "%"
        if self.unit.startswith(("index", "ratio", "z-score", "per unit")):
            return num  # a pure number: its unit is in the claim and the table, not glued to the value
        return f"{num} {self.short_unit}"

    @property
    def short_unit(self) -> str:
        """The unit without its qualifier ('bn USD' of 'bn USD, current')."""
        return self.unit.split(",")[0].split(" (")[0]

    @property
    def ph(self) -> str:
        """The placeholder of this claim in a text (``{id}``; ``{id|n}`` shows the number without its unit)."""
        return "{" + self.id + "}"

    @property
    def n(self) -> str:
        """The placeholder showing the number without its unit."""
        return "{" + self.id + "|n}"

    @property
    def shown(self) -> str:
        """The value at the precision shown (what two statements must agree on)."""
        return self.display(unit=False)


@dataclass(frozen=True)
class Finding:
    """A candidate sentence of the summary: a template over claims, its comparison and why it matters.

    ``text`` uses ``{claim_id}`` placeholders (filled with :meth:`Claim.display`), so every
    number of the summary is a registered claim. ``topic`` ranks it (see
    :data:`valuechain.report.summary.TOPIC_ORDER`); ``kind`` is ``finding``, ``illustration``
    or ``thin`` (the last two never reach the summary).

    Parameters
    ----------
    topic : str
        Summary topic (one of :data:`valuechain.report.summary.TOPIC_ORDER` ranks it).
    text : str
        The sentence, with ``{claim_id}`` placeholders of registered claims.
    comparison : str
        What the number is compared with.
    why : str
        Why it matters to the reader.
    claims : tuple of str
        Ids of the claims the sentence states.
    section : str
        Key of the section that proposes it.
    kind : {"finding", "illustration", "thin"}, default "finding"
        Only ``finding`` reaches the summary.

    Examples
    --------
    >>> book = ClaimBook()
    >>> _ = book.add("trade.hhi", "exports.hhi", 0.31, unit="index", decimals=2)
    >>> f = book.finding("concentration", "Exports are concentrated (HHI {trade.hhi}).",
    ...                  comparison="above every peer", why="exposure to one price", section="trade")
    >>> f.claims
    ('trade.hhi',)
    >>> book.render(f.text)
    'Exports are concentrated (HHI 0.31).'
    """

    topic: str
    text: str
    comparison: str
    why: str
    claims: tuple[str, ...]
    section: str
    kind: str = "finding"


@dataclass
class ClaimBook:
    """The claims and 'not computed' statements of one build.

    Parameters
    ----------
    claims : dict of str to Claim, optional
        Registered claims by id (empty by default; fill with :meth:`add`).
    absent : list of tuple of str, optional
        ``(indicator, scope, section, why)`` of every 'not computed' statement
        (:meth:`not_computed`).
    findings : list of Finding, optional
        Proposed summary findings (:meth:`finding`).
    labels : list of str, optional
        Data labels placed in narratives with :meth:`label` (names that may hold digits,
        shown as written and not read as numbers).

    Examples
    --------
    >>> book = ClaimBook()
    >>> _ = book.add("gvc.fva", "exports.fva_share", 6.5, unit="% of exports", year=2015, ref="gvc_table",
    ...              section="gvc")
    >>> book.problems({"gvc_table"})
    []
    >>> book.problems(set())
    ["claim gvc.fva points to 'gvc_table', which is not on the page"]
    >>> book.table()[["claim", "value", "unit", "year"]].to_dict("records")
    [{'claim': 'gvc.fva', 'value': 6.5, 'unit': '% of exports', 'year': '2015'}]
    >>> book.not_computed("exports.fva_share", section="trade", why="no inter-country table")
    >>> book.problems({"gvc_table"})  # doctest: +NORMALIZE_WHITESPACE
    ["section 'trade' says exports.fva_share is not computed (no inter-country table),
    but section 'gvc' states it: 6.5% (gvc.fva)"]
    """

    claims: dict[str, Claim] = field(default_factory=dict)
    absent: list[tuple[str, str, str, str]] = field(default_factory=list)  # (indicator, scope, section, why)
    findings: list[Finding] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def label(self, text) -> str:
        """A placeholder for a label of the data (a name that may hold digits: a table's title, a product code).

        The label is shown as written; :func:`unclaimed_numbers` does not read numbers inside it.
        """
        self.labels.append(str(text))
        return "{@" + str(len(self.labels) - 1) + "}"

    def add(self, id: str, indicator: str, value, **meta) -> Claim:
        """Register a claim (``id`` unique in the build) and return it."""
        if id in self.claims:
            raise ClaimConflict(f"claim {id!r} is registered twice")
        v = value
        if not isinstance(v, str):
            v = float(v)
        c = Claim(id=id, indicator=indicator, value=v, **{k: (str(x) if k == "year" else x) for k, x in meta.items()})
        self.claims[id] = c
        return c

    def __getitem__(self, id: str) -> Claim:
        return self.claims[id]

    def __contains__(self, id: str) -> bool:
        return id in self.claims

    def not_computed(self, indicator: str, *, scope: str = "", section: str = "", why: str = "") -> None:
        """Declare that ``section`` does not compute ``indicator`` (checked against every claim of the build)."""
        self.absent.append((indicator, scope, section, why))

    def finding(self, topic: str, text: str, *, comparison: str, why: str, section: str, kind: str = "finding") -> Finding:
        """Propose a summary finding; ``text`` holds ``{claim_id}`` placeholders of registered claims."""
        ids = tuple(dict.fromkeys(m.group(1) for t in (text, comparison, why) for m in _PLACEHOLDER.finditer(t)))
        missing = [i for i in ids if i not in self.claims]
        if missing:
            raise ClaimConflict(f"finding {topic!r} names unregistered claims {missing}")
        f = Finding(topic=topic, text=text, comparison=comparison, why=why, claims=ids, section=section, kind=kind)
        self.findings.append(f)
        return f

    def render(self, text: str) -> Paragraph:
        """``text`` with every ``{claim_id}`` replaced by the claim's display (a :class:`Paragraph`)."""
        parts, pos = [], 0
        for m in _ANY.finditer(text):
            k, bare, lab = m.group(1), m.group(2), m.group(3)
            if lab is not None:
                parts += [(text[pos:m.start()], ""), (self.labels[int(lab)], "@")]
            else:
                if k not in self.claims:
                    raise ClaimConflict(f"the text names an unregistered claim {k!r}: {text[:80]}")
                parts += [(text[pos:m.start()], ""), (self.claims[k].display(unit=not bare), k)]
            pos = m.end()
        parts.append((text[pos:], ""))
        return Paragraph(parts)

    def tooltip(self, id: str) -> str:
        """What the page shows on hovering a claimed number: definition, unit, year, scope, source, coverage, table."""
        c = self.claims[id]
        bits = [c.definition, c.unit, str(c.year) if c.year else "", c.scope.replace("|", ": ") if c.scope else "",
                f"source: {c.source}" if c.source else "", f"coverage: {c.coverage}" if c.coverage else "",
                f"from {c.ref}" if c.ref else ""]
        return "; ".join(b for b in bits if b)

    def drop_section(self, section: str) -> None:
        """Forget the claims and findings of a section that failed or was skipped."""
        self.claims = {k: c for k, c in self.claims.items() if c.section != section}
        self.findings = [f for f in self.findings if f.section != section]
        self.absent = [a for a in self.absent if a[2] != section]

    def problems(self, rendered: set[str] | None = None) -> list[str]:
        """Every inconsistency of the build, one line each (empty when the report agrees with itself)."""
        out: list[str] = []
        groups: dict[tuple[str, str, str], list[Claim]] = {}
        for c in self.claims.values():
            groups.setdefault((c.indicator, c.scope, c.year), []).append(c)
        for (ind, scope, year), cs in groups.items():
            if len({c.shown for c in cs}) > 1:
                what = ", ".join(f"{c.display()} ({c.section}: {c.id})" for c in cs)
                out.append(f"{ind} ({scope}, {year}) is stated differently: {what}")
        for ind, scope, sec, why in self.absent:
            hit = [c for c in self.claims.values() if c.indicator == ind and (not scope or c.scope == scope) and c.section != sec]
            if hit:
                out.append(f"section {sec!r} says {ind} is not computed ({why}), but section {hit[0].section!r} states it: "
                           f"{hit[0].display()} ({hit[0].id})")
        if rendered is not None:
            for c in self.claims.values():
                if c.ref and c.ref not in rendered:
                    out.append(f"claim {c.id} points to {c.ref!r}, which is not on the page")
        return out

    def verify(self, rendered: set[str] | None = None) -> None:
        """Raise :class:`ClaimConflict` listing every inconsistency (see :meth:`problems`)."""
        p = self.problems(rendered)
        if p:
            raise ClaimConflict("; ".join(p))

    def table(self) -> pd.DataFrame:
        """One row per claim: the annex of claims."""
        rows = [(c.id, c.section, c.indicator, c.scope, c.year,
                 c.value if isinstance(c.value, str) else round(float(c.value), c.decimals), c.unit, c.definition, c.coverage,
                 c.source, c.ref) for c in self.claims.values()]
        return pd.DataFrame(rows, columns=["claim", "section", "indicator", "scope", "year", "value", "unit", "definition",
                                           "coverage", "source", "table_or_figure"])
