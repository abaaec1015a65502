"""The exhibition kit's plan and checks: options, site URL, and texts a poster needs.

No PDF is drawn here: every problem is found before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from generator.build.pipeline import load_collection
from generator.exhibit.plan import ExhibitRequest, resolve_plan
from generator.exhibit.requirements import check_plan
from generator.load.project import load_project

SITE_URL = "https://example.org/casebook/"


def headline(diagnostic) -> str:
    return diagnostic.format_text().split("\n", 1)[0]


def _plan(project, **options):
    loaded, _ = load_project(project.root / "casebook.yml")
    collection, diagnostics = load_collection(loaded)
    assert not diagnostics
    request = ExhibitRequest(exhibition=options.pop("exhibition", "example-exhibition"), out=Path("kit"), **options)
    plan, problems = resolve_plan(collection, loaded.config, request)
    names = {lang.code: lang.name for lang in loaded.config.languages}
    return plan, problems, (check_plan(collection, plan, names) if plan else [])


def test_the_record_decides_what_options_leave_out(project):
    plan, problems, checks = _plan(project, site_url=SITE_URL)
    assert problems == [] and checks == []
    assert (plan.paper, plan.languages, [c.id for c in plan.cases]) == ("A3", ["zh-TW", "en"], ["example-case"])
    assert [b.id for b in plan.brands] == ["example-brand"]


def test_options_override_the_record(project):
    plan, problems, _ = _plan(project, site_url=SITE_URL, paper="A1", languages=("en",), brands=())
    assert problems == []
    assert (plan.paper, plan.languages, plan.brands) == ("A1", ["en"], [])


def test_a_qr_code_needs_a_site_url(project):
    _, problems, _ = _plan(project)
    assert [headline(p) for p in problems] == [
        "--site-url: error[no-site-url]: the QR codes need the site's public address, and none is set"
    ]
    assert problems[0].hint == "pass --site-url https://… or set site_url in casebook.yml"


def test_site_url_from_casebook_yml(project):
    project.write("casebook.yml", project.read("casebook.yml") + f"site_url: {SITE_URL}\n")
    plan, problems, _ = _plan(project)
    assert problems == [] and plan.site_url == SITE_URL


def test_unknown_names_in_options(project):
    _, problems, _ = _plan(project, exhibition="nope")
    assert [headline(p) for p in problems] == [
        "EXHIBITION: error[unknown-exhibition]: no exhibition 'nope' in content/exhibitions/"
    ]
    _, problems, _ = _plan(project, site_url=SITE_URL, cases=("exmaple-case",), languages=("ja",), brands=("nope",))
    assert sorted(headline(p) for p in problems) == [
        "--brands: error[unknown-brand]: no brand 'nope' in content/brands/",
        "--cases: error[unknown-case]: no case 'exmaple-case' in content/cases/",
        "--languages: error[unknown-language]: 'ja' is not a language of this site",
    ]


def test_a_text_missing_in_a_printed_language_names_file_line_and_field(project):
    # second-example-case is a draft written in zh-TW only.
    _, problems, checks = _plan(project, site_url=SITE_URL, cases=("example-case", "second-example-case"))
    assert problems == []
    assert [headline(c) for c in checks] == [
        "content/cases/second-example-case.yml:7:3: error[print-needs-text]: title: "
        "no text in 'en', which the exhibition kit prints case 'second-example-case' in",
        "content/cases/second-example-case.yml:9:3: error[print-needs-text]: summary: "
        "no text in 'en', which the exhibition kit prints case 'second-example-case' in",
        "content/cases/second-example-case.yml:11:3: error[print-needs-text]: story: "
        "no text in 'en', which the exhibition kit prints case 'second-example-case' in",
        "content/exhibitions/example-exhibition.yml:16:10: warning[draft-case]: kit.cases: case "
        "'second-example-case' is a draft: its page is not on the site, so its QR code leads nowhere "
        "until the case is published",
    ]
    assert checks[0].hint == "add `en:` here, or leave English out with --languages"


def test_a_draft_printed_in_its_own_language_only_warns(project):
    _, problems, checks = _plan(project, site_url=SITE_URL, cases=("second-example-case",), languages=("zh-TW",))
    assert problems == [] and [c.code for c in checks] == ["draft-case"]


def test_the_command_prints_the_missing_field_without_a_traceback(project):
    result = project.run_cli(
        "exhibit",
        "example-exhibition",
        "--out",
        "kit",
        "--site-url",
        SITE_URL,
        "--cases",
        "example-case,second-example-case",
        "--no-kiosk",
    )
    assert result.returncode == 1
    assert (
        "content/cases/second-example-case.yml:9:3: error[print-needs-text]: summary: no text in 'en', "
        "which the exhibition kit prints case 'second-example-case' in"
    ) in result.stdout
    assert "hint: add `en:` here, or leave English out with --languages" in result.stdout
    assert "Aborted with 3 errors and 1 warning. Nothing was written." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project.root / "kit").exists()


def test_a_content_error_anywhere_stops_the_kit(project):
    project.replace("content/cases/example-case.yml", "  en: Synthetic fixture, not a real case.\n", "")
    result = project.run_cli("exhibit", "example-exhibition", "--out", "kit", "--site-url", SITE_URL, "--no-kiosk")
    assert result.returncode == 1
    assert "content/cases/example-case.yml:11:3: error[missing-translation]: summary: no text in 'en'" in result.stdout
    assert "Traceback" not in result.stderr


def test_local_and_private_site_urls_are_refused_unless_allowed(project):
    for url in (
        "http://localhost:8000/",
        "http://127.0.0.1/",
        "http://192.168.1.20/cb/",
        "http://10.1.2.3/",
        "http://[::1]:8000/",
        "http://kiosk/",
        "http://printer.local/",
    ):
        _, problems, _ = _plan(project, site_url=url)
        assert [p.code for p in problems] == ["local-site-url"], url
        assert "--allow-local-url" in problems[0].hint
        plan, problems, _ = _plan(project, site_url=url, allow_local_url=True)
        assert problems == [] and plan.site_url == url
    _, problems, _ = _plan(project, site_url="https://example.org/casebook/")
    assert problems == []


def test_out_below_a_file_is_one_clear_error(project):
    project.write("a-file.txt", "not a folder\n")
    result = project.run_cli(
        "exhibit", "example-exhibition", "--out", "a-file.txt/kit", "--site-url", SITE_URL, "--no-kiosk"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "error[out-below-file]: 'a-file.txt' is a file" in output
    assert "Traceback" not in output and "internal error" not in output


def test_an_unknown_pdf_variant_is_refused(project):
    _, problems, _ = _plan(project, site_url=SITE_URL, pdf_variant="pdf/a-3b")
    assert [p.code for p in problems] == ["bad-pdf-variant"]


def test_exhibition_dates_say_the_shared_part_once(project):
    from generator.build.site import STRINGS_DIR
    from generator.exhibit.printing import load_print_strings
    from generator.exhibit.printviews import PrintContext, dates_text
    from generator.load.strings import load_strings
    from generator.render.urls import UrlScheme
    from generator.render.views.base import ViewContext

    loaded, _ = load_project(project.root / "casebook.yml")
    collection, _ = load_collection(loaded)
    theme = Path(__file__).resolve().parents[2] / "theme"
    site = load_strings(theme / STRINGS_DIR, loaded.config)
    ctx = ViewContext(collection, loaded.config, site, UrlScheme(loaded.config))
    pc = PrintContext(ctx, load_print_strings(theme, loaded.config, site).t, SITE_URL, ["zh-TW", "en"])
    cases = {
        ("2027-03-01", "2027-03-14"): ("2027年3月1日至14日", "1–14 March 2027"),
        ("2027-03-28", "2027-04-03"): ("2027年3月28日至4月3日", "28 March – 3 April 2027"),
        ("2027-03", "2027-05"): ("2027年3月至5月", "March–May 2027"),
        ("2027-03", "2027-03"): ("2027年3月", "March 2027"),
        ("2027-03", None): ("2027年3月", "March 2027"),
        ("2027-03-01", None): ("2027年3月1日", "1 March 2027"),
        ("2026-12-20", "2027-01-05"): ("2026年12月20日至2027年1月5日", "20 December 2026 to 5 January 2027"),
        ("2027-03", "2027-03-14"): ("2027年3月至2027年3月14日", "March 2027 to 14 March 2027"),
    }
    for (start, end), (zh, en) in cases.items():
        assert (dates_text(pc, start, end, "zh-TW"), dates_text(pc, start, end, "en")) == (zh, en), (start, end)


PLANNED = """# yaml-language-server: $schema=../../../../../schema/exhibition.schema.json
id: spring-fair-2027
status: planned
last_reviewed: 2024-01-15
translations:
  en: {reviewed: false}
