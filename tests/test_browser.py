"""The report and the render in a real browser: Debian's headless chromium.

The test starts chromium itself and drives it over the DevTools protocol on a
pipe (``--remote-debugging-pipe``: JSON messages ending in NUL on file
descriptors 3 and 4), so no port, no extra package and no network are
involved. Each page is opened in a fresh tab; the test collects uncaught
JavaScript exceptions, console and log errors, and every request the page
makes, then saves a full-page screenshot into a temporary folder. Without
chromium every test here skips, saying so.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
    # The network off: every request goes to a proxy that is not there (loopback too), so a page
    # that needed anything from outside would show it missing; the requests are still recorded.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
# Not a timing threshold: only a guard so that a hung browser fails the test instead of the whole run.
REPLY_DEADLINE_S = 120
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not found (Debian: apt-get install chromium; .ci/run installs it as root)"
)


class BrowserError(RuntimeError):
    """The browser answered a command with an error, or stopped answering."""


@dataclass
class PageVisit:
    """What one page did in the browser."""

    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def remote_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]


class Chromium:
    """A headless chromium driven over the DevTools pipe."""

    def __init__(self, executable: str, profile: Path, log: Path) -> None:
        cmd_read, self._cmd_write = os.pipe()
        self._out_read, out_write = os.pipe()

        def to_fds_3_and_4() -> None:  # in the child: chromium reads commands on 3 and writes on 4
            cmd = fcntl.fcntl(cmd_read, fcntl.F_DUPFD, 10)
            out = fcntl.fcntl(out_write, fcntl.F_DUPFD, 10)
            os.dup2(cmd, 3)
            os.dup2(out, 4)

        self._log = open(log, "wb")  # noqa: SIM115  (closed in close())
        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            preexec_fn=to_fds_3_and_4,
            close_fds=False,
        )
        os.close(cmd_read)
        os.close(out_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Sends one command and returns its result; events that arrive meanwhile are kept."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._cmd_write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, session: str, method: str, **params: str) -> dict:
        """Waits for an event of ``method`` from ``session`` whose params include ``params``."""

        def matches(event: dict) -> bool:
            got = event.get("params", {})
            return (
                event.get("method") == method
                and event.get("sessionId") == session
                and all(got.get(k) == v for k, v in params.items())
            )

        for event in self.events:
            if matches(event):
                return event
        while True:
            event = self._read()
            self.events.append(event)
            if matches(event):
                return event

    def _read(self) -> dict:
        deadline = time.monotonic() + REPLY_DEADLINE_S
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._out_read], [], [], max(left, 0))
            if not ready:
                raise BrowserError(f"chromium gave no answer in {REPLY_DEADLINE_S} s")
            chunk = os.read(self._out_read, 1 << 16)
            if not chunk:
                raise BrowserError(f"chromium closed the DevTools pipe (exit code {self.proc.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    @contextmanager
    def tab(self, path: Path, *, domains: tuple[str, ...] = (), width: int = 1100) -> Iterator[str]:
        """A new tab with ``path`` loaded (``domains`` enabled before it loads); yields its session id."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            for domain in ("Page", *domains):
                self.send(f"{domain}.enable", session=session)
            self.send("Page.setLifecycleEventsEnabled", {"enabled": True}, session=session)
            self.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )
            self.events = [e for e in self.events if e.get("sessionId") != session]
            navigation = self.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
            if "errorText" in navigation:
                raise BrowserError(f"cannot open {path}: {navigation['errorText']}")
            # The load event of this navigation (not of the blank page the tab began with).
            self.wait_for(session, "Page.lifecycleEvent", name="load", loaderId=navigation["loaderId"])
            yield session
        finally:
            self.send("Target.closeTarget", {"targetId": target})

    def visit(self, path: Path, screenshot: Path, width: int = 1100) -> PageVisit:
        """Opens ``path`` in a new tab, records errors and requests, saves a full-page screenshot."""
        with self.tab(path, domains=("Runtime", "Log", "Network"), width=width) as session:
            # A round trip after the load event: events the page sent before it are in by now.
            self.evaluate("document.readyState", session)
            visit = PageVisit(path.resolve().as_uri())
            for event in self.events:
                if event.get("sessionId") != session:
                    continue
                method, params = event.get("method"), event.get("params", {})
                if method == "Runtime.exceptionThrown":
                    details = params["exceptionDetails"]
                    visit.errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
                elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                    visit.errors.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
                elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                    visit.errors.append("log: " + params["entry"]["text"])
                elif method == "Network.requestWillBeSent":
                    visit.requests.append(params["request"]["url"])
            metrics = self.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
            clip = {"x": 0, "y": 0, "width": width, "height": min(metrics["height"], 8000), "scale": 1}
            shot = self.send(
                "Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True}, session=session
            )
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            visit.screenshot = screenshot
            return visit

    def evaluate(self, expression: str, session: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._cmd_write, self._out_read):
            os.close(fd)
        self._log.close()


