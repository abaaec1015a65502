/*
 * The text of a new case's file, exactly as `casebook new case` writes it
 * (generator/authoring/scaffold_yaml.py), for the "Submit a case" page.
 * tests/e2e/test_submit.py compares the two byte for byte.
 *
 * The mapping, in the scaffold's order:
 *   answers.id          -> id:              (word: plain when safe, else quoted)
 *   "draft"             -> status:
 *   today               -> last_reviewed:   (YYYY-MM-DD)
 *   answers.title_zh/en -> title: zh-TW/en  (double-quoted, escaped as PyYAML does)
 *   answers.summary_*   -> summary: ...
 *   (placeholder)       -> story: ...       (the scaffold's TODO text)
 *   answers.place       -> place:           (+ "# name / name" comment)
 *   answers.arrows      -> arrows:          (list, each with its comment; [] when none)
 *   answers.technologies, answers.industries -> the same
 *   answers.source      -> sources: - source: (+ comment)
 * `labels` holds the comment after each id (views/submit.py: comment_label).
 */
(function () {
  "use strict";

  var STORY_PLACEHOLDER = {
    zh: "TODO（草稿預留文字，請替換）：請根據所列來源寫出這個案例：地方面對的課題、做了什麼、誰參與、有什麼成果。",
    en: "TODO (draft placeholder, replace it): tell the case as the listed sources tell it: the place's " +
      "challenge, what was done, who took part and what came of it."
  };

  // PyYAML's escapes in a double-quoted scalar (yaml/emitter.py, ESCAPE_REPLACEMENTS).
  var ESCAPES = {
    0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0a: "n", 0x0b: "v", 0x0c: "f", 0x0d: "r",
    0x1b: "e", 0x22: "\"", 0x5c: "\\", 0x85: "N", 0xa0: "_", 0x2028: "L", 0x2029: "P"
  };

  function hex(code, digits) {
    var text = code.toString(16).toUpperCase();
    while (text.length < digits) { text = "0" + text; }
    return text;
  }

  // What PyYAML's emitter writes as is with allow_unicode: printable ASCII, and U+00A0..U+D7FF,
  // U+E000..U+FFFD, except the characters it always escapes.
  function printable(code) {
    if (code === 0x22 || code === 0x5c || code === 0x85 || code === 0x2028 || code === 0x2029 || code === 0xfeff) {
      return false;
    }
    return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd);
  }

  /* Any text as one double-quoted YAML scalar, as yaml.safe_dump(text, default_style='"',
     allow_unicode=True, width=2**30) writes it (the width means it never folds). */
  function quoted(text) {
    var out = "\"";
    for (var i = 0; i < text.length; i++) {
      var code = text.codePointAt(i);
      if (code > 0xffff) { i++; }   // the second half of a surrogate pair
      if (printable(code)) {
        out += String.fromCodePoint(code);
      } else if (Object.prototype.hasOwnProperty.call(ESCAPES, code)) {
        out += "\\" + ESCAPES[code];
      } else if (code <= 0xff) {
        out += "\\x" + hex(code, 2);
      } else if (code <= 0xffff) {
        out += "\\u" + hex(code, 4);
      } else {
        out += "\\U" + hex(code, 8);
      }
    }
    return out + "\"";
  }

  var PLAIN_WORD = /^[a-z][a-z0-9-]*$/;
  var YAML_11_WORDS = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];

  // An id plain when no YAML reader can take it for anything but text, quoted otherwise.
  function word(value) {
    return PLAIN_WORD.test(value) && YAML_11_WORDS.indexOf(value) < 0 ? value : quoted(value);
  }

  function labelComment(value, labels) {
    var label = labels && Object.prototype.hasOwnProperty.call(labels, value) ? labels[value] : null;
    return label ? "  # " + label : "";
  }

  function idList(ids, labels) {
    if (!ids.length) { return " []"; }
    return ids.map(function (id) { return "\n  - " + word(id) + labelComment(id, labels); }).join("");
  }

  /* The file's text. answers: {id, title_zh, title_en, summary_zh, summary_en, place, arrows,
     technologies, industries, source}; data: {schemaPath, labels}; today: "YYYY-MM-DD". */
  function caseYaml(answers, data, today) {
    var labels = data.labels;
    return [
      "# yaml-language-server: $schema=" + data.schemaPath,
      "# 新案例草稿，由 `casebook new case` 建立。改完後請執行 `casebook validate` 檢查。",
      "# A new case drafted by `casebook new case`. Run `casebook validate` after editing.",
      "# 每項事實都要能在 sources 所列的來源中找到；來源沒寫的就留白，不要猜。",
      "# Every fact must come from a source listed under sources; leave out what no source says.",
      "# 以 # 開頭的行是說明，可以刪除。/ Lines starting with # are notes; you may delete them.",
      "",
      "# 代號：與檔名相同（小寫英文字母、數字、連字號）。",
      "# Id: the file name without .yml (lower-case letters, digits and hyphens).",
      "id: " + word(answers.id || ""),
      "# draft＝草稿，不會出現在網站上；published＝公開，每種語言都必須完整。",
      "# draft: not on the site yet; published: on the site, and complete in every language.",
      "status: draft",
      "# 最後一次有人對照來源檢查本檔的日期（YYYY-MM-DD）。",
      "# The date a person last checked this file against its sources (YYYY-MM-DD).",
      "last_reviewed: " + today,
      "# 英文翻譯是否已有人對照原文校對；校對後改成 true。",
      "# Whether a person has checked the English against the original; set true once done.",
      "translations:",
      "  en: {reviewed: false}",
      "# 標題，每種語言一個。",
      "# Title, one per language.",
      "title:",
      "  zh-TW: " + quoted(answers.title_zh || ""),
      "  en: " + quoted(answers.title_en || ""),
      "# 摘要：一兩句話，顯示在卡片和搜尋結果中。",
      "# Summary: one or two sentences, shown on cards and in search results.",
      "summary:",
      "  zh-TW: " + quoted(answers.summary_zh || ""),
      "  en: " + quoted(answers.summary_en || ""),
      "# 案例故事（Markdown）。下面是預留文字，請改寫成根據來源的內容。",
      "# The story (Markdown). Below is placeholder text: replace it with the case as the sources tell it.",
      "story:",
      "  zh-TW: |",
      "    " + STORY_PLACEHOLDER.zh,
      "  en: |",
      "    " + STORY_PLACEHOLDER.en,
      "# 地點：content/places.yml 中縣市或鄉鎮市區的代號。",
      "# Place: the id of a county or township in content/places.yml.",
      "place: " + word(answers.place || "") + labelComment(answers.place, labels.places),
      "# 五支箭：content/taxonomy.yml 中 arrows 的代號，一到五個。",
      "# The five arrows: ids from `arrows` in content/taxonomy.yml, one to five.",
      "arrows:" + idList(answers.arrows || [], labels.arrows),
      "# 科技（ABCDE）：content/taxonomy.yml 中 technologies 的代號；沒有就寫 []。",
      "# Technologies (ABCDE): ids from `technologies` in content/taxonomy.yml; [] if none.",
      "technologies:" + idList(answers.technologies || [], labels.technologies),
      "# 產業：content/taxonomy.yml 中 industries 的代號；沒有就寫 []。",
      "# Industries: ids from `industries` in content/taxonomy.yml; [] if none.",
      "industries:" + idList(answers.industries || [], labels.industries),
      "# 可選欄位：需要時取消註解並填寫，說明見 schema/case.schema.json。",
      "# Optional fields: uncomment and fill in when needed; schema/case.schema.json explains them.",
      "# brand: <content/brands/ 中品牌的代號 / id of a brand in content/brands/>",
      "# related: [<相關案例的代號 / ids of related cases>]",
      "# outcomes:",
      "#   - text: {zh-TW: \"...\", en: \"...\"}",
      "#     as_of: \"2020-06\"",
      "#     sources:",
      "#       - source: <id>",
      "# 出處：content/sources.yml 中的代號；能加頁碼 page 與章節 section 就加。",
      "# Sources: ids from content/sources.yml; add the page and section where you can.",
      "sources:",
      "  - source: " + word(answers.source || "") + labelComment(answers.source, labels.sources),
      "    # page: \"12\"",
      "    # section: {zh-TW: 第一章, en: Chapter 1}",
      ""
    ].join("\n");
  }

  /* The record caseYaml writes, as data, for the validator (the same schema as `casebook validate`). */
  function caseRecord(answers, today) {
    return {
      id: answers.id || "",
      status: "draft",
      last_reviewed: today,
      translations: { en: { reviewed: false } },
      title: { "zh-TW": answers.title_zh || "", en: answers.title_en || "" },
      summary: { "zh-TW": answers.summary_zh || "", en: answers.summary_en || "" },
      story: { "zh-TW": STORY_PLACEHOLDER.zh + "\n", en: STORY_PLACEHOLDER.en + "\n" },
      place: answers.place || "",
      arrows: answers.arrows || [],
      technologies: answers.technologies || [],
      industries: answers.industries || [],
      sources: [{ source: answers.source || "" }]
    };
  }

  var MAX_ID = 80;

  /* An id from an English title, as generator/authoring/scaffold.py's derive_id makes it:
     'Kouhu: smart fish farming' -> 'kouhu-smart-fish-farming'. */
  function deriveId(title) {
    var ascii = title.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    var slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    while (slug.length > MAX_ID) {   // cut at a word, not inside one
      slug = slug.indexOf("-") >= 0 ? slug.slice(0, slug.lastIndexOf("-")) : slug.slice(0, MAX_ID);
    }
    return slug;
  }

  window.CasebookSubmitYaml = { caseYaml: caseYaml, caseRecord: caseRecord, deriveId: deriveId, quoted: quoted };
})();
