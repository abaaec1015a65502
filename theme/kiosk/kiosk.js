/* casebook kiosk: added only to the exhibition kit's offline copy of the site
   (generator/exhibit/kiosk.py). Settings come from kiosk-settings.js, written
   beside this file:

   - back to the home page after `idleSeconds` without a touch, click, key or
     scroll (0: never), in the default type size;
   - a button that switches large type, for reading at a touch screen;
   - links that would leave the kiosk (no network there) do nothing and say
     so on screen (a tooltip is never seen on a touch screen);
   - downloads (JSON, CSV, feeds) and pages for editors (translation status)
     are left out: a visitor cannot use them;
   - an attract screen after the idle return, gone at the first touch;
   - search without a keyboard: the kit's place names and case titles as
     buttons to tap, and an on-screen Latin keyboard. */
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

  var ATTRACT = "casebook-kiosk-attract";

  function goHome() {
    try {
      window.sessionStorage.removeItem(STORE);
      window.sessionStorage.setItem(ATTRACT, "1");
    } catch (error) { /* private mode */ }
    if (atHome()) {
      setLarge(!!settings.largeType);
      showAttract();
      restart();
    } else {
      location.href = home.href;
    }
  }

  // -- attract screen ------------------------------------------------------------------------------
  function showAttract() {
    try { window.sessionStorage.removeItem(ATTRACT); } catch (error) { /* private mode */ }
    if (document.querySelector(".cb-kiosk-attract")) { return; }
    var panel = document.createElement("div");
    panel.className = "cb-kiosk-attract";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", label("attract"));
    var title = document.createElement("p");
    title.className = "cb-kiosk-attract__title";
    title.textContent = label("attract");
    var hint = document.createElement("p");
    hint.className = "cb-kiosk-attract__hint";
    hint.textContent = label("attract_hint");
    panel.appendChild(title);
    panel.appendChild(hint);
    panel.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      panel.remove();
    });
    document.body.appendChild(panel);
  }

  function attractPending() {
    try { return window.sessionStorage.getItem(ATTRACT) === "1"; } catch (error) { return false; }
  }

  // -- links that would need the network ---------------------------------------------------------
  var toastTimer = null;
  function say(text) {
    var toast = document.querySelector(".cb-kiosk-toast");
    if (!toast) {
      toast = document.createElement("p");
      toast.className = "cb-kiosk-toast";
      toast.setAttribute("role", "status");
      document.body.appendChild(toast);
    }
    toast.textContent = text;
    toast.hidden = false;
    if (toastTimer) { clearTimeout(toastTimer); }
    toastTimer = setTimeout(function () { toast.hidden = true; }, 6000);
  }

  function offline(event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !/^https?:$/.test(link.protocol)) { return; }
    if (location.protocol === "file:" || link.host !== location.host) {
      event.preventDefault();
      say(label("offline"));
    }
  }

  // -- what a visitor cannot use: downloads and editors' pages -------------------------------------------
  // The submit form is not in the kiosk at all (generator/exhibit/kiosk.py, left_out); its links go too.
  var NOT_FOR_VISITORS = /(\.(json|csv|xml|zip)$)|(\/translations(\.html|\/)?$)|(\/open-data(\/|\.html|$))|(\/submit(\.html|\/)?$)/;

  function hideDeadEnds() {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var path = link.pathname || "";
      if (link.protocol === location.protocol && NOT_FOR_VISITORS.test(path)) {
        var item = link.closest("li") || link;
        item.hidden = true;
        item.setAttribute("data-kiosk-hidden", "");
      }
    }
    if (NOT_FOR_VISITORS.test(location.pathname)) { location.replace(home.href); }
  }

  // -- map markers: a hit area of at least 48 px around each, drawn transparent ---------------------------
  var SVG = "http://www.w3.org/2000/svg";
  function widenMarkers() {
    var links = document.querySelectorAll("svg a");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var box = link.getBBox ? link.getBBox() : null;
      var rect = link.getBoundingClientRect();
      if (!box || !box.width || !rect.width || rect.width >= 48 && rect.height >= 48) { continue; }
      var perUnit = rect.width / box.width;                 // screen pixels per SVG unit
      var hit = document.createElementNS(SVG, "circle");
      hit.setAttribute("cx", box.x + box.width / 2);
      hit.setAttribute("cy", box.y + box.height / 2);
      hit.setAttribute("r", 25 / perUnit);
      hit.setAttribute("fill", "transparent");
      hit.setAttribute("class", "cb-kiosk-hit");
      link.insertBefore(hit, link.firstChild);
    }
  }

  // -- search by tapping --------------------------------------------------------------------------------------
  var KEYS = "QWERTYUIOP ASDFGHJKL ZXCVBNM".split(" ");

  function typeInto(input, text, replace) {
    input.value = replace ? text : input.value + text;
    input.focus();
    // Material searches on keyup and input events.
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "End" }));
  }

  function makeButton(text, className, onTap) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = text;
    b.addEventListener("pointerdown", function (event) { event.preventDefault(); });   // keep the input focused
    b.addEventListener("click", onTap);
    return b;
  }

  function addSearchHelp() {
    var input = document.querySelector("input.md-search__input");
    // Inside Material's drop-down, above the results: shown only while search is open.
    var output = document.querySelector(".md-search__scrollwrap");
    if (!input || !output) { return; }
    var lang = (root.lang || "").toLowerCase();
    var table = (settings.labels || {})[lang] || (settings.labels || {})[settings.defaultLanguage] || {};
    var panel = document.createElement("div");
    panel.className = "cb-kiosk-search";
    var heading = document.createElement("p");
    heading.className = "cb-kiosk-search__title";
    heading.textContent = label("suggestions");
    panel.appendChild(heading);
    var names = document.createElement("div");
    names.className = "cb-kiosk-search__names";
    (table.names || []).forEach(function (name) {
      names.appendChild(makeButton(name, "cb-kiosk-chip", function () { typeInto(input, name, true); }));
    });
    panel.appendChild(names);
    var keyboard = document.createElement("div");
    keyboard.className = "cb-kiosk-keyboard";
    keyboard.setAttribute("aria-label", label("keyboard"));
    KEYS.forEach(function (row) {
      var line = document.createElement("div");
      line.className = "cb-kiosk-keyboard__row";
      row.split("").forEach(function (key) {
        line.appendChild(makeButton(key, "cb-kiosk-key", function () { typeInto(input, key.toLowerCase(), false); }));
      });
      keyboard.appendChild(line);
    });
    var last = document.createElement("div");
    last.className = "cb-kiosk-keyboard__row";
    last.appendChild(makeButton(label("space"), "cb-kiosk-key cb-kiosk-key--wide", function () { typeInto(input, " ", false); }));
    last.appendChild(makeButton(label("backspace"), "cb-kiosk-key cb-kiosk-key--wide", function () {
      typeInto(input, input.value.slice(0, -1), true);
    }));
    keyboard.appendChild(last);
    panel.appendChild(keyboard);
    output.insertBefore(panel, output.firstChild);
  }

  root.classList.add("cb-kiosk");
  root.classList.toggle(LARGE, storedLarge());   // before the first paint, so the page does not jump
  document.addEventListener("DOMContentLoaded", function () {
    addButton();
    hideDeadEnds();
    addSearchHelp();
    widenMarkers();
    if (attractPending() && location.pathname === home.pathname) { showAttract(); }
    restart();
  });
  ["pointerdown", "keydown", "wheel", "touchstart", "scroll"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true, capture: true });
  });
  document.addEventListener("click", offline, true);
})();
