/*
  What search offers when nothing matches: ways to browse the site (every
  case, by county or city, by the five arrows), in the reader's language,
  under Material's "No matching documents". The words and links come with
  the language's search_index.json (config.casebook.empty, written by
  generator/build/outputs.py): from the page's own __index in the kiosk
  (file://), else fetched once, when a query first finds nothing.
*/
(() => {
  "use strict";
  const result = document.querySelector("[data-md-component=search-result]");
  const input = document.querySelector("[data-md-component=search-query]");
  const configElement = document.getElementById("__config");
  if (!result || !input || !configElement) return;
  const config = JSON.parse(configElement.textContent);
  const none = config.translations && config.translations["search.result.none"];
  const meta = result.querySelector(".md-search-result__meta");
  const list = result.querySelector(".md-search-result__list");
  let empty = null;     // Promise of {lead, links}

  function emptyState() {
    if (!empty) {
      empty = typeof __index !== "undefined" && __index.config
        ? Promise.resolve(__index.config)
        : fetch(new URL("search/search_index.json", new URL(config.base, location.href)))
            .then(response => response.json()).then(index => index.config);
      empty = empty.then(indexConfig => (indexConfig.casebook || {}).empty || null).catch(() => null);
    }
    return empty;
  }

  function render(state) {
    let box = result.querySelector(".cb-search-empty");
    const nothing = meta && list && list.children.length === 0 && input.value.trim() !== ""
      && meta.textContent === none;
    if (!nothing || !state) {
      if (box) box.remove();
      return;
    }
    if (box) return;
    box = document.createElement("div");
    box.className = "cb-search-empty";
    const lead = document.createElement("p");
    lead.textContent = state.lead;
    const links = document.createElement("ul");
    const root = new URL(config.base, location.href);
    for (const link of state.links) {
      const item = document.createElement("li");
      const anchor = document.createElement("a");
      anchor.href = new URL(link.href, root).href.replace(/\/$/, location.protocol === "file:" ? "/index.html" : "/");
      anchor.textContent = link.text;
      item.appendChild(anchor);
      links.appendChild(item);
    }
    box.append(lead, links);
    meta.after(box);
  }

  new MutationObserver(() => {
    if (meta && meta.textContent === none && input.value.trim() !== "") emptyState().then(render);
    else render(null);
  }).observe(result, {childList: true, subtree: true, characterData: true});
})();