@pytest.fixture(scope="module")
def browser():
    with tempfile.TemporaryDirectory(prefix="chromium-test-") as tmp:
        chromium = Chromium(CHROMIUM, Path(tmp) / "profile", Path(tmp) / "chromium.log")
        try:
            chromium.send("Browser.getVersion")
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory, seed_tables, seed_text, nlp):
    """The pages to open: the seed's report, an empty run's report, the seed's render with hostile text."""
    import pipeline
    from pipeline.report import empty_tables, write_report

    root = tmp_path_factory.mktemp("pages")
    seed_out, empty_out = root / "seed", root / "empty"
    seed_tables.write(seed_out, formats=("parquet",))
    empty_tables().write(empty_out, formats=("csv",))
    hostile = seed_text + '\n<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    rendered = pipeline.render(hostile, nlp=nlp, title="<b>seed</b>")
    return {
        "seed report": write_report(seed_out),
        "empty report": write_report(empty_out),
        "seed render": rendered.save(root / "render.html"),
        "n_mentions": len(pipeline.extract_text(hostile, nlp=nlp)),
    }


@pytest.mark.parametrize("page", ["seed report", "empty report", "seed render"])
def test_browser_opens_page_without_errors_or_network(browser, pages, tmp_path, page):
    visit = browser.visit(pages[page], tmp_path / f"{page.replace(' ', '-')}.png")
    assert visit.errors == []
    assert visit.remote_requests == []
    assert visit.requests and visit.requests[0].startswith("file:")
    data = visit.screenshot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000


CHARTS_IN_FILE = object()
MAP_TOOLTIP = "/^Venezuela \\(VE\\): \\d+ mentions$/.test(document.querySelector('figure.map g.ve title').textContent)"
# The world map is laid out and shaded: Venezuela (mentioned) has a box on screen and another fill
# than France (not mentioned), and the map is wider than half the page.
MAP_DRAWN = """(() => {
  const ve = document.querySelector('figure.map g.ve path'), fr = document.querySelector('figure.map g.fr path');
  const box = ve.getBoundingClientRect(), map = document.querySelector('figure.map svg').getBoundingClientRect();
  return box.width > 0 && box.height > 0 && map.width > window.innerWidth / 2
    && getComputedStyle(ve).fill !== getComputedStyle(fr).fill;
})()"""


@pytest.mark.parametrize(
    ("page", "expression", "expected"),
    [
        ("seed report", "document.querySelectorAll('figure.chart:not(.map) > svg').length", CHARTS_IN_FILE),
        ("seed report", "document.querySelector('#people table').innerText.includes('Nicolás Maduro')", True),
        ("seed report", "document.querySelector('#countries svg').textContent.includes('Venezuela (VE)')", True),
        ("empty report", "document.body.innerText.includes('This run has no documents')", True),
        ("empty report", "document.querySelectorAll('figure.chart svg').length", 0),
        ("seed report", "document.title", "Entities in corpus"),
        ("seed report", "document.querySelectorAll('figure.map svg .country').length > 150", True),
        ("seed report", MAP_DRAWN, True),
        ("seed report", MAP_TOOLTIP, True),
        ("seed render", "typeof window.__pwned", "undefined"),
        ("seed render", "document.querySelectorAll('script, img').length", 0),
        ("seed render", "document.querySelector('h2').textContent", "<b>seed</b>"),
    ],
    ids=[
        "report-charts",
        "report-people",
        "report-countries",
        "report-title",
        "map-countries",
        "map-drawn",
        "map-tooltip",
        "empty-note",
        "empty-no-charts",
        "render-no-script-ran",
        "render-no-injected-tags",
        "render-title-escaped",
    ],
)
def test_browser_page_content(browser, pages, page, expression, expected):
    if expected is CHARTS_IN_FILE:  # every chart the report holds is drawn (at least labels, people, countries, dates)
        expected = Path(pages[page]).read_text(encoding="utf-8").count('<figure class="chart"><svg')
        assert expected >= 4
    with browser.tab(pages[page]) as session:
        assert browser.evaluate(expression, session) == expected


def test_browser_render_shows_one_mark_per_mention(browser, pages):
    with browser.tab(pages["seed render"]) as session:
        assert browser.evaluate("document.querySelectorAll('mark.entity').length", session) == pages["n_mentions"]


# Counter-examples: the harness itself must see an error and a request when a page makes them.
@pytest.mark.parametrize(
    ("markup", "what"),
    [
        ("<script>throw new Error('boom')</script>", "errors"),
        ("<script>console.error('bad')</script>", "errors"),
        ("<script>undefinedFunction()</script>", "errors"),
        ('<img src="http://127.0.0.1:9/pixel.png">', "remote_requests"),
    ],
    ids=["thrown", "console-error", "reference-error", "remote-image"],
)
def test_browser_harness_catches_what_a_page_does_wrong(browser, tmp_path, markup, what):
    page = tmp_path / "bad.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>x</p>{markup}</body></html>", encoding="utf-8"
    )
    visit = browser.visit(page, tmp_path / "bad.png")
    assert getattr(visit, what), visit
