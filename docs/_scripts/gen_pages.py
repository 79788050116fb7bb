"""Generated pages of the site (mkdocs-gen-files runs this at every build):

* ``reference/<group>/<name>.md`` for EVERY name in the live ``valuechain.__all__`` (never a
  hand-written list) and ``reference/index.md`` listing them with their one-line summaries;
* ``gallery/*.md``: worked examples executed now, on the real data (``../shared/data`` or
  ``$VALUECHAIN_DATA``): the Western Australia study and the Kazakhstan study are run with the
  installed CLI and each family's page shows the command and the tables it wrote.
  A failing example fails the build.
"""

from __future__ import annotations

import html
import inspect
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mkdocs_gen_files
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from refmap import reference_map  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = {name: ident for name, (_, ident) in reference_map().items()}


def _summary(obj) -> str:
    doc = inspect.getdoc(obj) or ""
    first = doc.strip().split("\n\n")[0].replace("\n", " ")
    return html.escape(first[:160]).replace("|", "\\|") if first else ""


def write_reference() -> None:
    import valuechain

    groups: dict[str, list[str]] = {}
    for name, (group, ident) in reference_map().items():
        groups.setdefault(group, []).append(name)
        with mkdocs_gen_files.open(f"reference/{group}/{name}.md", "w") as fh:
            fh.write(f"::: {ident}\n")
    with mkdocs_gen_files.open("reference/index.md", "w") as fh:
        fh.write("# API reference\n\nOne page per public name of `valuechain` (the flat API: "
                 f"`valuechain.<name>`), {sum(map(len, groups.values()))} names, generated from "
                 "`valuechain.__all__` at build time.\n\n")
        for group in sorted(groups):
            fh.write(f"## {group}\n\n| name | summary |\n|---|---|\n")
            for name in groups[group]:
                obj = getattr(valuechain, name)
                fh.write(f"| [`{name}`]({group}/{name}.md) | {_summary(obj) if callable(obj) or isinstance(obj, type) else ''} |\n")
            fh.write("\n")


# ----------------------------------------------------------------------------- the gallery
STUDIES = {
    "wa": ("Western Australia", ["report", "examples/western_australia.toml"]),
    "kz": ("Kazakhstan", ["demo", "--example", "kazakhstan"]),
}
#: the study files (their [section] source / unit / year keys are quoted on the pages)
STUDY_FILES = {"wa": ROOT / "examples" / "western_australia.toml", "kz": ROOT / "src" / "valuechain" / "data" / "demo_kazakhstan.toml"}


def _sources(key: str) -> str:
    """The data sources, units and years the study file declares, as a Markdown list."""
    import tomllib

    doc = tomllib.loads(STUDY_FILES[key].read_text(encoding="utf-8"))
    lines = []
    for section, body in doc.items():
        if not isinstance(body, dict) or "source" not in body:
            continue
        bits = [str(body["source"])]
        for k in ("unit", "year"):
            if k in body:
                bits.append(f"{k}: {body[k]}")
        lines.append(f"- `[{section}]` " + html.escape("; ".join(bits)))
    return "\n".join(lines)
PAGES = [
    ("tables", "Input-output tables: multipliers and key sectors",
     "National output multipliers and Rasmussen-Hirschman key sectors of the ABS 19-division table "
     "(Western Australia study) and of Kazakhstan's 50-industry 2022 table (OECD ICIO extract).",
     [("wa", "national_multipliers.csv"), ("wa", "national_key_sectors.csv"), ("kz", "national_key_sectors.csv")]),
    ("regional", "Regionalization with location quotients",
     "FLQ regionalization of the national table for Western Australia from 2021 Census employment, "
     "and the two-region model.",
     [("wa", "regional_location_quotients.csv"), ("wa", "regional_multipliers.csv"), ("wa", "regional_two_region.csv")]),
    ("clusters", "Industrial clusters", "Factor analysis of the regional linkage matrix (Feser, Sweeney and Renski 2005).",
     [("wa", "clusters_regional_factors.csv"), ("wa", "clusters_regional_members.csv")]),
    ("impact", "Impact analysis", "An illustrative (invented) mine expansion in Western Australia with Monte Carlo bands.",
     [("wa", "impact_effects.csv"), ("wa", "impact_multiplier_bands.csv")]),
    ("trade", "Trade outcomes", "Kazakhstan's exports from BACI: totals, concentration and margins.",
     [("kz", "trade_exports_by_year.csv"), ("kz", "trade_concentration.csv"), ("kz", "trade_margins.csv")]),
    ("complexity", "Complexity, opportunities and survival",
     "Product-space opportunities and export survival for Kazakhstan (BACI BRICS+ panel).",
     [("kz", "opportunities_top.csv"), ("kz", "survival_sector_medians.csv")]),
    ("gvc", "Global value chains", "GVC position of Kazakhstan's industries and peers (OECD ICIO 2025 extract).",
     [("kz", "gvc_position_industries.csv"), ("kz", "gvc_position_peers.csv")]),
]


