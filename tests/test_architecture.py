"""The layering rules of docs/architecture.md, checked on the source with ``ast``.

Every module under ``src/valuechain`` is parsed (imports inside functions included) and
the following are asserted:

- no import circles among the modules;
- no module imports a ``_private`` name from another module;
- ``tables/`` imports no method family;
- method families import neither ``datasets``, ``report`` nor ``cli``.

``ALLOWED`` (empty now) would list known exceptions; the test fails if one of them is
gone (so the list cannot go stale) or if any other violation appears.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "valuechain"
PKG = "valuechain"
FAMILIES = ("leontief", "regional", "clusters", "gvc", "trade", "complexity", "survival")
TOP = ("datasets", "report", "cli")  # above the families


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


MODULES = _modules()


def _resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(mod: str) -> list[tuple[str, str | None]]:
    """(imported module, imported name or None) for every import in ``mod``."""
    path = MODULES[mod]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_pkg = path.name == "__init__.py"
    out: list[tuple[str, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((a.name, None) for a in node.names if a.name.startswith(PKG))
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(mod, is_pkg, node)
            if not target.startswith(PKG):
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                if sub in MODULES:  # ``from . import lq`` imports a module, not a name
                    out.append((sub, None))
                else:
                    out.append((target, a.name))
    return out


def _edges() -> dict[str, set[str]]:
    g: dict[str, set[str]] = {m: set() for m in MODULES}
    for m in MODULES:
        for target, _ in _imports(m):
            t = target
            while t and t not in MODULES:
                t = t.rpartition(".")[0]
            if t and t != m:
                g[m].add(t)
    return g


def _family(mod: str) -> str:
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else ""


def _cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def _is_package_init_of(importer: str, target: str) -> bool:
    # a package's __init__ re-exporting its own submodules is not a cross-module import
    return MODULES[importer].name == "__init__.py" and target.startswith(importer + ".")


def _violations() -> set[tuple[str, ...]]:
    v: set[tuple[str, ...]] = set()
    g = _edges()
    # packages importing their own submodules form no real circle with them
    g_no_init = {m: {t for t in ts if not (m == t.rpartition(".")[0] and MODULES[m].name == "__init__.py")} for m, ts in g.items()}
    for comp in _cycles(g_no_init):
        v.add(("circle", *comp))
    for m in MODULES:
        for target, name in _imports(m):
            if name and name.startswith("_") and not name.startswith("__") and target != m and not _is_package_init_of(m, target):
                v.add(("private", m, f"{target}.{name}"))
        fam = _family(m)
        for t in g[m]:
            tf = _family(t)
            if fam == "tables" and tf in FAMILIES + TOP:
                v.add(("tables-imports-family", m, t))
            if fam in FAMILIES and tf in TOP:
                v.add(("family-imports-top", m, t))
    return v


# No exceptions: every violation is a failure. (While issue 9 was split across branches this
# set listed the violations other branches were fixing; they are all fixed now.)
ALLOWED: set[tuple[str, ...]] = set()
ALLOWED_CONTROL_CHARACTERS: set[str] = set()


def test_modules_parse():
    assert len(MODULES) > 40


def test_no_new_layering_violations():
    found = _violations()
    new = sorted(found - ALLOWED)
    assert not new, "layering violations:\n" + "\n".join(" ".join(x) for x in new)


def test_allowed_list_is_not_stale():
    gone = sorted(ALLOWED - _violations())
    assert not gone, "fixed, remove from ALLOWED:\n" + "\n".join(" ".join(x) for x in gone)


@pytest.mark.parametrize("mod", sorted(set(MODULES) - ALLOWED_CONTROL_CHARACTERS))
def test_no_control_characters_in_docstrings(mod):
    tree = ast.parse(MODULES[mod].read_text(encoding="utf-8"))
    nodes = [tree] + [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    for n in nodes:
        doc = ast.get_docstring(n, clean=False)
        if doc is None:
            continue
        bad = sorted({hex(ord(c)) for c in doc if ord(c) < 32 and c not in "\n\t"})
        assert not bad, f"{mod}:{getattr(n, 'name', '<module>')} docstring has control characters {bad}; use r'''...'''"


# --------------------------------------------------------------------------- issue 22
LOW = ("errors", "productivity", "iomath", "results", "tables")  # below the families


def _layer(mod: str) -> str:
    fam = _family(mod)
    return fam if fam in LOW + FAMILIES else ("top" if fam in TOP else "other")


def test_no_family_imports_the_package_face():
    """``valuechain/__init__.py`` imports the families; a family importing it back (e.g. for
    ``__version__``, now in ``valuechain._version``) would be a circle through the face."""
    g = _edges()
    bad = sorted((m, t) for m in MODULES if _layer(m) in LOW + FAMILIES for t in g[m] if t == PKG)
    assert not bad, bad


def _env_reads(tree: ast.AST) -> list[int]:
    """Lines that read the environment variable VALUECHAIN_DATA (``os.environ[...]``, ``.get``,
    ``getenv``); text that only names it (messages, docstrings) is not a read."""
    reads = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and any(isinstance(a, ast.Constant) and a.value == "VALUECHAIN_DATA" for a in n.args):
            reads.add(n.lineno)
        if isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Constant) and n.slice.value == "VALUECHAIN_DATA":
            reads.add(n.lineno)
    return sorted(reads)


def test_data_folders_are_found_only_in_valuechain_data():
    """Only ``_data.py`` reads VALUECHAIN_DATA or looks for ``shared/data``; the families and
    the containers never import ``_data`` (the folder is passed in by datasets/report/cli)."""
    bad = []
    for m, path in MODULES.items():
        if m == f"{PKG}._data":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if _env_reads(tree):
            bad.append((m, "reads VALUECHAIN_DATA", _env_reads(tree)))
        if _layer(m) in LOW + FAMILIES and any(t == f"{PKG}._data" for t, _ in _imports(m)):
            bad.append((m, "imports valuechain._data"))
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and n.value in ("shared", "shared/data", "../shared/data") and _layer(m) != "top":
                bad.append((m, f"path literal {n.value!r}", n.lineno))  # a path built to the shared folder
    assert not bad, bad


def test_version_has_one_home():
    import tomllib

    from valuechain._version import __version__

    meta = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    # single source: pyproject reads the version from valuechain/_version.py (static, no import)
    assert "version" not in meta["project"] and "version" in meta["project"]["dynamic"]
    assert meta["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "valuechain._version.__version__"}
    assert __version__.count(".") >= 2


# --------------------------------------------------------------------------- results
def _all_classes():
    import importlib
    import inspect

    out = {}
    for m in sorted(MODULES):
        if m.startswith(f"{PKG}.cli") or m == f"{PKG}.__main__":
            continue
        mod = importlib.import_module(m)
        for _, c in inspect.getmembers(mod, inspect.isclass):
            if c.__module__ == m:
                out[f"{m}.{c.__qualname__}"] = c
    return out


def _result_classes():
    from valuechain.results import ResultMixin

    return {k: c for k, c in _all_classes().items() if issubclass(c, ResultMixin) and not c.__name__.endswith("Mixin")}


def test_result_classes_are_discovered():
    found = _result_classes()
    assert len(found) >= 25, sorted(found)  # 25 when issue 22 was written


def _check_signature_ok(fn) -> bool:
    import inspect

    params = list(inspect.signature(fn).parameters.values())[1:]
    return (len(params) == 1 and params[0].name == "rtol" and params[0].kind is inspect.Parameter.KEYWORD_ONLY
            and (params[0].default is None or isinstance(params[0].default, float)))


def test_every_result_follows_the_convention():
    """Walks every subclass of ResultMixin: the base's repr and _repr_html_ (no dataclass repr, no
    own repr), ``check(*, rtol=...)`` and ``identities_hold(*, rtol=...)`` with one signature,
    ``table``, ``flags`` and ``summary``."""
    from valuechain.results import ResultMixin

    bad = []
    for name, c in sorted(_result_classes().items()):
        fields = getattr(c, "__dataclass_fields__", {})
        if c.__repr__ is not ResultMixin.__repr__:
            bad.append((name, "own __repr__ (use the base's: ResultMixin.__repr__)"))
        if c._repr_html_ is not ResultMixin._repr_html_:
            bad.append((name, "own _repr_html_"))
        for meth in ("check", "identities_hold"):
            if not _check_signature_ok(getattr(c, meth)):
                bad.append((name, f"{meth} signature is not (*, rtol=...)"))
        for attr in ("table", "flags"):
            if attr not in fields and not hasattr(c, attr):
                bad.append((name, f"no {attr}"))
        if not callable(getattr(c, "summary", None)):
            bad.append((name, "no summary()"))
    assert not bad, "\n".join(" ".join(b) for b in bad)


def test_every_check_method_in_the_package_has_the_one_signature():
    """Fitters (``ClusterAnalysis.check``) and any other ``check`` take ``(*, rtol=...)`` too."""
    import inspect

    bad = [name for name, c in _all_classes().items()
           if inspect.isfunction(c.__dict__.get("check")) and not _check_signature_ok(c.__dict__["check"])]
    assert not bad, bad


def test_result_reprs_are_short_and_html_is_compact():
    from valuechain.complexity import economic_complexity
    from valuechain.datasets import synthetic_icio, synthetic_panel
    from valuechain.gvc import tiva_indicators
    from valuechain.results import REPR_LINES

    results = [tiva_indicators(synthetic_icio(6, 5, seed=2)),
               economic_complexity(synthetic_panel(n_exporters=10, n_products=30, years=(2000, 2001), seed=1), years=[2001])]
    for r in results:
        text = repr(r)
        assert len(text.splitlines()) <= REPR_LINES, text
        assert "identities hold" in text.splitlines()[-1]
        page = r._repr_html_()
        assert page.count("<tr") <= 12, type(r).__name__  # header + 10 rows at most
    assert len(repr(results[0])) < 1000, repr(results[0])
    assert "synthetic" in repr(results[0]) or not results[0].flags


# --------------------------------------------------------------------------- one place for inverses
_FACTOR_CALLS = {"inv", "pinv", "lu_factor", "lu_solve", "lu", "cho_factor", "cho_solve", "dgesv", "gesv", "splu", "factorized"}


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else (f.id if isinstance(f, ast.Name) else "")


def test_inverses_and_factorisations_only_in_iomath():
    """No module but ``iomath.py`` calls an inverse or a factorisation (``inv``, ``lu_factor``,
    ``lu_solve``, LAPACK ``gesv`` …) or solves against an identity (which forms an inverse)."""
    bad = []
    for m, path in MODULES.items():
        if m == f"{PKG}.iomath":
            continue
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(n, ast.Call):
                continue
            name = _call_name(n)
            if name in _FACTOR_CALLS:
                bad.append((m, n.lineno, name))
            rhs = n.args[1:2] + [k.value for k in n.keywords if k.arg == "b"]
            if name == "solve" and any(isinstance(s, ast.Call) and _call_name(s) in ("eye", "identity")
                                       for a in rhs for s in ast.walk(a)):
                bad.append((m, n.lineno, "solve against the identity"))
    assert not bad, bad


# --------------------------------------------------------------------------- the CLI's root help
def test_root_help_imports_no_family_and_no_pandas():
    """``valuechain --help`` (run in a fresh interpreter) imports no family, no pandas, no numpy
    and not Typer's rich help formatter (the root help is click's plain layout: 0.15-0.18 s of
    CPU, issue 22)."""
    import subprocess
    import sys

    code = ("import sys; sys.argv = ['valuechain', '--help']\n"
            "from valuechain.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('MODULES', ' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('valuechain', 'pandas', 'numpy') or m in ('typer.rich_utils', 'rich.markdown'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(SRC.parent)}).stdout
    loaded = out.split("MODULES", 1)[1].split()
    heavy = [m for m in loaded if m.split(".")[0] in ("pandas", "numpy") or m in ("typer.rich_utils", "rich.markdown")
             or (m.startswith(PKG + ".") and _family(m) in FAMILIES + ("tables", "datasets", "report"))]
    assert not heavy, heavy
    assert "Commands" in out


# --------------------------------------------------------------------------- layout
MAX_MODULES_PER_FOLDER = 16
# report/sections is the section registry's folder: one module per report section (each
# with its load and build halves), one job; it grows by one module per section by design
ALLOWED_BIG_FOLDERS = {"report/sections"}


def _folder_sizes() -> dict[str, int]:
    folders: dict[str, int] = {}
    for p in SRC.rglob("*.py"):
        if p.name != "__init__.py":
            k = str(p.parent.relative_to(SRC))
            folders[k] = folders.get(k, 0) + 1
    return folders


def test_no_folder_holds_more_than_16_modules():
    sizes = _folder_sizes()
    big = {f: n for f, n in sizes.items() if n > MAX_MODULES_PER_FOLDER and f not in ALLOWED_BIG_FOLDERS}
    assert not big, big
    stale = {f for f in ALLOWED_BIG_FOLDERS if sizes.get(f, 0) <= MAX_MODULES_PER_FOLDER}
    assert not stale, f"no longer too big, remove from ALLOWED_BIG_FOLDERS: {stale}"


def test_no_shim_file_at_a_moved_path():
    """Moved modules leave no file behind (a shim defeats git's rename detection); the old
    paths work through valuechain._moved instead."""
    from valuechain._moved import MOVED_MODULES

    left = [old for old in MOVED_MODULES if (SRC.parent / (old.replace(".", "/") + ".py")).exists()
            or (SRC.parent / old.replace(".", "/") / "__init__.py").exists()]
    assert not left, left


def test_flat_api_size():
    import valuechain

    assert len(valuechain.__all__) <= 150


def _mirrored(p: Path) -> bool:
    rel = p.relative_to(SRC)
    stem = p.stem.lstrip("_")
    d = SRC.parents[1] / "tests" / rel.parent
    fam = rel.parts[0] if len(rel.parts) > 1 else ""
    return (d / f"test_{stem}.py").exists() or bool(fam and (d / f"test_{fam}_{stem}.py").exists())


# the goal of issue 22 (0.80) is reached (129 of 161 modules); the ratio may only go up (raise this floor as tests are added)
MIRROR_FLOOR = 0.80


def test_tests_mirror_src():
    """``src/valuechain/<family>/<module>.py`` is tested in ``tests/<family>/test_<module>.py``
    (or ``test_<family>_<module>.py`` where the basename would clash)."""
    mods = [p for p in SRC.rglob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    have = [p for p in mods if _mirrored(p)]
    ratio = len(have) / len(mods)
    missing = sorted(str(p.relative_to(SRC)) for p in mods if not _mirrored(p))
    assert ratio >= MIRROR_FLOOR, f"{ratio:.0%} of modules mirrored; missing: {missing}"


#: public dataclasses holding tables that are NOT results and keep the generated repr: the inputs
#: a report section's load half hands to its build half (never returned to a user)
_REPR_EXEMPT_SUFFIXES = ("Inputs", "Regionalization")


def test_every_public_class_holding_tables_has_a_short_repr():
    """A public dataclass with a DataFrame, Series, array or engine-table field is a result of the
    convention (ResultMixin) or writes its own short ``__repr__``: the generated one prints every
    table (PanelComplexity, GVCSystem, TradeFlows and RegionalEmployment once did)."""
    import dataclasses

    from valuechain.results import ResultMixin

    heavy = ("DataFrame", "Series", "ndarray", "Table", "list[Path]")
    bad = []
    for name, c in sorted(_all_classes().items()):
        if not dataclasses.is_dataclass(c) or issubclass(c, ResultMixin) or c.__name__.endswith(_REPR_EXEMPT_SUFFIXES):
            continue
        if any(f.repr and any(h in str(f.type) for h in heavy) for f in dataclasses.fields(c)):
            # dataclass's generated __repr__ is wrapped by reprlib's recursion guard (``__wrapped__``)
            own = c.__dict__.get("__repr__")
            if own is None or hasattr(own, "__wrapped__"):
                bad.append(name)
    assert not bad, bad
