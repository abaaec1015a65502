"""`make bench-search`: what a reader downloads and waits for before the first search result.

For each N it writes a SYNTHETIC corpus (bench/corpus.py) whose case stories are
made-up text: Han characters drawn one after another with the frequencies of
neighbouring characters in this repository's own records and policy pages
(content/), English words likewise, so the index holds as many different
terms as real text of that length would. Never published. It builds the site
with casebook, then, in Chromium (Debian's, headless) with the CPU slowed 4x
(DevTools' Emulation.setCPUThrottlingRate, applied to the page and to its
search worker), types a query on a case page right after it loads and
measures, for:

- casebook: the sharded index (generator/publish/search_shards.py) read by
  theme/assets/javascripts/search-worker.js behind Material's search box;
- Material: Material's own worker and one search_index.json per language, as
  this site served it before (every page's sections, Han text segmented by
  jieba), served in place of ours on the same pages;
- Pagefind 1.5.2 (extended, which segments Chinese), run over the same built
  site, its JavaScript API asked for the first result's data (no UI).

Printed per N, language and engine: the index's bytes on disk, the bytes the
page fetched for search before the first result was shown (responses as sent
by a plain file server, no compression; gzip in brackets), and the time from
the keystroke to the first result. Timing targets are read from this output,
never asserted in tests.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from bench.corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
QUERIES = {"zh-TW": ["地方創生", "合成案例7"], "en": ["farming", "synthetic case 7"]}
STORY_CHARS = 1500  # Han characters of a case's story: about the length of the seeds' longer cases
STORY_WORDS = 600


# -- made-up text with real text's neighbours --------------------------------------------


def _training_text() -> tuple[str, list[str]]:
    files = [*sorted((ROOT / "content").rglob("*.yml")), *sorted((ROOT / "content" / "policy").glob("*.md"))]
    text = "\n".join(path.read_text(encoding="utf-8") for path in files)
    han = "".join(re.findall(r"[\u4e00-\u9fff，。、]", text))
    words = re.findall(r"[a-z]+", text.lower())
    return han, words


def _chain(items) -> dict:
    following = defaultdict(Counter)
    for a, b in zip(items, items[1:]):
        following[a][b] += 1
    return {a: (list(c), list(c.values())) for a, c in following.items()}


def story_maker():
    han, words = _training_text()
    han_chain, word_chain = _chain(han), _chain(words)

    def walk(chain, start, length, rng):
        out, item = [start], start
        while len(out) < length:
            options = chain.get(item)
            item = rng.choices(*options)[0] if options else rng.choice(list(chain))
            out.append(item)
        return out

    def stories(i: int, rng: random.Random):
        zh = "".join(walk(han_chain, rng.choice(han), STORY_CHARS, rng))
        en = " ".join(walk(word_chain, rng.choice(words), STORY_WORDS, rng))
        size_zh, size_en = len(zh) // 4, len(en) // 4
        return (
            [zh[k * size_zh : (k + 1) * size_zh] for k in range(4)],
            [en[k * size_en : (k + 1) * size_en].strip() for k in range(4)],
        )

    return stories


# -- Material's own index of the same pages, rebuilt from ours -------------------------------


def material_index(site: Path, prefix: str, segment) -> bytes:
    """search_index.json as Material's plugin wrote it for these pages: one entry per section."""
    ours = json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
    config = {k: v for k, v in ours["config"].items() if k != "casebook"}
    folder = site / prefix / "search/index"
    docs = json.loads((folder / "docs.json").read_text(encoding="utf-8"))["docs"]
    entries = []
    for number, (location, title, *_) in enumerate(docs):
        sections = json.loads((folder / f"p{number}.json").read_text(encoding="utf-8"))
        for anchor, section_title, text in sections:
            entries.append(
                {
                    "location": location + (f"#{anchor}" if anchor else ""),
                    "title": segment(section_title or title),
                    "text": segment(text),
                }
            )
    return json.dumps({"config": config, "docs": entries}, ensure_ascii=False, separators=(",", ":")).encode()


# -- serving and measuring --------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _throttle(context, page, rate: float):
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return session


FIRST_RESULT = """async ([query, selector]) => {
  const input = document.querySelector("input.md-search__input");
  document.querySelector("label[for=__search]")?.click();
  const t0 = performance.now();
  input.focus();
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  const none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"];
  const meta = document.querySelector(".md-search-result__meta");
  const found = await new Promise(resolve => {
    const check = () => document.querySelector(selector) ? resolve(true)
      : meta.textContent === none || performance.now() - t0 > 120000 ? resolve(false)
      : requestAnimationFrame(check);
    check();
  });
  return found ? performance.now() - t0 : NaN;
}"""

PAGEFIND_FIRST = """async ([query, base]) => {
  const t0 = performance.now();
  const pagefind = await import(base + "pagefind/pagefind.js");
  await pagefind.options({basePath: base + "pagefind/"});
  const search = await pagefind.search(query);
  if (search.results.length) await search.results[0].data();
  return [performance.now() - t0, search.results.length];
}"""


