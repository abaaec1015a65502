"""`casebook links` and `casebook stale`: the weekly check, against a server on 127.0.0.1 only.

The synthetic project's addresses (example.org) are replaced with the local
server's before anything is checked, so no test reaches the network.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import time

import pytest
from click.testing import CliRunner

from generator.build.pipeline import load_collection
from generator.cli import cli
from generator.commands.links import Link, check_links, links_in_records, links_in_site, merge
from generator.commands.stale import format_stale, stale_records
from generator.load.project import load_project


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        if self.path == "/slow":
            time.sleep(1.0)
        if self.path == "/no-head" and head:
            return self._send(405)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        self._send(200 if self.path in ("/ok", "/no-head", "/slow") else 404)

    def _send(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local_project(project, server):
    """The synthetic project with its addresses on the local server, and one broken link in a story."""
    project.replace("content/sources.yml", "https://example.org/synthetic-source", f"{server}/ok")
    project.replace("content/places.yml", "https://example.org/gazetteer", f"{server}/moved")
    project.replace(
        "content/cases/example-case.yml",
        "    Synthetic fixture text.\n",
        f"    Synthetic fixture text, see [the report]({server}/missing).\n",
    )
    return project


def collection(project):
    loaded, _ = load_project(project.root / "casebook.yml")
    return load_collection(loaded)[0]


def one(url: str, timeout: float = 5.0):
    return check_links([Link(url, ["somewhere"])], timeout=timeout)[0]


# -- asking ---------------------------------------------------------------------------------------------


def test_answers_are_read_from_the_server(server):
    assert (one(f"{server}/ok").ok, one(f"{server}/ok").status) == (True, 200)
    assert (one(f"{server}/missing").ok, one(f"{server}/missing").status) == (False, 404)


def test_redirects_are_followed(server):
    assert one(f"{server}/moved").status == 200


def test_a_server_that_refuses_head_is_asked_with_get(server):
    assert one(f"{server}/no-head").ok


def test_a_server_that_does_not_answer_in_time_is_broken(server):
    result = one(f"{server}/slow", timeout=0.2)
    assert not result.ok and result.status is None and result.reason.startswith("no answer")


def test_nobody_listening_is_broken():
    result = one("http://127.0.0.1:9/", timeout=1.0)  # the discard port: nothing listens here
    assert not result.ok and result.status is None


# -- where the links are --------------------------------------------------------------------------------


def test_links_in_records_with_their_positions(local_project, server):
    found = links_in_records(collection(local_project).raw.values())
    assert {url: link.places for url, link in found.items()} == {
        f"{server}/ok": ["content/sources.yml:12:10"],
        f"{server}/moved": ["content/places.yml:6:10"],
        f"{server}/missing": ["content/cases/example-case.yml:16:7"],
    }


def test_links_in_the_built_site(tmp_path, server):
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text(
        f'<a href="{server}/ok">ok</a> <a href="../relative/">ours</a> <img src="{server}/missing">'
        '<a href="https://casebook.example/cases/">our own address</a> <a href="mailto:a@example.org">mail</a>',
        encoding="utf-8",
    )
    (site / "en" / "index.html").write_text(f'<a href="{server}/ok">ok</a>', encoding="utf-8")
    found = links_in_site(site, own_url="https://casebook.example/")
    assert {url: link.places for url, link in found.items()} == {
        f"{server}/ok": ["en/index.html", "index.html"],
        f"{server}/missing": ["index.html"],
    }


def test_merge_lists_each_url_once_with_every_place():
    merged = merge({"http://a/": Link("http://a/", ["x"])}, {"http://a/": Link("http://a/", ["y"])})
    assert [(link.url, link.places) for link in merged] == [("http://a/", ["x", "y"])]


def test_url_at_the_end_of_a_sentence_keeps_no_punctuation(project):
    project.replace(
        "content/cases/example-case.yml",
        "    合成測試資料。\n",
        "    見 https://example.org/a，以及 https://example.org/b。\n",
    )
    assert set(links_in_records(collection(project).raw.values())) >= {"https://example.org/a", "https://example.org/b"}


# -- the command ---------------------------------------------------------------------------------------------


def test_links_command_reports_the_broken_link_and_fails(local_project, server, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<a href="{server}/gone">gone</a>', encoding="utf-8")
    result = CliRunner().invoke(cli, ["links", "--site-dir", str(site), "--timeout", "5", "--format", "markdown"])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[:3] == [
        "## 外部連結 / External links",
        "",
        "檢查了 4 個連結，2 個失效。/ 4 links checked, 2 broken.",
    ]
    assert f"| <{server}/gone> | 404 Not Found | `index.html` |" in result.stdout
    assert f"| <{server}/missing> | 404 Not Found | `content/cases/example-case.yml:16:7` |" in result.stdout


def test_links_command_passes_when_every_link_answers(local_project, server):
    local_project.replace("content/cases/example-case.yml", f"{server}/missing", f"{server}/no-head")
    result = CliRunner().invoke(cli, ["links", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert sorted(r["url"] for r in json.loads(result.stdout) if r["ok"]) == sorted(
        [f"{server}/ok", f"{server}/moved", f"{server}/no-head"]
    )


# -- stale records ------------------------------------------------------------------------------------------------


def test_records_reviewed_more_than_a_year_ago_are_stale(project):
    found = stale_records(collection(project), dt.date(2025, 1, 20))
    assert [(r.path, r.last_reviewed, r.days) for r in found] == [
        ("content/brands/example-brand.yml", "2024-01-15", 371),
        ("content/cases/example-case.yml", "2024-01-15", 371),
        ("content/exhibitions/example-exhibition.yml", "2024-01-15", 371),
    ]
    assert stale_records(collection(project), dt.date(2025, 1, 14)) == []  # 2024 is a leap year: 365 days


def test_stale_report_is_bilingual_markdown(project):
    text = format_stale(stale_records(collection(project), dt.date(2025, 1, 20)), 365, "markdown")
    assert text.splitlines()[0] == "## 需要重新審閱的紀錄 / Records to review again"
    assert "| `content/cases/example-case.yml` | 2024-01-15 | 371 |" in text


def test_stale_command_fails_when_records_are_stale(project):
    result = CliRunner().invoke(cli, ["stale"])
    assert result.exit_code == 1  # the fixture's reviews are from 2024
    assert result.stdout.splitlines()[-1] == "4 records not reviewed for over 365 days."
    assert CliRunner().invoke(cli, ["stale", "--days", "100000"]).exit_code == 0
