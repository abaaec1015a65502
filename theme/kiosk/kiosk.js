/* casebook kiosk: added only to the exhibition kit's offline copy of the site
   (generator/exhibit/kiosk.py). Settings come from kiosk-settings.js, written
   beside this file:

   - back to the home page after `idleSeconds` without a touch, click, key or
     scroll (0: never), in the default type size;
   - a button that switches large type, for reading at a touch screen;
   - links that would leave the kiosk (no network there) do nothing. */
(function () {
  "use strict";
  var settings = window.casebookKiosk || {};
  var script = document.currentScript;
  // This file is assets/kiosk/kiosk.js: the home page is two folders up, on disk or served.
  var home = new URL("../../index.html", script.src);
  var LARGE = "cb-kiosk-large";
  var STORE = "casebook-kiosk-large";
  var root = document.documentElement;

  function label(key) {
    var lang = (root.lang || "").toLowerCase();
    var table = settings.labels || {};
    var strings = table[lang] || table[lang.split("-")[0]] || table[settings.defaultLanguage] || {};
    return strings[key] || key;
  }

  // -- large type ---------------------------------------------------------------------
  function storedLarge() {
    try {
      var value = window.sessionStorage.getItem(STORE);
      return value === null ? !!settings.largeType : value === "1";
    } catch (error) {
      return !!settings.largeType;
    }
  }

  function setLarge(on) {
    root.classList.toggle(LARGE, on);
    try { window.sessionStorage.setItem(STORE, on ? "1" : "0"); } catch (error) { /* private mode */ }
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  var button = null;
  function addButton() {
    button = document.createElement("button");
    button.type = "button";
    button.className = "cb-kiosk-type";
    button.textContent = label("large_type");
    button.addEventListener("click", function () { setLarge(!root.classList.contains(LARGE)); });
    document.body.appendChild(button);
    setLarge(storedLarge());
  }

  // -- back home when idle ----------------------------------------------------------------
  function atHome() {
    return location.pathname === home.pathname && window.scrollY === 0;
  }

  var timer = null;
  function restart() {
    if (timer) { clearTimeout(timer); }
    if (settings.idleSeconds > 0) {
      timer = setTimeout(goHome, settings.idleSeconds * 1000);
    }
  }

  function goHome() {
    try { window.sessionStorage.removeItem(STORE); } catch (error) { /* private mode */ }
    if (atHome()) {
      setLarge(!!settings.largeType);
      restart();
    } else {
      location.href = home.href;
    }
  }

  // -- links that would need the network ---------------------------------------------------------
  function offline(event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !/^https?:$/.test(link.protocol)) { return; }
    if (location.protocol === "file:" || link.host !== location.host) {
      event.preventDefault();
      link.setAttribute("title", label("offline"));
    }
  }

  root.classList.add("cb-kiosk");
  root.classList.toggle(LARGE, storedLarge());   // before the first paint, so the page does not jump
  document.addEventListener("DOMContentLoaded", function () {
    addButton();
    restart();
  });
  ["pointerdown", "keydown", "wheel", "touchstart", "scroll"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true, capture: true });
  });
  document.addEventListener("click", offline, true);
})();
