"""One version string: valuechain.__version__ is valuechain._version's, and the CLI prints it."""

from __future__ import annotations

from typer.testing import CliRunner

import valuechain
from valuechain._version import __version__
from valuechain.cli import app


def test_version_everywhere():
    assert valuechain.__version__ == __version__
    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == __version__
