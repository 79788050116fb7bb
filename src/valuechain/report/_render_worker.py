"""Render Vega-Lite specs to SVG and PNG with vl-convert, in this process or in a helper process.

:func:`render_spec` is the one rendering path of the report's figures: the SVG from the
spec, the PNG rasterized from that SVG (``vl_convert.svg_to_png``, the same bytes as
``vegalite_to_png`` on the spec, without running Vega a second time).

vl-convert holds the GIL while it renders, so a thread cannot render while the report is
computed; :class:`valuechain.report.figures.FigureRenderer` runs this file as a helper
process instead (``python -c`` on its text: it imports only the standard library and
vl-convert, nothing of valuechain). The protocol on the pipes: one JSON line per job in
(``{"id", "spec", "png", "scale"}``, ``spec`` a JSON string); per job out, one JSON header
line (``{"id", "svg", "png", "error"}``, the byte lengths of the SVG and the PNG) and then
the UTF-8 SVG and the PNG bytes. A job that fails answers its error; the caller renders
that figure again in its own process, so the error it raises is vl-convert's own.
"""

from __future__ import annotations

import json
import sys

__all__ = ["render_spec", "serve"]


def render_spec(spec, *, png: bool = True, scale: float = 2.0) -> tuple[str, bytes]:
    """(SVG text, PNG bytes or ``b""``) of a Vega-Lite ``spec`` (a dict or its JSON text)."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec)
    return svg, (vlc.svg_to_png(svg, scale=scale) if png else b"")


def serve(inp, out) -> None:
    """Answer the jobs read from the binary stream ``inp`` on the binary stream ``out`` until ``inp`` ends."""
    for line in inp:
        if not line.strip():
            continue
        job = json.loads(line)
        try:
            svg, png = render_spec(job["spec"], png=bool(job.get("png", True)), scale=float(job.get("scale", 2.0)))
            sb, err = svg.encode("utf-8"), None
        except Exception as exc:  # reported to the caller, which renders the figure again itself
            sb, png, err = b"", b"", f"{type(exc).__name__}: {exc}"
        head = {"id": job["id"], "svg": len(sb), "png": len(png), "error": err}
        out.write(json.dumps(head).encode("ascii") + b"\n")
        out.write(sb)
        out.write(png)
        out.flush()


if __name__ == "__main__":
    try:
        serve(sys.stdin.buffer, sys.stdout.buffer)
    except (KeyboardInterrupt, BrokenPipeError):  # the caller went away (Ctrl-C): stop quietly
        pass
