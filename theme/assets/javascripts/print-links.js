// Printed pages show where each link leads (the print stylesheet prints
// data-print-url after the link). Links between our pages are relative, so
// they are resolved here: against the canonical URL when the site's address
// is known (casebook.yml site_url), else against the address the page was
// opened from. Without JavaScript, only absolute links print their URL.
(function () {
  "use strict";
  var canonical = document.querySelector('link[rel="canonical"]');
  var base = canonical ? canonical.href : window.location.href;
  if (!/^https?:/.test(base)) {
    return;                      // a page opened from a file has no address to print
  }
  var links = document.querySelectorAll('.md-content a[href]:not([href^="#"]):not([href*=":"])');
  for (var i = 0; i < links.length; i++) {
    links[i].setAttribute("data-print-url", new URL(links[i].getAttribute("href"), base).href);
  }
})();
