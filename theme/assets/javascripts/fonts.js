// The font stylesheet is fetched as a print stylesheet, which never holds up the
// first paint (theme/main.html); once it has loaded it is switched on for the screen.
document.querySelectorAll("link[data-cb-fonts]").forEach(function (link) {
  function use() { link.media = "all"; }
  if (link.sheet) { use(); } else { link.addEventListener("load", use); }
});