def measure(
    browser, root: str, query: str, engine: str, site: Path, prefix: str, material: bytes | None, rate: float
) -> dict:
    url = f"{root}{prefix}cases/synthetic-case-00001/"
    context = browser.new_context()
    page = context.new_page()
    fetched: list[tuple[str, int]] = []

    def on_response(response):
        if any(part in response.url for part in ("/search/", "search-worker.js", "/workers/search.", "/pagefind/")):
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
                return
            fetched.append((response.url, len(body), len(gzip.compress(body, 6))))

    page.on("response", on_response)
    if engine == "material":
        worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).read_bytes()
        page.route(
            "**/assets/javascripts/search-worker.js",
            lambda route: route.fulfill(body=worker, content_type="text/javascript"),
        )
        page.route(
            f"{root}{prefix}search/search_index.json",
            lambda route: route.fulfill(body=material, content_type="application/json"),
        )
    page.route("**/sitemap.xml", lambda route: route.fulfill(body="", status=404))
    _throttle(context, page, rate)
    page.goto(url, wait_until="load")
    if engine == "pagefind":
        seconds, found = page.evaluate(PAGEFIND_FIRST, [query, root])
        seconds /= 1000
    else:
        seconds = page.evaluate(FIRST_RESULT, [query, ".md-search-result__list .md-search-result__item"]) / 1000
        found = page.eval_on_selector_all(".md-search-result__list .md-search-result__item", "l => l.length")
    page.wait_for_timeout(200)
    context.close()
    return {
        "seconds": seconds,
        "bytes": sum(b for _, b, _ in fetched),
        "gzip": sum(g for _, _, g in fetched),
        "files": len(fetched),
        "found": found,
    }


def folder_bytes(paths) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())


def run(n: int, workdir: Path, rate: float, repeat: int, pagefind: bool, reuse: bool) -> list[dict]:
    project = workdir.resolve() / f"search-{n}"
    site = project / "site"
    if not (reuse and (site / "search/index/docs.json").is_file()):
        write_corpus(project, n, stories=story_maker())
        built = subprocess.run(
            [str(BIN / "casebook"), "build", "-d", str(site)], cwd=project, capture_output=True, text=True
        )
        if built.returncode != 0:
            sys.exit(f"casebook build failed for {n} cases:\n{built.stderr[-3000:]}")
    from material.plugins.search.plugin import SearchIndex

    segment = SearchIndex()._segment_chinese  # jieba, as Material's plugin cuts Han text
    prefixes = {"zh-TW": "", "en": "en/"}
    material = {lang: material_index(site, prefix, segment) for lang, prefix in prefixes.items()}
    if pagefind and not (reuse and (site / "pagefind/pagefind-entry.json").is_file()):
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"], check=True)
    from playwright.sync_api import sync_playwright

    rows = []
    server, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang, prefix in prefixes.items():
                index = {
                    "casebook": folder_bytes((site / prefix / "search/index").iterdir()),
                    "material": len(material[lang]),
                    "pagefind": _pagefind_bytes(site, lang) if pagefind else 0,
                }
                for engine in ("casebook", "material", *(["pagefind"] if pagefind else [])):
                    for query in QUERIES[lang]:
                        runs = [
                            measure(browser, url, query, engine, site, prefix, material[lang], rate)
                            for _ in range(repeat)
                        ]
                        best = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
                        rows.append(
                            {
                                "N": n,
                                "lang": lang,
                                "engine": engine,
                                "query": query,
                                "index KB": index[engine] / 1000,
                                "fetched KB": best["bytes"] / 1000,
                                "gzip KB": best["gzip"] / 1000,
                                "files": best["files"],
                                "first result s": statistics.median(r["seconds"] for r in runs),
                                "results": best["found"],
                            }
                        )
                        print(_line(rows[-1]), flush=True)
            browser.close()
    finally:
        server.shutdown()
    return rows


def _pagefind_bytes(site: Path, lang: str) -> int:
    """Pagefind's files for one language: its index, fragments, filters, its wasm and its script."""
    folder = site / "pagefind"
    key = lang.lower()
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = next((v for k, v in entry["languages"].items() if k.lower().startswith(key.split("-")[0])), None)
    if language is None:
        return 0
    hashes = {language["hash"]}
    meta = folder / f"pagefind.{language['hash']}.pf_meta"
    total = meta.stat().st_size if meta.is_file() else 0
    wasm = next(iter(folder.glob(f"wasm.{key.split('-')[0]}*.pagefind")), None) or folder / "wasm.unknown.pagefind"
    total += wasm.stat().st_size if wasm.is_file() else 0
    total += (folder / "pagefind.js").stat().st_size
    # fragments and index chunks are shared folders: count those of this language's pages
    del hashes
    pages = language["page_count"]
    everything = sum(e["page_count"] for e in entry["languages"].values())
    chunks = folder_bytes((folder / "index").iterdir()) + folder_bytes((folder / "fragment").iterdir())
    return total + chunks * pages // max(everything, 1)


COLUMNS = ["N", "lang", "engine", "query", "index KB", "fetched KB", "gzip KB", "files", "first result s", "results"]


def _line(row: dict) -> str:
    return "| " + " | ".join(f"{row[c]:.2f}" if isinstance(row[c], float) else str(row[c]) for c in COLUMNS) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated numbers of cases")
    parser.add_argument("--workdir", type=Path, default=Path("bench/out"))
    parser.add_argument("--cpu-slowdown", type=float, default=4.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the median is shown")
    parser.add_argument("--no-pagefind", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep a corpus and site built by an earlier run")
    args = parser.parse_args()
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for n in (int(size) for size in args.sizes.split(",")):
        run(n, args.workdir, args.cpu_slowdown, args.repeat, not args.no_pagefind, args.reuse)


if __name__ == "__main__":
    main()
