"""Old import paths of moved modules and names (valuechain._moved): they work, warn, and no
file is left at an old path."""

from __future__ import annotations

import importlib
import sys
import warnings
from pathlib import Path

import pytest

import valuechain  # noqa: F401  installs the finder
from valuechain._moved import MOVED_MODULES, MOVED_NAMES, MovedModuleFinder, moved_attr

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.mark.parametrize("old,new", sorted(MOVED_MODULES.items()))
def test_old_module_path_is_the_new_module_with_a_warning(old, new):
    assert not (SRC / (old.replace(".", "/") + ".py")).exists(), f"a file is left at {old}"
    assert (SRC / (new.replace(".", "/") + ".py")).is_file()
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=f"{old} moved to {new}"):
        mod = importlib.import_module(old)
    assert mod is importlib.import_module(new)
    assert mod.__name__ == new


@pytest.mark.parametrize("package,name,new", sorted((p, n, m) for p, d in MOVED_NAMES.items() for n, m in d.items()))
def test_old_name_resolves_to_the_same_object_with_a_warning(package, name, new):
    pkg = importlib.import_module(package)
    with pytest.warns(DeprecationWarning, match=f"{package}.{name} moved to {new}"):
        value = getattr(pkg, name)
    assert value is getattr(importlib.import_module(new), name)
    assert name not in pkg.__all__


def test_from_import_of_an_old_name_works():
    with pytest.warns(DeprecationWarning):
        from valuechain.trade import economic_complexity, read_flows  # noqa: F401
    from valuechain.complexity import economic_complexity as ec
    from valuechain.tables.trade import read_flows as rf

    assert economic_complexity is ec and read_flows is rf


def test_unknown_names_still_raise_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        moved_attr("valuechain.trade", "no_such_name")
    with pytest.raises(AttributeError):
        valuechain.trade.no_such_name  # noqa: B018
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert MovedModuleFinder().find_spec("valuechain.trade.rca") is None  # not moved: not answered


def test_the_finder_is_installed_once():
    from valuechain._moved import install

    install()
    install()
    assert sum(type(f).__name__ == "MovedModuleFinder" for f in sys.meta_path) == 1
