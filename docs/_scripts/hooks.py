"""MkDocs hooks: formulas rendered to MathML at build time (latex2mathml), so the pages need
no JavaScript and no network to show them; guides get links to the API reference."""

from __future__ import annotations

import html
import logging
import re

log = logging.getLogger("mkdocs.hooks.valuechain")
_BLOCK = re.compile(r'<div class="arithmatex">\s*\\\[(.*?)\\\]\s*</div>', re.S)
_INLINE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
FAILED: list[str] = []


def _mathml(tex: str, display: str) -> str:
    from latex2mathml.converter import convert

    src = html.unescape(tex).strip()
    try:
        return convert(src, display=display)
    except Exception as exc:  # noqa: BLE001 - show the TeX rather than lose the formula
        FAILED.append(src)
        log.info("formula not converted (%s): %s", type(exc).__name__, src[:80])
        return f"<code>{html.escape(src)}</code>"


def on_page_content(html_text, page, config, files):
    html_text = _BLOCK.sub(lambda m: f'<div class="math">{_mathml(m.group(1), "block")}</div>', html_text)
    return _INLINE.sub(lambda m: _mathml(m.group(1), "inline"), html_text)


_REF: dict[str, str] = {}


def _reference() -> dict[str, str]:
    if not _REF:
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).parent))
        from refmap import reference_map

        _REF.update({n: ident for n, (_, ident) in reference_map().items()})
    return _REF


_CODE = re.compile(r"(?<![\[`])`(valuechain\.)?([A-Za-z_][A-Za-z0-9_]*)(\(\))?`(?![\]`])")


def on_page_markdown(markdown, page, config, files):
    """In the guides, a public name in backticks links to its reference page."""
    if not page.file.src_uri.startswith(("reference/", "gallery/")):
        REFERENCE = _reference()

        def link(m):
            name = m.group(2)
            if name in REFERENCE:
                return f"[`{m.group(0)[1:-1]}`][{REFERENCE[name]}]"
            return m.group(0)

        # not inside fenced code blocks
        parts = re.split(r"(```.*?```)", markdown, flags=re.S)
        markdown = "".join(p if p.startswith("```") else _CODE.sub(link, p) for p in parts)
    return markdown
