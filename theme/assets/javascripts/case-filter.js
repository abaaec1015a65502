/*
 * casebook: the case list's filter, done in the page (cases/).
 *
 * Without this script the list shows every case and the filter is a set of
 * links to the index pages. With it, a form of choices (county, arrow,
 * technology, industry) hides the cards that do not match, keeps the choice
 * in the URL query (cases/?county=yunlin&arrow=branding, so it can be shared
 * and survives reload and Back), and announces the number of cases shown in
 * an aria-live region. Each card carries its values as data- attributes,
 * space-separated (data-arrow="technology branding"). The "show on the map"
 * link ([data-cb-map-link]) carries the same query to the map.
 */
(function () {
  "use strict";

  function setUp(root) {
    var form = root.querySelector("[data-cb-filter-form]");
    var cards = Array.prototype.slice.call(root.querySelectorAll("[data-cb-cards] > li"));
    var count = root.querySelector("[data-cb-filter-count]");
    var empty = root.querySelector("[data-cb-filter-empty]");
    var links = root.querySelector("[data-cb-facet-links]");
    var mapLink = root.querySelector("[data-cb-map-link]");
    var mapBase = mapLink ? mapLink.getAttribute("href") : "";
    if (!form || !count) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

    function chosen() {
      var choice = {};
      selects.forEach(function (select) {
        if (select.value) choice[select.name] = select.value;
      });
      return choice;
    }

    function matches(card, choice) {
      return Object.keys(choice).every(function (key) {
        var values = (card.getAttribute("data-" + key) || "").split(" ");
        return values.indexOf(choice[key]) !== -1;
      });
    }

    function announce(shown) {
      var total = cards.length;
      var template = shown !== total ? root.getAttribute(total === 1 ? "data-count-some-one" : "data-count-some")
        : root.getAttribute(total === 1 ? "data-count-all-one" : "data-count-all");
      count.textContent = template.replace("{shown}", shown).replace("{total}", total);
    }

    function apply() {
      var choice = chosen();
      var shown = 0;
      cards.forEach(function (card) {
        var visible = matches(card, choice);
        card.hidden = !visible;
        if (visible) shown += 1;
      });
      if (empty) empty.hidden = shown !== 0;
      announce(shown);
      return choice;
    }

    function writeQuery(choice) {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        if (choice[select.name]) params.set(select.name, choice[select.name]);
        else params.delete(select.name);
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(null, "", url);
      showOnMap();
    }

    function showOnMap() {
      if (mapLink) mapLink.setAttribute("href", mapBase + window.location.search);
    }

    function readQuery() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var value = params.get(select.name) || "";
        // Only a value the select offers: an unknown one from a stale link means "any".
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
        select.value = known ? value : "";
      });
    }

    form.addEventListener("change", function () {
      writeQuery(apply());
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the fields are cleared.
      window.setTimeout(function () { writeQuery(apply()); }, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });

    form.hidden = false;
    if (links) links.hidden = true;
    readQuery();
    apply();
    showOnMap();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-cb-filter]"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
