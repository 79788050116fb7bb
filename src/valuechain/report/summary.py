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
    """(sentence, comparison, why it matters) of the ranked findings, at most :data:`MAX_FINDINGS`."""
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
