// The menu button of Material's navigation drawer on narrow screens.
// Material opens the drawer with <label for="__drawer">, which a pointer can
// press but a keyboard cannot; theme/partials/header.html puts a real button
// in its place (the label is kept for pages read without scripts), and this
// makes the button open and close the drawer and say whether it is open.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("[data-cb-drawer-button]");
  if (!toggle || !button) {
    return;
  }
  button.addEventListener("click", function () {
    toggle.checked = !toggle.checked;
    toggle.dispatchEvent(new Event("change", {bubbles: true}));
  });
  function report() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }
  toggle.addEventListener("change", report);
  // Material's overlay and its own scripts close the drawer by setting the box, without an event.
  new MutationObserver(report).observe(document.body, {attributes: true, attributeFilter: ["data-md-scrolllock"]});
  window.addEventListener("pageshow", function () {
    // The toggles have no autocomplete="off" (not valid on checkboxes): a page restored from the
    // back-forward cache or by a browser's form restoring opens with the drawer and search closed.
    toggle.checked = false;
    var search = document.getElementById("__search");
    if (search) {
      search.checked = false;
    }
    report();
  });
  report();
})();