def _md_table(df: pd.DataFrame, rows: int = 12) -> str:
    def cell(v) -> str:
        if isinstance(v, float):
            return "" if v != v else f"{v:.4g}"
        return html.escape(str(v)).replace("|", "\\|").replace("\n", " ")

    head = df.head(rows)
    out = ["| " + " | ".join(cell(c) for c in head.columns) + " |", "|" + "---|" * len(head.columns)]
    out += ["| " + " | ".join(cell(v) for v in r) + " |" for r in head.itertuples(index=False)]
    more = f"\n\n*{len(df)} rows; the first {rows} shown.*" if len(df) > rows else ""
    return "\n".join(out) + more


def run_studies(work: Path) -> dict[str, tuple[Path, float, str]]:
    done = {}
    env = dict(os.environ)
    env.pop("VALUECHAIN_DEBUG", None)
    for key, (title, argv) in STUDIES.items():
        out = work / key
        if (out / "data").is_dir():  # a reused folder (VALUECHAIN_GALLERY_DIR, local iteration)
            done[key] = (out, 0.0, "reused")
            continue
        cmd = [sys.executable, "-m", "valuechain", *argv, "-o", str(out), "-q", "--no-png"]
        t0 = time.perf_counter()
        res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if res.returncode != 0:
            raise RuntimeError(f"gallery: {' '.join(cmd[2:])} failed ({res.returncode}):\n{res.stdout}\n{res.stderr}")
        done[key] = (out, time.perf_counter() - t0, "run now")
    return done


def write_gallery() -> None:
    fixed = os.environ.get("VALUECHAIN_GALLERY_DIR")
    work = Path(fixed) if fixed else Path(tempfile.mkdtemp(prefix="valuechain-gallery-"))
    done = run_studies(work)
    with mkdocs_gen_files.open("gallery/index.md", "w") as fh:
        fh.write("# Gallery: worked examples on the real data\n\nEvery table on these pages was computed while this "
                 "site was built, by the commands shown, on the public data in `../shared/data` (see each "
                 "folder's PROVENANCE.md; `valuechain data list`).\n\n")
        for key, (title, argv) in STUDIES.items():
            out, secs, how = done[key]
            fh.write(f"- **{title}**: `valuechain {' '.join(argv)} -o OUT` ({how}"
                     + (f", {secs:.0f} s" if secs else "") + ")\n")
        fh.write("\n| family | page |\n|---|---|\n")
        for slug, title, _, _ in PAGES:
            fh.write(f"| {slug} | [{title}]({slug}.md) |\n")
    for slug, title, text, tables in PAGES:
        with mkdocs_gen_files.open(f"gallery/{slug}.md", "w") as fh:
            fh.write(f"# {title}\n\n{text}\n\n")
            for key in dict.fromkeys(k for k, _ in tables):
                t, argv = STUDIES[key]
                fh.write(f"**{t}** — executed at build time:\n\n```bash\nvaluechain {' '.join(argv)} -o out\n```\n\n"
                         f"Data (as the study file declares them; values in these units):\n\n{_sources(key)}\n\n")
            for key, name in tables:
                f = done[key][0] / "data" / name
                if not f.exists():
                    raise RuntimeError(f"gallery: {STUDIES[key][0]} did not write data/{name}")
                fh.write(f"## {STUDIES[key][0]}: `{name}`\n\n{_md_table(pd.read_csv(f))}\n\n")


write_reference()
write_gallery()
