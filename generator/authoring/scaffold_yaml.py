"""The text of a new case record, for `casebook new case` (see scaffold).

Every field carries a note in both languages, because a community member
often edits the file in GitHub's web editor with no other help at hand.

Text values are written in double-quoted YAML by PyYAML's emitter, never by
hand: a title with `: `, `#`, quotes or line breaks reads back exactly, and
text such as `no` or `1e5` stays text under any YAML schema.

The site's "Submit a case" page writes the same text in the reader's browser
(theme/assets/javascripts/submit-yaml.js, which mirrors _TEMPLATE, _text and
_word): change both together; tests/e2e/test_submit.py compares them byte for byte.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import yaml

from generator.authoring.answers import CaseAnswers, Choice, ScaffoldContext
from generator.model.schema import SCHEMA_DIR, schema_filename

# The flags name these two languages (--title-zh, --title-en); a third
# language is added to the written file by hand.
ZH, EN = "zh-TW", "en"
STORY_PLACEHOLDER = {
    ZH: "TODO（草稿預留文字，請替換）：請根據所列來源寫出這個案例：地方面對的課題、做了什麼、誰參與、有什麼成果。",
    EN: "TODO (draft placeholder, replace it): tell the case as the listed sources tell it: the place's "
    "challenge, what was done, who took part and what came of it.",
}

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# 新案例草稿，由 `casebook new case` 建立。改完後請執行 `casebook validate` 檢查。
# A new case drafted by `casebook new case`. Run `casebook validate` after editing.
# 每項事實都要能在 sources 所列的來源中找到；來源沒寫的就留白，不要猜。
# Every fact must come from a source listed under sources; leave out what no source says.
# 以 # 開頭的行是說明，可以刪除。/ Lines starting with # are notes; you may delete them.

# 代號：與檔名相同（小寫英文字母、數字、連字號）。
# Id: the file name without .yml (lower-case letters, digits and hyphens).
id: {id}
# draft＝草稿，不會出現在網站上；published＝公開，每種語言都必須完整。
# draft: not on the site yet; published: on the site, and complete in every language.
status: {status}
# 最後一次有人對照來源檢查本檔的日期（YYYY-MM-DD）。
# The date a person last checked this file against its sources (YYYY-MM-DD).
last_reviewed: {today}
# 英文翻譯是否已有人對照原文校對；校對後改成 true。
# Whether a person has checked the English against the original; set true once done.
translations:
  en: {{reviewed: false}}
# 標題，每種語言一個。
# Title, one per language.
title:
  zh-TW: {title_zh}
  en: {title_en}
# 摘要：一兩句話，顯示在卡片和搜尋結果中。
# Summary: one or two sentences, shown on cards and in search results.
summary:
  zh-TW: {summary_zh}
  en: {summary_en}
# 案例故事（Markdown）。下面是預留文字，請改寫成根據來源的內容。
# The story (Markdown). Below is placeholder text: replace it with the case as the sources tell it.
story:
  zh-TW: |
    {story_zh}
  en: |
    {story_en}
# 地點：content/places.yml 中縣市或鄉鎮市區的代號。
# Place: the id of a county or township in content/places.yml.
place: {place}
# 五支箭：content/taxonomy.yml 中 arrows 的代號，一到五個。
# The five arrows: ids from `arrows` in content/taxonomy.yml, one to five.
arrows:{arrows}
# 科技（ABCDE）：content/taxonomy.yml 中 technologies 的代號；沒有就寫 []。
# Technologies (ABCDE): ids from `technologies` in content/taxonomy.yml; [] if none.
technologies:{technologies}
# 產業：content/taxonomy.yml 中 industries 的代號；沒有就寫 []。
# Industries: ids from `industries` in content/taxonomy.yml; [] if none.
industries:{industries}
# 可選欄位：需要時取消註解並填寫，說明見 schema/case.schema.json。
# Optional fields: uncomment and fill in when needed; schema/case.schema.json explains them.
# brand: <content/brands/ 中品牌的代號 / id of a brand in content/brands/>
# related: [<相關案例的代號 / ids of related cases>]
# outcomes:
#   - text: {{zh-TW: "...", en: "..."}}
#     as_of: "2020-06"
#     sources:
#       - source: <id>
# 出處：content/sources.yml 中的代號；能加頁碼 page 與章節 section 就加。
# Sources: ids from content/sources.yml; add the page and section where you can.
sources:
  - source: {source}{source_note}
    # page: "12"
    # section: {{zh-TW: 第一章, en: Chapter 1}}
"""


def case_yaml(answers: CaseAnswers, context: ScaffoldContext, today: dt.date) -> str:
    """The text of the record file, with a note on every field in both languages."""
    return _TEMPLATE.format(
        schema=_schema_path(context),
        id=_word(answers.id or ""),
        status=_word(answers.status),
        today=today.isoformat(),
        title_zh=_text(answers.title_zh),
        title_en=_text(answers.title_en),
        summary_zh=_text(answers.summary_zh),
        summary_en=_text(answers.summary_en),
        story_zh=STORY_PLACEHOLDER[ZH],
        story_en=STORY_PLACEHOLDER[EN],
        place=_word(answers.place or "") + _label_comment(answers.place, context.places),
        arrows=_id_list(answers.arrows, context.arrows),
        technologies=_id_list(answers.technologies, context.technologies),
        industries=_id_list(answers.industries, context.industries),
        source=_word(answers.source or ""),
        source_note=_label_comment(answers.source, context.sources),
    )


def _schema_path(context: ScaffoldContext) -> str:
    schema = context.project.root / SCHEMA_DIR / schema_filename("case")
    return Path(os.path.relpath(schema, context.cases_dir)).as_posix()


def _text(value: str | None) -> str:
    """Any text as one double-quoted YAML scalar, escaped by PyYAML's emitter."""
    dumped = yaml.safe_dump(value or "", default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.rstrip("\n")


_PLAIN_WORD = re.compile(r"[a-z][a-z0-9-]*")
_YAML_11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _word(value: str) -> str:
    """An id plain when no YAML reader can take it for anything but text, quoted otherwise."""
    if _PLAIN_WORD.fullmatch(value) and value not in _YAML_11_WORDS:
        return value
    return _text(value)


def _id_list(ids: tuple[str, ...], choices: tuple[Choice, ...]) -> str:
    if not ids:
        return " []"
    return "".join(f"\n  - {_word(i)}{_label_comment(i, choices)}" for i in ids)


def _label_comment(value: str | None, choices: tuple[Choice, ...]) -> str:
    """The name behind an id, as a comment, so a person reading the file need not look it up."""
    label = next((c.label for c in choices if c.id == value), None)
    return f"  # {' '.join(label.split())}" if label else ""
