"""A minimal headless-Chromium driver over the DevTools protocol (``--remote-debugging-pipe``).

No extra dependency: Chromium reads JSON commands from file descriptor 3 and writes
replies/events to descriptor 4, each message terminated by a NUL byte.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


class Browser:
    def __init__(self, exe: str):
        self.profile = tempfile.mkdtemp(prefix="vc-chromium-")
        r_ours, w_chrome = os.pipe()  # chrome writes on its fd 4 -> we read
        r_chrome, w_ours = os.pipe()  # we write -> chrome reads on its fd 3

        def _fds():  # in the child: chrome's pipe ends become fds 3 and 4
            a, b = os.dup(r_chrome), os.dup(w_chrome)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [exe, "--headless", "--disable-gpu", "--no-sandbox", "--remote-debugging-pipe", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=_fds, close_fds=False,
        )
        os.close(r_chrome)
        os.close(w_chrome)
        self.rfd, self.wfd = r_ours, w_ours
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []

    def _read_msg(self, timeout: float) -> dict:
        import select

        end = time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message from chromium")
            ready, _, _ = select.select([self.rfd], [], [], left)
            if ready:
                chunk = os.read(self.rfd, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        m = json.loads(msg)
        if m.get("method") == "Page.javascriptDialogOpening":  # dismiss alert() etc. so the page goes on
            self._id += 1
            cmd = {"id": self._id, "method": "Page.handleJavaScriptDialog", "params": {"accept": False},
                   "sessionId": m.get("sessionId")}
            os.write(self.wfd, json.dumps(cmd).encode() + b"\0")
        return m

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        self._id += 1
        mid = self._id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.wfd, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read_msg(timeout)
            if m.get("id") == mid:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                self.events.append(self._read_msg(max(0.01, end - time.monotonic())))
            except TimeoutError:
                return

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        for e in self.events:
            if e.get("method") == method:
                return e
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            m = self._read_msg(end - time.monotonic())
            self.events.append(m)
            if m.get("method") == method:
                return m
        raise TimeoutError(method)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        for fd in (self.rfd, self.wfd):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


def inspect_page(html_path: Path, screenshot: Path | None = None, *, width: int = 1200,
                 section_shots: Path | None = None) -> dict:
    """Open ``html_path``; return console messages, exceptions, dialogs, network requests, figure sizes.

    ``section_shots``: a folder that receives one screenshot per ``<section>`` of the page
    (``<id>.png``, clipped to the section, at most 12,000 px tall each); their paths are in
    ``info["section_shots"]``.
    """
    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium not found")
    b = Browser(exe)
    try:
        target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        sid = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for dom in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            b.send(dom, session=sid)
        b.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=sid)
        b.send("Page.navigate", {"url": html_path.resolve().as_uri()}, session=sid)
        b.wait_event("Page.loadEventFired", timeout=60)
        b.pump(1.0)
        js = """(() => {
          const figs = Array.from(document.querySelectorAll('figure'));
          return JSON.stringify({
            n_figures: figs.length,
            figures: figs.map(f => { const s = f.querySelector('svg'); if (!s) return {id: f.id, w: 0, h: 0, marks: 0};
              const r = s.getBoundingClientRect(); const bb = s.getBBox();
              return {id: f.id, w: r.width, h: r.height, bbw: bb.width, bbh: bb.height,
                      marks: s.querySelectorAll('path, rect, line, circle, text').length}; }),
            scripts: document.querySelectorAll('script').length,
            sections: Array.from(document.querySelectorAll('section[id]')).map(e => {
              const r = e.getBoundingClientRect();
              return {id: e.id, y: r.top + window.scrollY, h: r.height}; }),
            headers: Array.from(document.querySelectorAll('thead th')).map(e => e.innerText),
            text: document.body.innerText,
          });
        })()"""
        res = b.send("Runtime.evaluate", {"expression": js, "returnByValue": True}, session=sid)
        info = json.loads(res["result"]["value"])
        if screenshot is not None:
            h = b.send("Runtime.evaluate", {"expression": "document.documentElement.scrollHeight", "returnByValue": True}, session=sid)
            height = int(min(max(h["result"]["value"], 900), 16000))
            b.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=sid)
            shot = b.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=sid, timeout=60)
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
        info["section_shots"] = []
        if section_shots is not None:
            section_shots.mkdir(parents=True, exist_ok=True)
            h = b.send("Runtime.evaluate", {"expression": "document.documentElement.scrollHeight", "returnByValue": True}, session=sid)
            b.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=sid)
            for sec in info["sections"]:
                clip = {"x": 0, "y": sec["y"], "width": width, "height": max(1, min(sec["h"], 12000)), "scale": 1}
                shot = b.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip},
                              session=sid, timeout=60)
                out = section_shots / f"{sec['id']}.png"
                out.write_bytes(base64.b64decode(shot["data"]))
                info["section_shots"].append(out)
        b.pump(0.3)
        ev = b.events
        info["console"] = [e["params"] for e in ev if e.get("method") == "Runtime.consoleAPICalled"]
        info["log"] = [e["params"]["entry"] for e in ev if e.get("method") == "Log.entryAdded"]
        info["exceptions"] = [e["params"] for e in ev if e.get("method") == "Runtime.exceptionThrown"]
        info["dialogs"] = [e["params"] for e in ev if e.get("method") == "Page.javascriptDialogOpening"]
        info["requests"] = [e["params"]["request"]["url"] for e in ev if e.get("method") == "Network.requestWillBeSent"]
        return info
    finally:
        b.close()
