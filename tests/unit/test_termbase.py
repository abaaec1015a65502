"""The termbase (content/glossary.yml) and the warning `casebook validate` gives for it."""

from __future__ import annotations

from pathlib import Path

from generator.check.terms import term_misses
from generator.model.records import Glossary

ROOT = Path(__file__).resolve().parents[2]
CASE = "content/cases/example-case.yml"
WORKING_MEETINGS = """  - id: working-meetings
    term: {zh-TW: 工作會議, en: working meetings}
    also: {en: [working meeting]}
  - id: regional-revitalization-board
    term: {zh-TW: 地方創生會報, en: the Regional Revitalization Board}
    also: {en: [Regional Revitalization Board]}
  - id: regional-revitalisation
    term: {zh-TW: 地方創生, en: regional revitalisation}
"""


def _glossary(project) -> None:
    project.write("content/glossary.yml", project.read("content/glossary.yml") + WORKING_MEETINGS)


def test_meetings_of_the_board_for_working_meetings_is_a_warning_at_the_english_text(project):
    _glossary(project)
    project.replace(
        CASE,
        "  zh-TW: 合成測試資料，非真實案例。\n  en: Synthetic fixture, not a real case.",
        "  zh-TW: 經召開「行政院地方創生會報」10次工作會議。\n"
        "  en: After 10 meetings of the board of the Executive Yuan's Regional Revitalization Board.",
    )
    assert [d.format_text() for d in project.diagnostics()] == [
        f"{CASE}:12:7: warning[term-rendering]: summary.en: the text in 'zh-TW' uses 工作會議, which "
        "content/glossary.yml renders as 'working meetings' in 'en'; this translation does not use it\n"
        "    hint: write 'working meetings' here, or add the form you need under `also` of 'working-meetings' "
        "in content/glossary.yml"
    ]
    result = project.run_cli("validate", "--strict")
    assert result.returncode == 1 and "warning[term-rendering]" in result.stdout


def test_working_meetings_passes_and_a_longer_term_is_not_checked_again_as_a_shorter_one(project):
    _glossary(project)
    project.replace(
        CASE,
        "  zh-TW: 合成測試資料，非真實案例。\n  en: Synthetic fixture, not a real case.",
        "  zh-TW: 經召開「行政院地方創生會報」10次工作會議。\n"
        "  en: After 10 working meetings of the Executive Yuan's Regional Revitalization Board.",
    )
    # 地方創生 appears only inside 地方創生會報: "regional revitalisation" is not asked for
    assert project.diagnostics() == []


def test_explainers_are_checked_with_their_figures_units(project):
    _glossary(project)
    project.write("content/policy/why.en.md", "# Why\n\nThe meetings of the board decided.\n")
    text = project.read("content/policy/why.zh-TW.md")
    project.write("content/policy/why.zh-TW.md", text.rstrip("\n") + "\n\n工作會議決定。\n")
    assert project.headlines() == [
        "content/policy/why.en.md:1:1: warning[term-rendering]: the text in 'zh-TW' uses 工作會議, which "
        "content/glossary.yml renders as 'working meetings' in 'en'; this translation does not use it"
    ]


def test_matching_ignores_case_and_accepts_the_also_forms():
    glossary = Glossary.model_validate(
        {
            "terms": [
                {
                    "id": "working-meetings",
                    "term": {"zh-TW": "工作會議", "en": "working meetings"},
                    "also": {"en": ["working meeting"]},
                }
            ]
        }
    )
    assert term_misses(glossary, {"zh-TW": "一次工作會議", "en": "one Working Meeting"}, "zh-TW") == []
    [miss] = term_misses(glossary, {"zh-TW": "工作會議", "en": "a meeting of the board"}, "zh-TW")
    assert (miss.term.id, miss.lang, miss.expected) == ("working-meetings", "en", "working meetings")


def test_the_sites_own_texts_follow_the_termbase():
    """Every record, data file and explainer of the site renders the termbase's terms as it says."""
    from generator.build.pipeline import load_collection
    from generator.load.project import load_project

    project, _ = load_project(ROOT / "casebook.yml")
    collection, diagnostics = load_collection(project)
    assert collection.glossary is not None and len(collection.glossary.terms) >= 8
    assert [d.format_text() for d in diagnostics if d.code == "term-rendering"] == []
    terms = {t.id: t.term for t in collection.glossary.terms}
    assert terms["working-meetings"] == {"zh-TW": "工作會議", "en": "working meetings"}
    assert terms["regional-revitalization-board"]["en"] == "the Regional Revitalization Board"
