"""The curated public API: literal ``__all__`` per family, plumbing out of the flat API,
``valuechain.datasets``, and every import written in README.md and docs/ still works."""

from __future__ import annotations

import ast
import importlib
import re
import warnings
from pathlib import Path

import pytest

import valuechain as vc

ROOT = Path(__file__).resolve().parents[1]
LITERAL = ("tables", "tables.trade", "leontief", "regional", "clusters", "gvc", "trade", "complexity", "survival",
           "report", "datasets")
MAX_API = 150


@pytest.mark.parametrize("fam", LITERAL)
def test_family_all_is_a_literal_list_of_names_that_resolve(fam):
    tree = ast.parse((ROOT / "src" / "valuechain" / fam.replace(".", "/") / "__init__.py").read_text(encoding="utf-8"))
    assigns = [n for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
               and any(getattr(t, "id", None) == "__all__" for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
    assert len(assigns) == 1 and isinstance(assigns[0].value, ast.List)
    names = [e.value for e in assigns[0].value.elts]
    assert all(isinstance(n, str) for n in names) and len(set(names)) == len(names)
    mod = importlib.import_module(f"valuechain.{fam}")
    assert names == list(mod.__all__)
    for n in names:
        assert getattr(mod, n) is not None


def test_flat_api_is_a_curated_literal_list_of_at_most_150_names():
    tree = ast.parse((ROOT / "src" / "valuechain" / "__init__.py").read_text(encoding="utf-8"))
    assigns = [n for n in tree.body if isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in n.targets)]
    assert len(assigns) == 1 and isinstance(assigns[0].value, ast.List)
    names = [e.value for e in assigns[0].value.elts]
    assert names == vc.__all__ and len(names) <= MAX_API
    import valuechain.errors as errors

    public = {n for fam in LITERAL for n in importlib.import_module(f"valuechain.{fam}").__all__} | set(errors.__all__)
    assert not set(names) - public  # every flat name is public in its family (or an error class)


def test_gvc_and_report_do_not_reexport_their_plumbing():
    import valuechain.gvc as gvc
    import valuechain.report as report

    for pkg, plumbing in ((gvc, ("GVCSystem", "offdiag_apply", "LEVELS", "global_leontief_inverse")),
                          (report, ("sanitize_svg", "render_html", "write_workbook"))):
        for n in plumbing:
            assert n not in pkg.__all__
            with pytest.warns(DeprecationWarning, match="is plumbing"):
                getattr(pkg, n)
    with pytest.raises(AttributeError):
        gvc.no_such_name  # noqa: B018


def test_plumbing_is_out_of_the_flat_api_but_still_works():
    for name in ("backend_of", "sanitize_svg", "Unavailable", "EAST_KAZAKHSTAN", "register_frame"):
        assert name not in vc.__all__
    assert "kazakhstan_table" in importlib.import_module("valuechain.datasets").__all__
    with pytest.warns(DeprecationWarning, match="not part of the public API"):
        vc.backend_of  # noqa: B018
    from valuechain.regional import EAST_KAZAKHSTAN, kazakhstan_table  # noqa: F401  old paths
    from valuechain.trade import backend_of, synthetic_panel  # noqa: F401


def test_flat_api_has_no_duplicates_and_resolves():
    names = vc.__all__
    assert len(names) == len(set(names))
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        for n in names:
            getattr(vc, n)


def _doc_imports():
    out = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"^\s*from (valuechain[\w.]*) import (\([^)]*\)|[^\n#;]+)", text, flags=re.M):
            for item in m.group(2).strip("() \n").split(","):
                name = item.split(" as ")[0].strip()
                if re.fullmatch(r"[A-Za-z_]\w*", name):
                    out.append((path.name, m.group(1), name))
        for m in re.finditer(r"\bvc\.([A-Za-z]\w*)\(", text):
            out.append((path.name, "valuechain", m.group(1)))
    return sorted(set(out))


@pytest.mark.parametrize("doc,module,name", _doc_imports())
def test_every_documented_name_still_works(doc, module, name):
    """... and is not deprecated: the docs show the curated API and the families' public names."""
    mod = importlib.import_module(module)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert hasattr(mod, name) or importlib.util.find_spec(f"{module}.{name}") is not None, f"{doc}: {module}.{name}"
