"""valuechain._entry (the script's entry point) and the root options: --version alone, Ctrl-C at any moment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from valuechain import __version__
from valuechain.cli import app

SRC = str(Path(__file__).resolve().parents[1] / "src")


def test_version_alone_works():
    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == __version__


def test_options_alone_print_the_help():
    r = CliRunner().invoke(app, ["--debug"])
    assert r.exit_code == 0 and "Usage" in r.output


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.0])
def test_ctrl_c_in_the_first_seconds_prints_one_line(tmp_path, delay):
    """SIGINT while Python imports the command line (about 3 s): one line, exit 130, nothing written."""
    flows = tmp_path / "f.csv"
    flows.write_text("year,exporter,product,value\n2000,KAZ,010110,1\n2001,KAZ,010110,2\n")
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=SRC)
    p = subprocess.Popen([sys.executable, "-m", "valuechain", "trade", str(flows), "-c", "KAZ", "-q", "-o", str(out)],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(delay)
    p.send_signal(signal.SIGINT)
    o, e = p.communicate(timeout=60)
    if p.returncode == 0:
        pytest.skip("the run ended before the signal")
    lines = [ln for ln in (o + e).splitlines() if ln.strip()]
    assert p.returncode == 130, (p.returncode, o, e)
    assert lines == ["error: interrupted; nothing was written (run the command again)"]
    assert not out.exists() and [x.name for x in tmp_path.iterdir()] == ["f.csv"]
