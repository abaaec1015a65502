"""What a reader's browser downloads and when it paints: the built site's pages in Chromium.

For each page it prints the requests, the bytes by type, the font files
(and how many of them hold Han characters), and the first and largest
contentful paint under a slow-4G profile: 1.6 Mbps down, 750 kbps up,
150 ms round trip, the CPU slowed 4x, the browser cache off, a 390 px
wide window. Each page is loaded in two browsers:

- "system CJK": Chromium as installed here, with Debian's Noto Sans CJK, as a
  reader whose system has a Chinese font (every phone and desktop sold in
  Taiwan: PingFang TC, Microsoft JhengHei, Noto Sans CJK TC);
- "no CJK font": the same browser told by fontconfig to ignore every font
  with Chinese in it, so the site's own Han font is all there is: the
  heaviest case, and the one the font budget is measured on.

Bytes are what travelled on the wire. The site is served by a local server
that compresses text the way static hosts do (gzip for HTML, CSS, JS, JSON
and SVG; fonts and pictures as they are); `--no-gzip` sends everything as is.
The paint times are medians of `--repeat` loads. This is a benchmark:
nothing here is asserted; the README's table is one run of it.

    .venv/bin/python bench/pages.py [--site site] [--repeat 3] [--page PATH ...]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
VIEWPORT = {"width": 390, "height": 844}
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
SETTLE_MS = 1500  # after the load event: what the page still fetches (fonts, lazy scripts)

PAINTS = """() => new Promise(resolve => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  let lcp = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) lcp = e.startTime; })
    .observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve({fcp: fcp ? fcp.startTime : 0, lcp: lcp,
                            load: performance.getEntriesByType("navigation")[0].loadEventStart}), 50);
})"""


@dataclass
class Load:
    requests: int = 0
    bytes_by_type: Counter = field(default_factory=Counter)
    fonts: list = field(default_factory=list)  # (url, bytes)
    urls: list = field(default_factory=list)
    fcp: float = 0.0
    lcp: float = 0.0
    load: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.bytes_by_type.values())

    @property
    def han_fonts(self) -> list:
        return [(url, size) for url, size in self.fonts if "noto-sans-tc" in url.rsplit("/", 1)[-1]]


class _Handler(http.server.SimpleHTTPRequestHandler):
    gzip_text = True

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (
            self.gzip_text
            and path.suffix in COMPRESSED
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def serve(folder: Path, gzip_text: bool):
    handler = functools.partial(type("H", (_Handler,), {"gzip_text": gzip_text}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def fontconfig_without_cjk(folder: Path) -> dict:
    """An environment whose fontconfig ignores every installed font that covers Chinese."""
    files = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout.split()
    globs = "".join(f"<glob>{f.rstrip(':')}</glob>" for f in files if f.strip(":"))
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <selectfont><rejectfont>{globs}</rejectfont></selectfont>\n"
        f"  <cachedir>{folder}/cache</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def measure(browser, url: str) -> Load:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    result = Load()
    types: dict[str, str] = {}
    urls: dict[str, str] = {}

    def on_response(event):
        types[event["requestId"]] = event["type"]
        urls[event["requestId"]] = event["response"]["url"]

    def on_finished(event):
        request_id = event["requestId"]
        kind = types.get(request_id, "Other")
        size = int(event["encodedDataLength"])
        result.requests += 1
        result.bytes_by_type[kind] += size
        result.urls.append(urls.get(request_id, "?"))
        if kind == "Font":
            result.fonts.append((urls.get(request_id, "?"), size))

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_timeout(SETTLE_MS)
    paints = page.evaluate(PAINTS)
    result.fcp, result.lcp, result.load = paints["fcp"], paints["lcp"], paints["load"]
    context.close()
    return result


def default_pages(site: Path) -> list[str]:
    cases = sorted(p.name for p in (site / "cases").iterdir() if p.is_dir())
    case = "kouhu-smart-tilapia" if "kouhu-smart-tilapia" in cases else cases[0]
    return ["", f"cases/{case}/", "en/", f"en/cases/{case}/"]


def kb(size: float) -> str:
    return f"{size / 1024:.0f}"


def run(site: Path, pages: list[str], repeat: int, gzip_text: bool) -> list[str]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site, gzip_text)
    rows = [
        "| page | fonts on the system | requests | total KB | HTML KB | CSS KB | JS KB | fonts KB | "
        "font files (Han) | images KB | other KB | FCP s | LCP s | load s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    try:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
            for mode, env in (("system CJK", dict(os.environ)), ("no CJK font", fontconfig_without_cjk(Path(tmp)))):
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=env)
                for path in pages:
                    loads = [measure(browser, base + path) for _ in range(repeat)]
                    first = loads[0]
                    by = first.bytes_by_type
                    known = by["Document"] + by["Stylesheet"] + by["Script"] + by["Font"] + by["Image"]
                    rows.append(
                        f"| /{path} | {mode} | {first.requests} | {kb(first.total)} | {kb(by['Document'])} | "
                        f"{kb(by['Stylesheet'])} | {kb(by['Script'])} | {kb(by['Font'])} | "
                        f"{len(first.fonts)} ({len(first.han_fonts)}) | {kb(by['Image'])} | "
                        f"{kb(first.total - known)} | "
                        f"{statistics.median(x.fcp for x in loads) / 1000:.2f} | "
                        f"{statistics.median(x.lcp for x in loads) / 1000:.2f} | "
                        f"{statistics.median(x.load for x in loads) / 1000:.2f} |"
                    )
                    print(rows[-1], flush=True)
                    if os.environ.get("BENCH_PAGES_VERBOSE"):
                        for url in first.urls:
                            print("   ", url.removeprefix(base), file=sys.stderr)
                browser.close()
    finally:
        server.shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--page", action="append", help="a page's path under the site, e.g. en/ (repeatable)")
    parser.add_argument("--repeat", type=int, default=3, help="loads per page; paint times are their median")
    parser.add_argument("--no-gzip", action="store_true", help="serve text uncompressed")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"error: no built site in {args.site}: run `make build` first")
    if not Path(CHROMIUM).exists():
        sys.exit(f"error: {CHROMIUM} is missing: run `make setup`, which installs it")
    rows = run(args.site, args.page or default_pages(args.site), args.repeat, not args.no_gzip)
    print("\n".join(["", *rows]))


if __name__ == "__main__":
    main()
