"""`casebook links`: check the external links of the records and of the built site.

Links rot: a source's address moves, a site closes. The weekly workflow runs
this and reports what no longer answers. URLs come from every string value of
every record (source addresses, links in Markdown stories) and from the
`href` and `src` attributes of the built HTML. Only http and https links are
checked; the site's own address (site_url) is skipped.

Each URL is asked once (HEAD, then GET when a server refuses HEAD), with a
timeout, a few at a time. Nothing here runs in the tests against the network:
they serve pages from 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from generator.model.raw import RawRecord

USER_AGENT = "casebook-link-check/1.0 (+weekly check of a regional-revitalisation case site)"
# A URL ends at a space, quote, bracket, or CJK or full-width punctuation (Chinese prose puts no space after it).
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`)\]\u3000-\u303f\uff00-\uffef]+", re.IGNORECASE)
RETRY_WITH_GET = {403, 405, 501}  # servers that refuse HEAD but answer GET
MAX_PAGES = 20_000  # HTML files read from a built site


@dataclass
class Link:
    url: str
    places: list[str] = field(default_factory=list)  # where it appears: path:line:col or a site file


@dataclass(frozen=True)
class LinkResult:
    url: str
    ok: bool
    status: int | None  # the HTTP status, None when no answer came
    reason: str
    places: tuple[str, ...]


# -- where the links are ------------------------------------------------------------------------


def links_in_records(records: Iterable[RawRecord]) -> dict[str, Link]:
    found: dict[str, Link] = {}
    for raw in records:
        for path, text in _strings(raw.data):
            for url in _urls_in(text):
                line, col = raw.position(path)
                found.setdefault(url, Link(url)).places.append(f"{raw.source.display}:{line}:{col}")
    return found


def _strings(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))


def _urls_in(text: str) -> list[str]:
    # A URL at the end of a sentence keeps no closing punctuation.
    return [url.rstrip(".,;:!?，。；：") for url in URL_IN_TEXT.findall(text)]


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and value.lower().startswith(("http://", "https://")):
                self.urls.append(value.strip())


def links_in_site(site_dir: Path, own_url: str | None = None) -> dict[str, Link]:
    found: dict[str, Link] = {}
    own = own_url.rstrip("/") + "/" if own_url else None
    for page in sorted(site_dir.rglob("*.html"))[:MAX_PAGES]:
        parser = _LinkParser()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for url in parser.urls:
            if own and (url + "/").startswith(own):
                continue
            link = found.setdefault(url, Link(url))
            where = page.relative_to(site_dir).as_posix()
            if where not in link.places:
                link.places.append(where)
    return found


def merge(*groups: dict[str, Link]) -> list[Link]:
    merged: dict[str, Link] = {}
    for group in groups:
        for url, link in group.items():
            merged.setdefault(url, Link(url)).places.extend(link.places)
    return [merged[url] for url in sorted(merged)]


# -- asking ---------------------------------------------------------------------------------------


def check_links(links: list[Link], timeout: float = 15.0, workers: int = 8) -> list[LinkResult]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda link: check_url(link, timeout), links))


def check_url(link: Link, timeout: float) -> LinkResult:
    status, reason = _ask(link.url, "HEAD", timeout)
    if status in RETRY_WITH_GET:
        status, reason = _ask(link.url, "GET", timeout)
    ok = status is not None and status < 400
    return LinkResult(link.url, ok, status, reason, tuple(link.places))


def _ask(url: str, method: str, timeout: float) -> tuple[int | None, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # follows redirects
            return response.status, response.reason or "OK"
    except urllib.error.HTTPError as exc:
        return exc.code, str(exc.reason)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"no answer: {reason}"


# -- output -----------------------------------------------------------------------------------------


def format_results(results: list[LinkResult], fmt: str) -> str:
    broken = [r for r in results if not r.ok]
    if fmt == "json":
        return json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return _markdown(results, broken)
    lines = [f"{r.url}: {r.status or '-'} {r.reason}\n    in {', '.join(r.places[:5])}" for r in broken]
    lines.append(f"{len(results)} links checked, {len(broken)} broken.")
    return "\n".join(lines)


def _markdown(results: list[LinkResult], broken: list[LinkResult]) -> str:
    lines = [
        "## 外部連結 / External links",
        "",
        f"檢查了 {len(results)} 個連結，{len(broken)} 個失效。/ {len(results)} links checked, {len(broken)} broken.",
        "",
    ]
    if broken:
        lines += ["| 連結 / Link | 回應 / Answer | 出現在 / Found in |", "|---|---|---|"]
        for r in broken:
            places = "<br>".join(f"`{p}`" for p in r.places[:5]) + (" …" if len(r.places) > 5 else "")
            answer = f"{r.status} {r.reason}" if r.status else r.reason
            lines.append(f"| <{_cell(r.url)}> | {_cell(answer)} | {places} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
