"""Docstring checker: every public name of valuechain (the live ``valuechain.__all__``) against
the numpydoc sections the project asks for (../shared/STYLE.md, issue 21).

Rules, per function or class (constants and registries are skipped):

* ``summary``    — a first line;
* ``Parameters`` — when it takes parameters (a class: those of ``__init__``);
* ``Returns``    — a function that returns something (``Yields`` for a generator; a return
  annotation of ``None`` needs none);
* ``Examples``   — always (they run as doctests);
* ``References`` — when the docstring cites the literature (an author and a year such as
  "Flegg et al. (1995)" or "Miller & Blair 2009") but has no References section;
* ``params``     — each parameter of the signature is documented, and nothing else is.

Usage::

    python docs/_scripts/check_docstrings.py              # one line per gap
    python docs/_scripts/check_docstrings.py --summary    # counts per rule and per family
    python docs/_scripts/check_docstrings.py --strict     # exit 1 when any name fails

CI runs ``--summary`` (report mode) until the docstrings are completed; the coordinator
switches it to ``--strict``.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from collections import Counter
from pathlib import Path

RULES = ("summary", "Parameters", "Returns", "Examples", "References", "params")
_SECTION = re.compile(r"^\s*([A-Z][A-Za-z ]+)\n\s*-{3,}\s*$", re.M)
_CITE = re.compile(r"[A-Z][a-zà-ÿ]+(?: et al\.?| (?:&|and) [A-Z][a-zà-ÿ]+)?,? \(?(?:19|20)\d\d[a-z]?\)?")
_PARAM = re.compile(r"^(\s*)([*A-Za-z_][\w*]*(?:\s*,\s*[*A-Za-z_][\w*]*)*)\s*(?::.*)?$")


def sections(doc: str) -> dict[str, str]:
    """The numpydoc sections of ``doc``: header -> body."""
    out: dict[str, str] = {}
    marks = list(_SECTION.finditer(doc))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(doc)
        out[m.group(1).strip()] = doc[m.end():end]
    return out


def documented_params(body: str) -> set[str]:
    """Names documented in a Parameters section body (``a, b : int`` documents both)."""
    lines = [ln for ln in body.split("\n") if ln.strip()]
    if not lines:
        return set()
    base = min(len(ln) - len(ln.lstrip()) for ln in lines)
    names: set[str] = set()
    for ln in lines:
        if len(ln) - len(ln.lstrip()) != base:
            continue
        m = _PARAM.match(ln)
        if m:
            names.update(n.strip().lstrip("*") for n in m.group(2).split(","))
    return names


def _signature_params(obj) -> list[str] | None:
    target = obj.__init__ if isinstance(obj, type) else obj
    try:
        sig = inspect.signature(target)
    except (TypeError, ValueError):
        return None
    return [p.name for p in sig.parameters.values() if p.name not in ("self", "cls")]


def check(obj) -> list[str]:
    """The rules ``obj``'s docstring breaks (an empty list: it passes)."""
    doc = inspect.getdoc(obj) or ""
    if not doc.strip():
        return ["summary", "Parameters", "Returns", "Examples"] if not isinstance(obj, type) else ["summary", "Examples"]
    sec = sections(doc)
    fails = []
    params = _signature_params(obj)
    if isinstance(obj, type) and not str(getattr(obj.__init__, "__module__", "") or "").startswith("valuechain"):
        params = []  # an inherited builtin __init__ (object, Exception): nothing to document
    if isinstance(obj, type) and issubclass(obj, BaseException):
        return ["summary"] if not doc.strip() else []  # exceptions and warnings: a summary
    if params and "Parameters" not in sec and not (isinstance(obj, type) and "Attributes" in sec):
        fails.append("Parameters")
    if not isinstance(obj, type):
        ret = inspect.signature(obj).return_annotation if params is not None else inspect.Signature.empty
        returns_none = ret is None or ret == "None"
        if not returns_none and "Returns" not in sec and "Yields" not in sec:
            fails.append("Returns")
    if "Examples" not in sec:
        fails.append("Examples")
    if _CITE.search(doc) and "References" not in sec:
        fails.append("References")
    if params and "Parameters" in sec:
        doc_p = documented_params(sec["Parameters"])
        want = {p for p in params if p not in ("args", "kwargs", "kw")}
        if not want <= doc_p:
            fails.append("params")
    return fails


def public_objects():
    """(family, name, object) for every function and class of ``valuechain.__all__``."""
    sys.path.insert(0, str(Path(__file__).parent))
    from refmap import reference_map

    import valuechain

    for name, (group, _) in reference_map().items():
        obj = getattr(valuechain, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            yield group, name, obj


def family_objects():
    """(family, module.name, object) for every function and class in the ``__all__`` of every
    public module of valuechain (the families' own public names, beyond the flat API).

    Left out: ``valuechain.cli`` (commands are documented by their ``--help``, tested in
    tests/cli) and the report's section modules (``report.sections.*``: registry entries whose
    load/build halves are documented by the section protocol in ``report/sections/__init__``).
    """
    import importlib
    import pkgutil

    import valuechain

    seen = set()
    for m in pkgutil.walk_packages(valuechain.__path__, "valuechain."):
        parts = m.name.split(".")[1:]
        if any(p.startswith("_") for p in parts) or parts[0] == "cli" or parts[:2] == ["report", "sections"]:
            continue
        mod = importlib.import_module(m.name)
        for name in getattr(mod, "__all__", ()):
            obj = getattr(mod, name, None)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            key = (obj.__module__, obj.__qualname__)
            if key in seen or not obj.__module__.startswith("valuechain"):
                continue
            seen.add(key)
            family, _, rest = obj.__module__.removeprefix("valuechain.").partition(".")
            yield family, f"{rest + '.' if rest else ''}{obj.__qualname__}", obj


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--summary", action="store_true", help="counts per rule and family only")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a name fails")
    ap.add_argument("--scope", choices=("api", "families"), default="api",
                    help="api: the names of valuechain.__all__ (default); families: every function and class "
                         "in the __all__ of every public module (cli and report sections left out)")
    args = ap.parse_args(argv)
    objects = public_objects() if args.scope == "api" else family_objects()
    rows = [(g, n, check(o)) for g, n, o in objects]
    failing = [(g, n, f) for g, n, f in rows if f]
    if not args.summary:
        for g, n, f in failing:
            print(f"{g}.{n}: missing {', '.join(f)}")
    by_rule = Counter(r for _, _, f in failing for r in f)
    by_fam = Counter(g for g, _, _ in failing)
    total_fam = Counter(g for g, _, _ in rows)
    print(f"docstrings: {len(rows) - len(failing)} of {len(rows)} public functions and classes pass")
    print("gaps by rule: " + ", ".join(f"{r} {by_rule.get(r, 0)}" for r in RULES))
    print("failing by family: " + ", ".join(f"{g} {by_fam.get(g, 0)}/{total_fam[g]}" for g in sorted(total_fam)))
    return 1 if (args.strict and failing) else 0


if __name__ == "__main__":
    sys.exit(main())
