// The map follows the case list's filter: the same query parameters (county,
// arrow, technology, industry; each may repeat or hold comma-separated ids)
// hide the markers and list entries of cases that do not match. A case
// matches when, for every parameter given, it has one of the ids asked for.
// Without JavaScript, or without a query, every marker shows.
(function () {
  "use strict";
  var FILTERS = ["county", "arrow", "technology", "industry"];
  var map = document.querySelector("[data-map-filter]");
  if (!map) {
    return;
  }

  function wanted() {
    var params = new URLSearchParams(window.location.search);
    var asked = {};
    FILTERS.forEach(function (name) {
      var ids = [];
      params.getAll(name).forEach(function (value) {
        value.split(",").forEach(function (id) {
          if (id.trim()) {
            ids.push(id.trim());
          }
        });
      });
      if (ids.length) {
        asked[name] = ids;
      }
    });
    return asked;
  }

  function matches(element, asked) {
    return Object.keys(asked).every(function (name) {
      var own = (element.getAttribute("data-" + name) || "").split(" ");
      return asked[name].some(function (id) {
        return own.indexOf(id) !== -1;
      });
    });
  }

  var asked = wanted();
  if (!Object.keys(asked).length) {
    return;
  }
  var shown = 0;
  var markers = map.querySelectorAll(".cb-map__marker, .cb-map__list > li");
  Array.prototype.forEach.call(markers, function (element) {
    var match = matches(element, asked);
    // SVG elements ignore the HTML hidden attribute, so hide both kinds by style.
    element.style.display = match ? "" : "none";
    if (match && element.tagName.toLowerCase() === "li") {
      shown += 1;
    }
  });
  // A tile stays highlighted only while one of its markers shows.
  Array.prototype.forEach.call(map.querySelectorAll(".cb-map__tile"), function (tile) {
    var id = tile.getAttribute("data-tile");
    var visible = Array.prototype.some.call(map.querySelectorAll('.cb-map__marker[data-tile="' + id + '"]'),
      function (marker) { return marker.style.display !== "none"; });
    tile.classList.toggle("cb-map__tile--cases", visible);
  });
  var total = map.querySelectorAll(".cb-map__list > li").length;
  var status = map.querySelector(".cb-map__status");
  if (status) {
    status.textContent = map.getAttribute("data-status").replace("{shown}", shown).replace("{total}", total) + " ";
    var all = document.createElement("a");
    all.href = window.location.pathname;       // the same map without a filter
    all.textContent = map.getAttribute("data-clear");
    status.appendChild(all);
    status.hidden = false;
  }
})();
