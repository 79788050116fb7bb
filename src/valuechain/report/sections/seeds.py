"""Section ``seeds``: the comparison with the two seed studies, generated from the rendered page.

Built after the other sections (``after_page``): the coverage table reads the ids of the
tables and figures actually on the page (:func:`valuechain.report.coverage.coverage_table`),
the findings table quotes the seeds (quotations checked against the seed texts by the tests)
beside this run's findings (from the claim book), and an annex lists every claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from .._model import ReportTable
from ..coverage import SEED_FINDINGS, coverage_table
from ..study import Study
from . import Page, Section

__all__ = ["SECTION", "SeedsInputs", "load", "build"]


@dataclass(frozen=True)
class SeedsInputs:
    enabled: bool
    rendered: Mapping[str, list]   # id of every table and figure on the page -> its flags
    ok_sections: frozenset


def load(study: Study, data: Any, rendered: Mapping[str, list] | None = None, ok_sections=frozenset()) -> SeedsInputs:
    return SeedsInputs(enabled=bool(study.get("study").get("compare_seeds", True)), rendered=dict(rendered or {}),
                       ok_sections=frozenset(ok_sections))


def build(x: SeedsInputs, page: Page) -> None:
    sec = page.sec
    if not x.enabled:
        sec.status = "skipped"
        sec.notes.append("Skipped: [study] compare_seeds = false.")
        return
    sec.badge = "cited findings and this run"
    sec.intro = ("What the two seed studies found, beside what this run finds on the data it holds. The seed findings are "
                 "quoted from the studies (not computed here); this run's findings are the report's registered claims.")
    by_topic = {}
    for f in page.claims.findings:
        if f.section in x.ok_sections:
            by_topic.setdefault(f.topic, page.claims.render(f.text) + ("" if f.kind == "finding" else f" ({f.kind})"))
    rows = [(topic, quote, seed, by_topic.get(key, "no finding of this run on this topic"))
            for topic, key, quote, seed in SEED_FINDINGS]
    sec.add(ReportTable(key="seeds_findings", title="The seed studies' findings and this run's",
                        df=pd.DataFrame(rows, columns=["topic", "seed_quote", "seed", "run"]),
                        source="the two seed studies (quoted); this report",
                        headers={"topic": "Topic", "seed_quote": "The seed found (quoted)", "seed": "Seed", "run": "This run finds"}))
    cov = coverage_table(x.rendered)
    n = len(cov)
    counts = cov["status"].value_counts()
    def cnt(id, value, definition):
        return page.claim(id, f"seeds.items.{id}", int(value), unit="items", decimals=0, scope="the two seed studies",
                          source="this report (generated from the ids on the page)", ref="seeds_coverage", definition=definition)

    c_n = cnt("n_items", n, "numbered tables, figures and boxes of the two seeds")
    c_r = cnt("reproduced", counts.get("reproduced", 0), "seed items reproduced faithfully on real data (an id on the page)")
    c_p = cnt("partly", counts.get("partly", 0), "seed items reproduced in part")
    c_h = cnt("not_held", counts.get("not held", 0), "seed items whose data is not held")
    c_x = cnt("not_reproduced", counts.get("not reproduced", 0), "seed items not reproduced although their data is held")
    page.say(f"Of the {c_n.n} numbered tables, figures and boxes of the two seeds, {c_r.n} are reproduced "
             f"on real data (each with the id of its table or figure on this page), {c_p.n} partly, "
             f"{c_h.n} need data that is not held and {c_x.n} are not "
             "reproduced although their data is held.")
    sec.add(ReportTable(key="seeds_coverage", title="Coverage of the seed studies' tables and figures", max_rows=80, df=cov,
                        source="this report (generated from the ids of the tables and figures on the page)",
                        headers={"seed": "Seed study", "item": "Item", "title": "Content", "status": "Status",
                                 "ids": "On this page (ids)", "reason": "What is missing"}))
    claims = page.claims.table()
    if len(claims):
        sec.add(ReportTable(key="claims", title="Every number stated in the text: the registered claims", df=claims, annex=True,
                            max_rows=200, source="this report",
                            headers={"claim": "Claim", "section": "Section", "indicator": "Indicator", "scope": "Of",
                                     "year": "Year", "value": "Value", "unit": "Unit", "definition": "Definition",
                                     "coverage": "Coverage", "source": "Source", "table_or_figure": "Table or figure"}))


SECTION = Section(key="seeds", title="Comparison with the seed studies", needs="study", load=load, build=build, after_page=True,
                  summary="the seeds' findings quoted beside this run's, the coverage table, the annex of claims")
