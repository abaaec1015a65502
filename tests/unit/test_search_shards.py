"""The sharded search index and the worker that reads it.

The worker (theme/assets/javascripts/search-worker.js) runs here in Node (the
one Playwright ships) on an index written by generator/publish/search_shards.py
from SYNTHETIC pages, answering Material's messages as it does in the browser.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.publish.search_shards import KINDS, SearchDoc, clean, shard_files, shard_of, terms
from generator.publish.variants import VARIANTS, fold

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "theme/assets/javascripts/search-worker.js"
LABELS = {"case": "案例", "brand": "品牌", "county": "縣市", "policy": "政策", "topic": "主題", "page": "頁面"}


def test_variants_fold_to_one_form_one_character_for_one():
    assert fold("台南") == fold("臺南") == "臺南"
    for pair in ("峰峯", "群羣", "裡裏", "為爲"):
        assert fold(pair[0]) == fold(pair[1]), pair
    assert fold("ＡＢＣ１２") == "abc12" and fold("Kouhu") == "kouhu"
    assert fold("\uf9b1") == "鈴", "a compatibility ideograph folds to the unified one"
    assert fold("²ﬁ") == "2ﬁ", "NFKC where it gives one character"
    text = "臺灣鯛、台灣鯛 Ｔｉｌａｐｉａ 峯"
    assert len(fold(text)) == len(text)
    assert all(len(a) == len(b) == 1 for a, b in VARIANTS.items())
    assert "沈" not in VARIANTS, "a family name is not a variant"


def test_han_text_gives_characters_and_pairs_words_stay_words():
    assert list(terms("口湖鄉 Kouhu 2019年")) == ["口", "湖", "鄉", "口湖", "湖鄉", "kouhu", "2019", "年"]
    assert "可可" in terms("屏東可可") and "可可" not in terms("可行性")
    assert list(terms("台南")) == list(terms("臺南"))


def test_clean_keeps_plain_text():
    assert clean("<p>雲林<strong>口湖</strong>鄉</p><p>Fish &amp; chips\u200b</p>") == "雲林口湖鄉 Fish & chips"


def test_shards_hold_each_term_once_and_the_settings_say_how_many():
    files, meta = shard_files(_docs(40), LABELS)
    assert meta["kinds"] == [LABELS[kind] for kind in KINDS] and meta["variants"]["台"] == "臺"
    shards = [json.loads(files[f"t{n}.json"]) for n in range(meta["shards"])]
    assert sum(len(shard) for shard in shards) == len({t for shard in shards for t in shard})
    for n, shard in enumerate(shards):
        assert all(shard_of(term, meta["shards"]) == n for term in shard)
    assert len(json.loads(files["docs.json"])["docs"]) == 40
    assert any(term.startswith("=") for shard in shards for term in shard), "whole names are terms"
    assert sorted(name for name in files if name.startswith("p")) == sorted(f"p{i}.json" for i in range(40))


def test_a_larger_site_has_more_shards_none_much_larger_than_the_target():
    small = shard_files(_docs(3), LABELS)[1]["shards"]
    files, meta = shard_files(_docs(400, words=60), LABELS)
    shards = meta["shards"]
    assert shards > small
    sizes = [len(files[f"t{n}.json"].encode()) for n in range(shards)]
    assert max(sizes) < 3 * 24_000, sorted(sizes)[-5:]


# -- the worker, in Node ---------------------------------------------------------------


def _docs(count: int, words: int = 8) -> list[SearchDoc]:
    """SYNTHETIC pages: numbered cases with made-up text, a brand, a county, a policy page."""
    docs = [
        SearchDoc(
            "counties/tainan/",
            "臺南市",
            "county",
            "",
            ["臺南市", "Tainan City", "臺南", "台南"],
            [("", "", "位於臺南市的案例與地方品牌。")],
        ),
        SearchDoc("brands/cocoa/", "合成可可", "brand", "屏東縣", ["合成可可", "可可"], [("", "", "合成品牌的文字。")]),
        SearchDoc("policy/why/", "為什麼", "policy", "", [], [("", "", "評估可行性，可依縣市查詢。台南也在其中。")]),
    ]
    for i in range(count - len(docs)):
        filler = "".join(chr(0x4E00 + (i * 37 + k * 101) % 5000) for k in range(words))
        docs.append(
            SearchDoc(
                f"cases/c{i}/",
                f"合成案例{i}",
                "case",
                "雲林縣 口湖鄉",
                [f"合成案例{i}"],
                [("", "", f"口湖的合成文字{filler}。"), ("story", "故事", f"Synthetic tilapia text {i}.")],
            )
        )
    return docs[:count]


def _node() -> str:
    from playwright._impl._driver import compute_driver_executable

    node = Path(compute_driver_executable()[0])
    if not node.exists():
        pytest.fail(f"{node} is missing: Playwright's driver ships it")
    return str(node)


RUNNER = r"""
const fs = require("fs"), path = require("path");
const [worker, folder, queries, settings] = process.argv.slice(2);
const listeners = [], answers = [];
global.self = {location: {href: "file:///site/assets/javascripts/search-worker.js"}};
global.addEventListener = (type, listener) => listeners.push(listener);
global.fetch = url => {
  const file = path.join(folder, path.basename(new URL(url).pathname));
  fetched.push(path.basename(file));
  return Promise.resolve(fs.existsSync(file)
    ? {ok: true, json: () => Promise.resolve(JSON.parse(fs.readFileSync(file, "utf8")))}
    : {ok: false, status: 404, url: String(url)});
};
const fetched = [];
let waiting = null;
global.postMessage = message => { if (waiting) waiting(message); };
const send = data => new Promise(resolve => { waiting = resolve; listeners.forEach(l => l({data})); });
eval(fs.readFileSync(worker, "utf8"));
(async () => {
  const ready = await send({type: 0, data: {config: {casebook: JSON.parse(settings)}, docs: []}});
  if (ready.type !== 1 || fetched.length) throw new Error("setup should fetch nothing");
  const out = {};
  for (const query of JSON.parse(queries)) {
    fetched.length = 0;
    const message = await send({type: 2, data: query});
    out[query] = {fetched: [...fetched], items: message.data.items.map(([item]) => item)};
  }
  console.log(JSON.stringify(out));
})();
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return _asker(tmp_path_factory.mktemp("index"), _docs(60))


