"""The run log of a build (valuechain.report._context)."""

from __future__ import annotations

import re

from valuechain.report._context import LogLines, make_logger


def test_log_lines_are_timed_levelled_and_kept_in_order():
    lines = LogLines()
    log = make_logger(lines)
    log.info("section %s built", "economy")
    log.warning("one table skipped")
    log.debug("not recorded below INFO")
    assert len(lines) == 2
    assert re.fullmatch(r"\[ *\d+\.\d\ds\] INFO    section economy built", lines[0])
    assert re.fullmatch(r"\[ *\d+\.\d\ds\] WARNING one table skipped", lines[1])


def test_two_builds_do_not_share_a_log():
    a, b = LogLines(), LogLines()
    make_logger(a).info("to a")
    make_logger(b).info("to b")
    assert [x.endswith("to a") for x in a] == [True] and [x.endswith("to b") for x in b] == [True]


def test_a_second_logger_on_the_same_lines_does_not_double_them():
    lines = LogLines()
    make_logger(lines)
    make_logger(lines).info("once")
    assert len(lines) == 1


def test_plain_list_works_and_loglines_is_a_list():
    lines: list[str] = []
    make_logger(lines).error("boom")
    assert lines[0].endswith("ERROR   boom")
    assert LogLines(["a"]) == ["a"] and hasattr(LogLines(), "t0")
