"""The run log of a build (valuechain.report._context)."""

from __future__ import annotations

import os
import re
import sys
import warnings

import pytest

from valuechain.errors import ValuechainWarning
from valuechain.report._context import LogLines, Prefetch, make_logger


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


# the Prefetch of a computation in a forked child process
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the prefetch forks on Linux only")


def _warn_and_add(a, b):
    warnings.warn("computed in the child", ValuechainWarning, stacklevel=2)
    return a + b


def _fail():
    raise ValueError("bad input")


@linux
def test_prefetch_runs_in_another_process_and_reads_once():
    p = Prefetch(os.getpid)
    done, pid = p.result()
    assert done and pid != os.getpid()
    assert p.result() == (False, None)


@linux
def test_prefetch_warnings_come_back_where_the_result_is_used():
    with warnings.catch_warnings(record=True) as before:
        warnings.simplefilter("always")
        p = Prefetch(_warn_and_add, 2, 3)
    assert before == []  # nothing is emitted when the child starts
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert p.result() == (True, 5)
    assert [(w.category, str(w.message)) for w in caught] == [(ValuechainWarning, "computed in the child")]


@linux
def test_prefetch_failure_leaves_the_computation_to_the_caller():
    p = Prefetch(_fail)
    assert p.result() == (False, None)


def test_prefetch_never_asked_leaves_no_file(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    p = Prefetch(sum, [1, 2])
    del p
    import gc

    gc.collect()
    assert list(tmp_path.iterdir()) == []


def _stuck():
    import time

    time.sleep(30)  # no CPU: like a child waiting on a lock no thread will release


@linux
def test_prefetch_child_that_stalls_is_killed_and_left_to_the_caller():
    import time

    p = Prefetch(_stuck)
    p.stall_s = 0.5
    t = time.monotonic()
    assert p.result() == (False, None)
    assert time.monotonic() - t < 10