def _asker(folder: Path, docs: list[SearchDoc]):
    files, settings = shard_files(docs, LABELS)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    runner = folder / "runner.js"
    runner.write_text(RUNNER, encoding="utf-8")

    def ask(*queries: str) -> dict:
        result = subprocess.run(
            [
                _node(),
                str(runner),
                str(WORKER),
                str(folder),
                json.dumps(queries),
                json.dumps({**settings, "index": "search/index/"}),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return ask


def test_a_name_puts_its_page_first_and_a_phrase_is_a_phrase(ask):
    answers = ask("可可", "台南", "臺南", "口湖")
    cocoa = [item["location"] for item in answers["可可"]["items"]]
    assert cocoa == ["brands/cocoa/"], "可行性 and 可依 share one character with 可可, not the phrase"
    tainan = [item["location"] for item in answers["台南"]["items"]]
    assert tainan == [item["location"] for item in answers["臺南"]["items"]]
    assert tainan == ["counties/tainan/", "policy/why/"], "the place named first, then the body match"
    kouhu = answers["口湖"]["items"]
    assert len(kouhu) == 57 and all(item["location"].startswith("cases/") for item in kouhu)


def test_results_show_kind_place_and_the_text_around_the_match(ask):
    item = ask("台南")["台南"]["items"][1]
    assert "政策" in item["text"] and "<mark data-md-highlight>台南</mark>" in item["text"]
    case = ask("tilapia")["tilapia"]["items"][0]
    assert (
        "案例" in case["text"]
        and "雲林縣 口湖鄉" in case["text"]
        and "<mark data-md-highlight>tilapia</mark>" in case["text"]
    )
    scores = [item["score"] for item in ask("口湖")["口湖"]["items"]]
    assert scores == sorted(scores, reverse=True), "Material's Enter opens the highest score: the first result"


def test_a_query_fetches_only_what_it_needs(ask):
    answers = ask("可可", "tila", "xyzzy")
    first = answers["可可"]["fetched"]
    assert first[0] == "docs.json" and first.count("docs.json") == 1
    shards = {name for name in first if name.startswith("t")}
    assert 1 <= len(shards) <= 2, "the shard of 可可 and the one of the whole name =可可"
    assert all(name.startswith("p") for name in first if name not in shards | {"docs.json"})
    assert "docs.json" not in answers["tila"]["fetched"], "docs.json is fetched once"
    assert [item["location"] for item in answers["tila"]["items"]][:1] == ["cases/c0/"], "a word's beginning finds it"
    assert answers["xyzzy"]["items"] == []


def test_html_in_the_text_is_shown_as_text(tmp_path):
    docs = [SearchDoc("a/", "<b>口湖</b>", "page", "", [], [("", "", "<script>口湖</script> & 口湖")])]
    item = _asker(tmp_path, docs)("口湖")["口湖"]["items"][0]
    assert "<script>" not in item["text"] and "&lt;script&gt;" in item["text"]
    assert item["title"] == "&lt;b&gt;<mark data-md-highlight>口湖</mark>&lt;/b&gt;"


def test_the_browser_folds_as_the_index_does(tmp_path):
    sample = "".join(
        [
            *VARIANTS,
            *map(chr, range(0xF900, 0xFB00)),
            *map(chr, range(0xFF01, 0xFF5F)),
            "²ﬁ⑴㈱ÀÉİĲ Kouhu 台南峯羣裏爲",
            *map(chr, range(0x3000, 0x3100)),
        ]
    )
    script = tmp_path / "fold.js"
    script.write_text(
        'const fs = require("fs");\n'
        'eval(fs.readFileSync(process.argv[2], "utf8").replace(/addEventListener\\(/, "(() => 0)(")\n'
        '     + ";globalThis.makeFold = makeFold;");\n'
        'const [variants, text] = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));\n'
        "console.log(JSON.stringify(makeFold(variants)(text)));\n",
        encoding="utf-8",
    )
    data = tmp_path / "in.json"
    data.write_text(json.dumps([VARIANTS, sample]), encoding="utf-8")
    result = subprocess.run([_node(), str(script), str(WORKER), str(data)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == fold(sample)


def test_a_search_folder_keeps_unchanged_files_and_loses_stale_ones(tmp_path):
    from generator.build.search_folder import sync_folder

    folder = tmp_path / "search"
    sync_folder(folder, {"t0.json": "[1]", "p0.json": "[]", "p1.json": "[2]"})
    os.utime(folder / "t0.json", ns=(1_000_000_000, 1_000_000_000))  # an old time: is it written again?
    sync_folder(folder, {"t0.json": "[1]", "p0.json": "[3]"})
    assert sorted(p.name for p in folder.iterdir()) == ["p0.json", "t0.json"]
    assert (folder / "p0.json").read_text() == "[3]"
    assert (folder / "t0.json").stat().st_mtime_ns == 1_000_000_000  # the same bytes: not written again
