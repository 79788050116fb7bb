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
from valuechain._reexport import reexport

ROOT = Path(__file__).resolve().parents[1]
LITERAL = ("tables", "leontief", "regional", "clusters", "trade", "datasets")


@pytest.mark.parametrize("fam", LITERAL)
def test_family_all_is_a_literal_list_of_names_that_resolve(fam):
    tree = ast.parse((ROOT / "src" / "valuechain" / fam / "__init__.py").read_text(encoding="utf-8"))
    assigns = [n for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
               and any(getattr(t, "id", None) == "__all__" for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
    assert len(assigns) == 1 and isinstance(assigns[0].value, ast.List)
    names = [e.value for e in assigns[0].value.elts]
    assert all(isinstance(n, str) for n in names) and len(set(names)) == len(names)
    mod = importlib.import_module(f"valuechain.{fam}")
    assert names == list(mod.__all__)
    for n in names:
        assert getattr(mod, n) is not None


def test_reexport_raises_for_a_missing_submodule():
    with pytest.raises(ImportError):
        reexport("valuechain.gvc", ("no_such_module",), {})


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
    mod = importlib.import_module(module)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert hasattr(mod, name) or importlib.util.find_spec(f"{module}.{name}") is not None, f"{doc}: {module}.{name}"
