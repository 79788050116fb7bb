"""Where each public name's reference page is: generated from the live ``valuechain.__all__``."""

from __future__ import annotations

import importlib

# the flat API's resolution order (valuechain._FAMILIES)
FAMILIES = ("tables", "tables.trade", "leontief", "regional", "clusters", "gvc", "trade", "complexity", "survival", "report", "datasets")


def reference_map() -> dict[str, tuple[str, str]]:
    """name → (group, griffe identifier) for every name in ``valuechain.__all__``.

    The group is the family whose ``__all__`` gives the flat name (the flat API's own
    resolution order), or ``errors``.
    """
    import valuechain

    errors = importlib.import_module("valuechain.errors")
    fams = {f: importlib.import_module(f"valuechain.{f}") for f in FAMILIES}
    out: dict[str, tuple[str, str]] = {}
    for name in valuechain.__all__:
        if hasattr(errors, name) and name in getattr(errors, "__all__", [name]):
            out[name] = ("errors", f"valuechain.errors.{name}")
            continue
        fam = next((f for f, m in fams.items() if name in m.__all__), None)
        if fam is None:
            raise RuntimeError(f"valuechain.{name} is in __all__ but in no family's __all__")
        out[name] = (fam, _canonical(fams[fam], name))
    return out


def _canonical(family, name: str) -> str:
    """The module that defines ``name`` (griffe reads files: a name re-exported dynamically must
    be found where it is written)."""
    import pkgutil
    import sys

    obj = getattr(family, name)
    mod = getattr(obj, "__module__", None)
    if isinstance(mod, str) and mod.startswith("valuechain") and getattr(sys.modules.get(mod), name, None) is obj:
        return f"{mod}.{name}"
    for info in pkgutil.iter_modules(family.__path__):
        m = importlib.import_module(f"{family.__name__}.{info.name}")
        if name in getattr(m, "__all__", ()) and getattr(m, name, None) is obj:
            return f"{m.__name__}.{name}"
    return f"{family.__name__}.{name}"
