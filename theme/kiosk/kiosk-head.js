/* casebook kiosk, in the head before Material's bundle (kiosk copy only).
   Material fetches sitemap.xml beside every <link rel="alternate"> (here the
   Atom feed) to map language versions; a page opened from file:// may not
   fetch, so the request fails. The kiosk has no use for feeds: drop the links. */
(function () {
  "use strict";
  var links = document.querySelectorAll('link[rel="alternate"]');
  for (var i = 0; i < links.length; i++) {
    links[i].parentNode.removeChild(links[i]);
  }
})();
