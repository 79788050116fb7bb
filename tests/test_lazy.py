"""Import on use (valuechain._lazy): family packages load a name's module when it is first read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from valuechain._lazy import LazyPackage, import_homes

SRC = Path(__file__).resolve().parents[1] / "src"


def _fresh(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**__import__("os").environ, "PYTHONPATH": str(SRC)}).stdout


@pytest.mark.parametrize("pkg", ["valuechain.trade", "valuechain.tables", "valuechain.tables.trade"])
def test_importing_a_family_package_loads_no_pandas_and_no_ibis(pkg):
    out = _fresh(f"import sys, {pkg}\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'ibis', 'numpy')))")
    assert out.strip() == "[]"


def test_every_public_name_resolves_and_comes_from_its_home():
    import valuechain.tables.trade as tt
    import valuechain.trade as tr

    for pkg in (tr, tt):
        assert isinstance(pkg, LazyPackage)
        homes = import_homes(pkg.__file__)
        for name in pkg.__all__:
            value = getattr(pkg, name)
            assert value is not None
            assert name in homes and name in dir(pkg)


def test_a_function_named_like_its_module_stays_the_function():
    """valuechain.trade.rca is the function, even when the submodule is imported first (as the
    eager ``from .rca import rca`` made it)."""
    out = _fresh("import valuechain.trade.rca as m, valuechain.trade.concentration\n"
                 "import valuechain.trade as t\n"
                 "from valuechain.trade import rca, concentration\n"
                 "print(callable(rca), type(rca).__name__, type(t.concentration).__name__, hasattr(m, '__call__'))")
    assert out.split() == ["True", "function", "function", "True"]


def test_an_unknown_name_is_an_attribute_error_and_old_names_still_warn():
    import valuechain.tables as tb
    import valuechain.trade as tr

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        tb.nope  # noqa: B018
    with pytest.warns(DeprecationWarning, match="valuechain.tables.trade"):
        tr.read_flows  # noqa: B018  (moved in 0.2: the fallback of valuechain._moved)
