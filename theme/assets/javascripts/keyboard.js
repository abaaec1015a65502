// Keyboard use of Material's navigation drawer on narrow screens. Material
// opens it with <label for="__drawer">, which a pointer can press but a
// keyboard cannot; theme/partials/header.html makes the label focusable as a
// button, and this presses it on Enter or Space and reports its state.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("[data-cb-drawer-button]");
  if (!toggle || !button) {
    return;
  }
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.stopPropagation();   // Material presses focused labels on Enter too: once is enough
      button.click();
    }
  });
  function report() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }
  toggle.addEventListener("change", report);
  report();
})();
