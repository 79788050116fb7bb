"""The summary an analyst would write: at most seven findings, ranked, each with its number, its comparison and why
it matters.

Sections propose findings over their claims (:meth:`valuechain.report.claims.ClaimBook.finding`);
:func:`summary_findings` keeps the ``finding`` kind (illustrations such as an invented shock and
thin results such as a twelve-exporter product space never reach the summary), ranks them by
:data:`TOPIC_ORDER` (what a ministry economist reads first) and keeps seven. Text is never cut.
"""

from __future__ import annotations

from .claims import ClaimBook

__all__ = ["TOPIC_ORDER", "MAX_FINDINGS", "summary_findings"]

#: The order of importance of the topics (first = first in the summary).
TOPIC_ORDER = ("composition", "concentration", "destinations", "gold", "key sectors", "value chains", "foreign inputs",
               "regional specialisation", "survival", "clusters", "diversification", "impact")
MAX_FINDINGS = 7


def summary_findings(book: ClaimBook, *, sections_ok: set[str] | None = None) -> list[tuple[str, str, str]]:
    """(sentence, comparison, why it matters) of the ranked findings, at most :data:`MAX_FINDINGS`.

    Only findings of kind ``finding`` count; they are ranked by :data:`TOPIC_ORDER` (unknown
    topics last), one per topic (the first proposed), their placeholders filled from the claims.

    Parameters
    ----------
    book : ClaimBook
        The claims and findings of the build.
    sections_ok : set of str, optional
        Keep only findings of these sections (those that ran); all sections by default.

    Returns
    -------
    list of tuple of (str, str, str)
        ``(sentence, comparison, why it matters)`` per finding, most important first.

    Raises
    ------
    ClaimConflict
        A finding's text names a claim that is not registered.

    Examples
    --------
    >>> book = ClaimBook()
    >>> _ = book.add("trade.oil", "exports.share", 52.04, unit="% of exports")
    >>> _ = book.add("io.n", "key_sectors.count", 4, decimals=0)
    >>> _ = book.finding("key sectors", "{io.n} key sectors.", comparison="of 18", why="targets", section="io")
    >>> _ = book.finding("composition", "Oil is {trade.oil} of exports.", comparison="vs 38% in peers",
    ...                  why="price risk", section="trade")
    >>> _ = book.finding("impact", "An invented shock.", comparison="", why="", section="impact", kind="illustration")
    >>> summary_findings(book)
    [('Oil is 52.0% of exports.', 'vs 38% in peers', 'price risk'), ('4 key sectors.', 'of 18', 'targets')]
    >>> summary_findings(book, sections_ok={"io"})
    [('4 key sectors.', 'of 18', 'targets')]
    """
    rank = {t: i for i, t in enumerate(TOPIC_ORDER)}
    fs = [f for f in book.findings if f.kind == "finding" and (sections_ok is None or f.section in sections_ok)]
    fs = sorted(fs, key=lambda f: rank.get(f.topic, len(rank)))
    seen, out = set(), []
    for f in fs:
        if f.topic in seen:
            continue
        seen.add(f.topic)
        out.append((book.render(f.text), book.render(f.comparison), book.render(f.why)))
    return out[:MAX_FINDINGS]
