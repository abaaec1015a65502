// Printed pages: the masthead's address and date, and endnotes for links.
//
// The masthead (theme/partials/print-masthead.html) shows the page's
// canonical URL when the site's address is known; otherwise the address the
// page was opened from is filled in here, with the date it is printed.
//
// Links in the body's running text (story, explainers, sources) print as
// numbered endnotes with their full address, resolved against the canonical
// URL when known. Navigation, chips, cards and the page's own controls get
// no note: their addresses would only clutter the paper.
(function () {
  "use strict";
  var canonical = document.querySelector('link[rel="canonical"]');
  var base = canonical ? canonical.href : window.location.href;
  var web = /^https?:/.test(base);   // a page opened from a file has no address to print

  var address = document.querySelector("[data-cb-print-address]");
  if (address && !canonical && web) {
    address.textContent = window.location.href.split("#")[0];
  }
  var date = document.querySelector("[data-cb-print-date]");
  function stamp() {
    if (!date) return;
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var day = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    date.textContent = (date.getAttribute("data-label") || "") + day;
  }
  stamp();
  window.addEventListener("beforeprint", stamp);

  if (!web) return;
  var content = document.querySelector(".md-content__inner");
  if (!content) return;
  var skip = ".cb-chips, .cb-cards, .cb-suggest, .cb-facets, .cb-aka, .cb-record__place, nav, " +
             ".cb-gaps__help, .headerlink, .cb-print-only, .cb-home, .cb-finder, .cb-ref, sup, .cb-status-cards";
  var links = content.querySelectorAll("a[href]:not([href^='#'])");
  var notes = [];
  var numbers = {};
  for (var i = 0; i < links.length; i++) {
    var link = links[i];
    if (link.closest(skip)) continue;
    var href = link.getAttribute("href");
    if (/^(mailto|tel|javascript):/i.test(href)) continue;
    var url = new URL(href, base).href;
    if (!(url in numbers)) {
      notes.push(url);
      numbers[url] = notes.length;
    }
    var mark = document.createElement("sup");
    mark.className = "cb-print-only cb-endnote-mark";
    mark.textContent = numbers[url];
    link.insertAdjacentElement("afterend", mark);
  }
  if (!notes.length) return;
  var list = document.createElement("section");
  list.className = "cb-print-only cb-endnotes";
  var heading = document.createElement("h2");
  var masthead = document.querySelector("[data-cb-endnotes-title]");
  heading.textContent = masthead ? masthead.getAttribute("data-cb-endnotes-title") : "";
  list.appendChild(heading);
  var ol = document.createElement("ol");
  notes.forEach(function (url) {
    var li = document.createElement("li");
    li.textContent = url;
    ol.appendChild(li);
  });
  list.appendChild(ol);
  var qr = content.querySelector(".cb-print-qr");
  content.insertBefore(list, qr || null);
})();