name: {zh-TW: 春季展, en: Spring fair}
venue: {zh-TW: 範例會場, en: Example venue}
start: 2027-03-01
end: 2027-03-14
sources: []
kit:
  languages: [zh-TW, en]
  paper: A3
  cases: [example-case]
"""


def _diagnostics(project):
    loaded, _ = load_project(project.root / "casebook.yml")
    return load_collection(loaded)[1]


def test_a_planned_exhibition_may_have_no_sources_and_its_dates_say_planned(project):
    project.write("content/exhibitions/spring-fair-2027.yml", PLANNED)
    assert _diagnostics(project) == []
    plan, problems, checks = _plan(project, exhibition="spring-fair-2027", site_url=SITE_URL)
    assert problems == [] and [c for c in checks if c.severity == "error"] == []
    from generator.exhibit.printviews import exhibition_lines

    pc = _print_context(project, plan)
    assert [line.dates for line in exhibition_lines(pc, plan.exhibition)] == [
        "預定2027年3月1日至14日舉行",
        "Planned: 1–14 March 2027",
    ]


def test_a_held_exhibition_without_sources_says_what_to_do(project):
    project.write("content/exhibitions/spring-fair-2027.yml", PLANNED.replace("status: planned", "status: published"))
    problems = _diagnostics(project)
    assert [p.code for p in problems] == ["missing-source"]
    assert "set `status: planned`" in problems[0].message


def test_a_copied_record_with_new_dates_but_the_old_citation_is_warned(project):
    original = project.read("content/exhibitions/example-exhibition.yml")
    project.write(
        "content/exhibitions/copied-fair.yml",
        original.replace("id: example-exhibition", "id: copied-fair")
        .replace("start: 2024-03-01", "start: 2025-05-01")
        .replace("end: 2024-03-31", "end: 2025-05-09"),
    )
    problems = [p for p in _diagnostics(project) if p.path.endswith("copied-fair.yml")]
    assert [(p.code, p.severity, p.field) for p in problems] == [("copied-citation", "warning", "sources")]
    assert "exhibition 'example-exhibition'" in problems[0].message and "start and end differ" in problems[0].message


def _print_context(project, plan):
    from generator.build.site import STRINGS_DIR
    from generator.exhibit.printing import load_print_strings
    from generator.exhibit.printviews import PrintContext
    from generator.load.strings import load_strings
    from generator.render.urls import UrlScheme
    from generator.render.views.base import ViewContext

    loaded, _ = load_project(project.root / "casebook.yml")
    collection, _ = load_collection(loaded)
    theme = Path(__file__).resolve().parents[2] / "theme"
    site = load_strings(theme / STRINGS_DIR, loaded.config)
    ctx = ViewContext(collection, loaded.config, site, UrlScheme(loaded.config))
    return PrintContext(ctx, load_print_strings(theme, loaded.config, site).t, SITE_URL, plan.languages)


def test_a_case_poster_carries_the_case_pages_locator_map():
    """The county with the township marked, as on the case page (generator/render/views/map.py)."""
    from generator.build.site import STRINGS_DIR
    from generator.exhibit.printing import load_print_strings
    from generator.exhibit.printviews import PrintContext, case_sheet
    from generator.load.strings import load_strings
    from generator.render.urls import UrlScheme
    from generator.render.views.base import ViewContext

    root = Path(__file__).resolve().parents[2]
    loaded, _ = load_project(root / "casebook.yml")
    collection, _ = load_collection(loaded)
    site = load_strings(root / "theme" / STRINGS_DIR, loaded.config)
    ctx = ViewContext(collection, loaded.config, site, UrlScheme(loaded.config))
    pc = PrintContext(ctx, load_print_strings(root / "theme", loaded.config, site).t, SITE_URL, ["zh-TW", "en"])
    cases = collection.cases
    kouhu = case_sheet(pc, cases["kouhu-smart-tilapia"]).locator
    assert kouhu.label == "口湖鄉在雲林縣的位置" and len(kouhu.points) == 1
    assert case_sheet(pc, cases["pingtung-cocoa"]).locator.points == []  # the case names its county only
