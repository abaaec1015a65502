/*
 * The "Submit a case" page (theme/casebook/submit.html): shows the form, checks
 * the answers against the case schema with ajv (vendor/ajv2020.min.js) and the
 * site's own choices, writes the file with submit-yaml.js, and offers it three
 * ways: GitHub's new-file editor, copy, download.
 *
 * Checked when a field is left and when the form is sent, never while a
 * Chinese input method is composing: a field with an error is checked again
 * on input once composition has ended, so the error goes as soon as it is fixed.
 * Everything a person typed reaches the page only as text (textContent, value).
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-cb-submit-form]");
  var dataElement = document.getElementById("cb-submit-data");
  if (!form || !dataElement || !window.CasebookAjv || !window.CasebookSubmitYaml) { return; }
  var data = JSON.parse(dataElement.textContent);
  var writer = window.CasebookSubmitYaml;
  var messages = JSON.parse(document.getElementById("cb-submit-messages").textContent);
  var validateRecord = compile(data.schema);

  // C0 controls but tab and newline, DEL, C1 controls, the line and paragraph separators:
  // what `casebook validate` rejects (generator/check/records.py, CONTROL).
  var CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/;
  var TEXTS = ["title_zh", "title_en", "id", "summary_zh", "summary_en"];
  var GROUPS = ["arrows", "technologies", "industries"];
  var ORDER = ["title_zh", "title_en", "id", "summary_zh", "summary_en", "place", "arrows", "technologies",
    "industries", "source"];
  // Where each answer sits in the record (JSON pointer -> form field).
  var POINTERS = {
    "/title/zh-TW": "title_zh", "/title/en": "title_en", "/summary/zh-TW": "summary_zh",
    "/summary/en": "summary_en", "/id": "id", "/place": "place", "/sources/0/source": "source"
  };
  var CHOICES = { place: "places", source: "sources", arrows: "arrows", technologies: "technologies",
    industries: "industries" };
  var idEdited = false;

  function compile(schema) {
    var ajv = new window.CasebookAjv({ allErrors: true, strict: false });
    ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
    return ajv.compile(schema);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function length(text) { return Array.from(text).length; }   // characters, as the schema counts them

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  // -- answers -------------------------------------------------------------------------------------
  function value(name) { return form.elements[name].value.trim(); }

  function checked(name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
  }

  function answers() {
    return {
      id: value("id"), title_zh: value("title_zh"), title_en: value("title_en"),
      summary_zh: value("summary_zh"), summary_en: value("summary_en"), place: value("place"),
      arrows: checked("arrows"), technologies: checked("technologies"), industries: checked("industries"),
      source: value("source")
    };
  }

  // -- checks: field name -> message ---------------------------------------------------------------
  function problems(given) {
    var found = {};
    function add(field, message) { if (!found[field]) { found[field] = message; } }
    TEXTS.forEach(function (name) {
      if (!given[name]) { add(name, messages["error.required"]); }
      else if (CONTROL.test(given[name])) { add(name, messages["error.control"]); }
    });
    if (given.id && data.takenIds.indexOf(given.id) >= 0) { add("id", messages["error.id_taken"]); }
    Object.keys(CHOICES).forEach(function (name) {
      var known = data.labels[CHOICES[name]];
      var values = Array.isArray(given[name]) ? given[name] : (given[name] ? [given[name]] : []);
      if (values.some(function (v) { return !Object.prototype.hasOwnProperty.call(known, v); })) {
        add(name, messages["error.choice"]);
      }
    });
    if (!validateRecord(writer.caseRecord(given, today()))) {
      validateRecord.errors.forEach(function (error) { schemaProblem(error, given, add); });
    }
    return found;
  }

  function schemaProblem(error, given, add) {
    var pointer = error.instancePath;
    var field = POINTERS[pointer] || (pointer.split("/")[1] in CHOICES ? pointer.split("/")[1] : null);
    if (!field) { return; }
    var limit = error.params && error.params.limit;
    if (error.keyword === "minLength" || (error.keyword === "minItems" && field !== "arrows")) {
      add(field, messages["error.required"]);
    } else if (error.keyword === "minItems") {
      add(field, messages["error.arrows_min"]);
    } else if (error.keyword === "maxLength") {
      var text = Array.isArray(given[field]) ? "" : given[field];
      add(field, fill(messages["error.too_long"], { limit: limit, count: length(text) }));
    } else if (error.keyword === "maxItems") {
      add(field, fill(messages["error.too_many"], { limit: limit }));
    } else if (error.keyword === "pattern") {
      add(field, field === "id" ? messages["error.id_pattern"] : messages["error.choice"]);
    } else {
      add(field, messages["error.choice"]);
    }
  }

  // -- showing them --------------------------------------------------------------------------------
  function control(name) {
    return GROUPS.indexOf(name) >= 0 ? form.querySelector("input[name='" + name + "']") : form.elements[name];
  }

  function show(name, message) {
    var line = form.querySelector("[data-cb-error-for='" + name + "']");
    line.textContent = message || "";
    line.hidden = !message;
    if (GROUPS.indexOf(name) < 0) {
      if (message) { control(name).setAttribute("aria-invalid", "true"); }
      else { control(name).removeAttribute("aria-invalid"); }
    }
  }

  function isShown(name) {
    return !form.querySelector("[data-cb-error-for='" + name + "']").hidden;
  }

  function check(name) {
    show(name, problems(answers())[name]);
  }

  function fieldOf(target) {
    var name = target && target.name;
    return ORDER.indexOf(name) >= 0 ? name : null;
  }

  // A field left by pressing on another control is checked once the press is over: a message
  // appearing under it would move that control away between press and release, losing the click.
  var pressing = false;
  var leftWhilePressing = [];
  document.addEventListener("pointerdown", function () { pressing = true; }, true);
  function released() {
    pressing = false;
    setTimeout(function () { leftWhilePressing.splice(0).forEach(check); }, 0);   // after the click
  }
  document.addEventListener("pointerup", released, true);
  document.addEventListener("pointercancel", released, true);

  form.addEventListener("focusout", function (event) {
    var name = fieldOf(event.target);
    if (!name || GROUPS.indexOf(name) >= 0) { return; }
    if (pressing) { leftWhilePressing.push(name); } else { check(name); }
  });
  form.addEventListener("change", function (event) {
    var name = fieldOf(event.target);
    if (name && (GROUPS.indexOf(name) >= 0 || isShown(name))) { check(name); }
  });
  form.addEventListener("input", function (event) {
    var name = fieldOf(event.target);
    if (name === "id") { idEdited = event.target.value !== ""; }
    if (name === "title_en" && !idEdited) { form.elements.id.value = writer.deriveId(event.target.value); }
    if (name && !event.isComposing && isShown(name)) { check(name); }
  });
  form.addEventListener("compositionend", function (event) {
    var name = fieldOf(event.target);
    if (name && isShown(name)) { check(name); }
  });

  function labelOf(name) {
    var element = form.querySelector("label[for='" + name + "']") ||
      form.querySelector("[data-cb-group='" + name + "'] legend");
    return element ? element.textContent.trim() : name;
  }

  function showSummary(found) {
    var summary = form.querySelector("[data-cb-summary]");
    var list = summary.querySelector("[data-cb-summary-list]");
    list.textContent = "";
    var names = ORDER.filter(function (name) { return found[name]; });
    names.forEach(function (name) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (GROUPS.indexOf(name) >= 0 ? control(name).id || name : name);
      link.textContent = labelOf(name) + messages["error.separator"] + found[name];
      link.addEventListener("click", function (event) {
        event.preventDefault();
        control(name).focus();
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = names.length === 0;
    return names;
  }

  // -- the file, three ways --------------------------------------------------------------------------
  var result = document.querySelector("[data-cb-result]");
  var status = result.querySelector("[data-cb-status]");
  var output = document.getElementById("submit-yaml");
  var downloadUrl = null;

  /* GitHub's new-file editor with the file's name, and its text unless text is null. Encoded as a
     form (a space is "+", not "%20") and with "/", ":" and "," left as they are, all allowed in a
     query: the file's comments are long, and every byte counts against GitHub's limit. */
  function editorUrl(id, text) {
    var query = new URLSearchParams({ filename: data.casesFolder + "/" + id + ".yml" });
    if (text !== null) { query.append("value", text); }
    var encoded = query.toString().replace(/%2F/g, "/").replace(/%3A/g, ":").replace(/%2C/g, ",");
    return data.newFileUrl + "?" + encoded;
  }

  function offer(given, text) {
    output.value = text;
    status.textContent = "";
    if (downloadUrl) { URL.revokeObjectURL(downloadUrl); }
    downloadUrl = URL.createObjectURL(new Blob([text], { type: "application/yaml;charset=utf-8" }));
    var download = result.querySelector("[data-cb-download]");
    download.href = downloadUrl;
    download.setAttribute("download", given.id + ".yml");
    if (data.newFileUrl) {
      var url = editorUrl(given.id, text);
      var fits = url.length <= data.maxUrl;
      result.querySelector("[data-cb-github]").hidden = !fits;
      result.querySelector("[data-cb-too-long]").hidden = fits;
      result.querySelector("[data-cb-github-link]").href = fits ? url : "#";
      result.querySelector("[data-cb-github-empty]").href = editorUrl(given.id, null);
      result.querySelector("[data-cb-too-long-text]").textContent =
        fill(messages["out.too_long"], { limit: data.maxUrl, count: url.length });
    }
    result.hidden = false;
    result.querySelector("h2").focus();
  }

  function copy() {
    function copied() { status.textContent = messages["out.copied"]; }
    function byHand() {
      output.focus();
      output.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      status.textContent = done ? messages["out.copied"] : messages["out.copy_failed"];
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(output.value).then(copied, byHand);
    } else {
      byHand();
    }
  }
  result.querySelectorAll("[data-cb-copy]").forEach(function (button) { button.addEventListener("click", copy); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var given = answers();
    var found = problems(given);
    ORDER.forEach(function (name) { show(name, found[name]); });
    var names = showSummary(found);
    if (names.length) {
      result.hidden = true;
      control(names[0]).focus();
      return;
    }
    offer(given, writer.caseYaml(given, data, today()));
  });

  // Choosing a county leaves only its places in the place list (all of them again with "all").
  var countySelect = form.querySelector("[data-cb-place-county]");
  var placeSelect = form.elements.place;
  var allPlaces = Array.prototype.slice.call(placeSelect.children).map(function (node) {
    return node.cloneNode(true);
  });
  function showPlacesOf(countyId) {
    var chosen = placeSelect.value;
    var shown = allPlaces.filter(function (node) {
      return !countyId || node.tagName !== "OPTGROUP" || node.querySelector("option").value === countyId;
    }).map(function (node) { return node.cloneNode(true); });
    placeSelect.replaceChildren.apply(placeSelect, shown);
    placeSelect.value = Array.prototype.some.call(placeSelect.options, function (o) { return o.value === chosen; })
      ? chosen : "";
  }
  if (countySelect) {
    countySelect.addEventListener("change", function () { showPlacesOf(countySelect.value); });
  }

  form.hidden = false;
})();
