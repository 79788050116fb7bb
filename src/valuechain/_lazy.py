"""Import on use: a family package whose public names load their module when first read.

``import valuechain.trade`` used to import every module of the family, and with them
pandas and Ibis (about 0.8 s of CPU), even for a caller that needs one constant. A package
made lazy by :func:`make_lazy` keeps its literal list of imports, under ``if
TYPE_CHECKING:`` (so readers, linters and the documentation's static analysis see them),
and imports a name's module only when the name is first read (PEP 562). The one-country
``valuechain trade`` run thus starts without pandas or Ibis (issue 23).

A public function can share its name with the module that defines it
(``valuechain.trade.rca`` is the function of ``valuechain/trade/rca.py``). The import
system binds a submodule to its package's attribute of that name when the submodule is
imported; :class:`LazyPackage` keeps the public function there instead, as the eager
``from .rca import rca`` did.
"""

from __future__ import annotations

import ast
import importlib
import sys
import types
from typing import Callable

__all__ = ["LazyPackage", "make_lazy", "import_homes"]


def import_homes(init_file: str) -> dict[str, str]:
    """Name -> submodule, read from the ``from .module import (...)`` statements of the
    ``if TYPE_CHECKING:`` blocks of a package's ``__init__.py``.

    Parameters
    ----------
    init_file : str
        The path of the ``__init__.py``.

    Returns
    -------
    dict
        Each imported name (its ``as`` name when given) and the submodule it comes from.

    Examples
    --------
    >>> import valuechain.trade
    >>> import_homes(valuechain.trade.__file__)["rca"]
    'rca'
    """
    with open(init_file, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    homes: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for imp in node.body:
                if isinstance(imp, ast.ImportFrom) and imp.level == 1 and imp.module:
                    for alias in imp.names:
                        homes[alias.asname or alias.name] = imp.module
    return homes


class LazyPackage(types.ModuleType):
    """A package module whose names of ``_lazy_homes`` are imported when first read."""

    def __getattr__(self, name: str):
        homes = self.__dict__.get("_lazy_homes", {})
        sub = homes.get(name)
        if sub is None:
            fallback = self.__dict__.get("_lazy_fallback")
            if fallback is not None and not name.startswith("__"):
                return fallback(name)
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{self.__name__}.{sub}"), name)
        types.ModuleType.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value) -> None:
        homes = self.__dict__.get("_lazy_homes", {})
        if isinstance(value, types.ModuleType) and homes.get(name) == name and value.__name__ == f"{self.__name__}.{name}":
            value = getattr(value, name)  # the public function, not the module of the same name
        types.ModuleType.__setattr__(self, name, value)

    def __dir__(self) -> list[str]:
        return sorted(set(self.__dict__) | set(self.__dict__.get("_lazy_homes", {})))


def make_lazy(module_name: str, *, fallback: Callable[[str], object] | None = None) -> None:
    """Make the package ``module_name`` (from its own ``__init__.py``) import on use.

    Parameters
    ----------
    module_name : str
        ``__name__`` of the package; its ``if TYPE_CHECKING:`` imports name the homes
        (:func:`import_homes`).
    fallback : callable, optional
        Called with a name that is not one of them (e.g. the old names of
        :func:`valuechain._moved.moved_attr`); default: ``AttributeError``.

    Examples
    --------
    >>> import valuechain.tables
    >>> type(valuechain.tables).__name__, "read_table" in dir(valuechain.tables)
    ('LazyPackage', True)
    """
    mod = sys.modules[module_name]
    mod.__dict__["_lazy_homes"] = import_homes(mod.__file__)
    mod.__dict__["_lazy_fallback"] = fallback
    mod.__class__ = LazyPackage
