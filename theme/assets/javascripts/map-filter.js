// The map follows the case list's filter, both ways.
//
// The query is the case list's (county, arrow, technology, industry; each may
// repeat or hold comma-separated ids): markers and list entries of cases that
// do not match are hidden. A case matches when, for every parameter given, it
// has one of the ids asked for. Each county on the map links to its own page;
// with this script it links to the map filtered to that county instead
// (clicking the chosen county again shows every case), the address changes
// with the filter (so Back undoes it), and "show in the case list" keeps the
// query. Without JavaScript every marker shows and counties open their pages.
(function () {
  "use strict";
  var FILTERS = ["county", "arrow", "technology", "industry"];
  var map = document.querySelector("[data-map-filter]");
  if (!map) {
    return;
  }
  var counties = Array.prototype.slice.call(map.querySelectorAll(".cb-map__county"));
  var items = Array.prototype.slice.call(map.querySelectorAll(".cb-map__marker, .cb-map__list > li"));
  var status = map.querySelector(".cb-map__status");
  var caseList = map.querySelector("[data-map-case-list]");
  var caseListBase = map.getAttribute("data-case-list");

  function wanted(search) {
    var params = new URLSearchParams(search);
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

  // The query with the county set to `county` ("" for none), the other filters kept.
  function queryWith(county) {
    var params = new URLSearchParams(window.location.search);
    params.delete("county");
    if (county) {
      params.set("county", county);
    }
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function countyName(id) {
    var link = map.querySelector('.cb-map__counties-list a[data-county="' + id + '"]');
    return link ? link.textContent : id;
  }

  function apply() {
    var asked = wanted(window.location.search);
    var chosen = asked.county || [];
    var shown = 0;
    var total = 0;
    items.forEach(function (element) {
      var match = matches(element, asked);
      // SVG elements ignore the HTML hidden attribute, so hide both kinds by style.
      element.style.display = match ? "" : "none";
      if (element.tagName.toLowerCase() === "li") {
        total += 1;
        if (match) {
          shown += 1;
        }
      }
    });
    counties.forEach(function (link) {
      var id = link.getAttribute("data-county");
      var selected = chosen.indexOf(id) !== -1;
      link.setAttribute("href", window.location.pathname + queryWith(selected ? "" : id));
      if (selected) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    if (caseList) {
      caseList.setAttribute("href", caseListBase + window.location.search);
    }
    if (!status) {
      return;
    }
    status.textContent = "";
    if (!Object.keys(asked).length) {
      return;
    }
    var text = map.getAttribute("data-status").replace("{shown}", shown).replace("{total}", total);
    if (chosen.length) {
      text += map.getAttribute("data-status-county").replace("{county}", chosen.map(countyName).join(", "));
    }
    status.appendChild(document.createTextNode(text + " "));
    var all = document.createElement("a");
    all.href = window.location.pathname;       // the same map without a filter
    all.textContent = map.getAttribute("data-clear");
    all.addEventListener("click", function (event) {
      event.preventDefault();
      go(window.location.pathname);
    });
    status.appendChild(all);
  }

  function go(url) {
    try {
      window.history.pushState(null, "", url + window.location.hash);
    } catch (error) {
      window.location.href = url;              // a page opened from disk may refuse pushState: load it
      return;
    }
    apply();
  }

  counties.forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;                                // a new tab or window gets the link as it is
      }
      event.preventDefault();
      go(link.getAttribute("href"));
    });
  });
  window.addEventListener("popstate", apply);
  apply();
})();
