/*
  casebook's search worker, in place of Material's (theme/main.html points
  Material's search at it): the same messages, so Material's search box,
  result list and keyboard handling stay as they are.

  Material's worker builds a lunr index from the whole search_index.json
  before the first result. This one reads the sharded index that
  generator/publish/search_shards.py writes under the language's root
  (search/index/): docs.json at the first query, then for each query only
  the shards of its terms and the sections of its first results; nothing
  before the reader types. In the kiosk
  (file://, where nothing can be fetched) the whole index comes inline, in
  search_index.js (generator/exhibit/kiosk.py).

  Matching: the query is folded as the index is (lower case, variant
  characters such as 台/臺 to one form: generator/publish/variants.py). A run of
  Han characters must occur as written (every pair of neighbouring characters
  of it, then the text itself for the first results), so 可可 never finds
  可行性; a word of letters or digits also finds the words it begins.
  Ranking: pages named by the query (title or one of their names exactly),
  then pages whose title or names have its terms, then the rest; within each,
  by weight (title, names, section titles, body), then cases, brands,
  counties, policy pages.
*/
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;   // Material's SearchMessageType
const CHECKED = 12;            // results whose sections are fetched: text around the match, phrase checked
const CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{3134f}";
const WORD = /[\p{L}\p{N}]+/gu;
const RUN = new RegExp(`[${CJK}]+|[^${CJK}]+`, "gu");
const IS_CJK = new RegExp(`^[${CJK}]`, "u");

let settings = null;     // config.casebook of the language's search_index.json
let source = null;       // {get(name) -> Promise}
let loaded = null;       // Promise of {places, docs, titles}, made at the first query
let latest = 0;          // the newest query; older ones stop when they see it changed

addEventListener("message", event => {
  const message = event.data;
  if (message.type === SETUP) setup(message.data);
  else if (message.type === QUERY) search(message.data);
});

// Nothing is fetched until the reader types: Material sets search up as the page loads.
function setup(data) {
  settings = (data.config && data.config.casebook) || {shards: 1};
  settings.fold = makeFold(settings.variants);
  source = settings.inline ? inlineSource(settings.inline) : fetchedSource(settings.index || "search/index/");
  postMessage({type: READY});
}

function load() {
  if (!loaded) {
    const fold = settings.fold;
    loaded = source.get("docs").then(({places, docs}) => ({places, docs, titles: docs.map(doc => fold(doc[1]))}));
    loaded.catch(() => { loaded = null; });   // fetched again at the next query
  }
  return loaded;
}

function inlineSource(files) {
  return {get: name => name in files ? Promise.resolve(files[name]) : Promise.resolve(name[0] === "t" ? {} : [])};
}

function fetchedSource(path) {
  // the worker is assets/javascripts/search-worker.js: the site's root is two folders up
  const base = new URL("../../" + path, self.location.href);
  const cache = new Map();
  return {
    get(name) {
      if (!cache.has(name))
        cache.set(name, fetch(new URL(name + ".json", base)).then(response => {
          if (!response.ok) throw new Error(`${response.status} ${response.url}`);
          return response.json();
        }));
      return cache.get(name);
    }
  };
}

// As generator/publish/variants.py folds: lower case, then each character to its variant's form,
// else to its NFKC form when that is one character.
function makeFold(variants) {
  const folds = new Map(Object.entries(variants || {}));
  return text => {
    let out = "";
    for (const char of text.toLowerCase()) {
      let folded = folds.get(char);
      if (folded === undefined) {
        const normal = char.normalize("NFKC").toLowerCase();
        folded = Array.from(normal).length === 1 ? (folds.get(normal) || normal) : char;
        folds.set(char, folded);
      }
      out += folded;
    }
    return out;
  };
}

// -- a query ------------------------------------------------------------------------

function parts(folded) {
  const found = [];
  for (const word of folded.match(WORD) || [])
    for (const run of word.match(RUN) || [])
      found.push({text: run, cjk: IS_CJK.test(run)});
  return found;
}

function shardOf(key, shards) {
  let h = 0x811c9dc5;
  for (const char of key) {
    h ^= char.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

function termsOf(part) {
  const chars = Array.from(part.text);
  if (!part.cjk || chars.length === 1) return [part.text];
  const pairs = [];
  for (let i = 0; i < chars.length - 1; i++) pairs.push(chars[i] + chars[i + 1]);
  return [...new Set(pairs)];
}

// {doc: {weight, named}}: named when the page's title or one of its names has the term
function decode(flat) {
  const out = new Map();
  let doc = 0;
  for (let i = 0; i < flat.length; i += 2) {
    doc += flat[i];
    out.set(doc, {weight: flat[i + 1] >> 1, named: (flat[i + 1] & 1) === 1});
  }
  return out;
}

function both(a, b) {
  const out = new Map();
  for (const [doc, hit] of a) {
    const other = b.get(doc);
    if (other) out.set(doc, {weight: hit.weight + other.weight, named: hit.named && other.named});
  }
  return out;
}

const NAMED = "=";   // a page's title or name, whole: generator/publish/search_shards.py

function shardFor(term) {
  const key = term[0] === NAMED || IS_CJK.test(term) ? term : term.slice(0, 2);
  return source.get("t" + shardOf(key, settings.shards));
}

// the pages whose title or one of whose names is the query
async function namedBy(compact) {
  const term = NAMED + compact;
  const table = await shardFor(term);
  return new Set(table[term] ? decode(table[term]).keys() : []);
}

// {doc: {weight, named}} of one part: every pair of a Han run, or any word a Latin word begins
async function postings(part) {
  if (part.cjk) {
    let found = null;
    for (const term of termsOf(part)) {
      const table = await shardFor(term);
      const docs = table[term] ? decode(table[term]) : new Map();
      found = found === null ? docs : both(found, docs);
      if (found.size === 0) break;
    }
    return found || new Map();
  }
  const table = await shardFor(part.text);
  const found = new Map();
  const prefix = Array.from(part.text).length >= 2;
  for (const [term, flat] of Object.entries(table)) {
    const exact = term === part.text;
    if (!exact && !(prefix && term.startsWith(part.text))) continue;
    for (const [doc, hit] of decode(flat)) {
      const weight = exact ? hit.weight : hit.weight / 2;
      const before = found.get(doc);
      if (!before || before.weight < weight) found.set(doc, {weight, named: hit.named});
    }
  }
  return found;
}

async function search(query) {
  const mine = ++latest;
  let items = [];
  try {
    items = await results(query, () => mine !== latest);
  } catch (error) {
    console.error("search:", error);
  }
  if (mine === latest) postMessage({type: RESULT, data: {items}});
}

async function results(query, stale) {
  if (!source) return [];
  const fold = settings.fold;
  const folded = fold(query).replace(/\s+/g, " ").trim();
  const queryParts = parts(folded);
  if (!queryParts.length) return [];
  const index = load();
  const compact = folded.replace(/ /g, "");
  const named = namedBy(compact);
  for (const part of queryParts) postings(part).catch(() => null);   // every shard fetched at once
  let found = null;
  for (const part of queryParts) {
    const docs = await postings(part);
    if (stale()) return [];
    found = found === null ? docs : both(found, docs);
    if (found.size === 0) return [];
  }
  const {places, docs, titles} = await index;
  const exact = await named;
  if (stale()) return [];
  const ranked = [...found].map(([doc, hit]) => ({
    doc, weight: hit.weight, tier: exact.has(doc) ? 2 : hit.named ? 1 : 0, kind: docs[doc][2]
  }));
  ranked.sort((a, b) => b.tier - a.tier || b.weight - a.weight || a.kind - b.kind || a.doc - b.doc);

  // the first results: fetch their sections, check every Han run occurs as written, find the text to show
  const phrases = queryParts.map(part => part.text);
  const mustCheck = queryParts.some(part => part.cjk && Array.from(part.text).length > 2);
  const shown = [];
  let next = 0;
  const shownIndex = {docs, places, fold, kinds: settings.kinds || []};
  while (next < ranked.length && shown.length < CHECKED) {
    const batch = ranked.slice(next, next + CHECKED - shown.length);
    next += batch.length;
    const sections = await Promise.all(batch.map(hit => source.get("p" + hit.doc).catch(() => [])));
    if (stale()) return [];
    batch.forEach((hit, i) => {
      const where = locate(sections[i], phrases, fold);
      if (mustCheck && where === null && hit.tier < 2 && !phrases.every(p => titles[hit.doc].includes(p)))
        return;
      shown.push(item(shownIndex, hit, where, phrases));
    });
  }
  const rest = ranked.slice(next).map(hit => item(shownIndex, hit, null, phrases));
  return [...shown, ...rest].map((doc, rank, all) => [{...doc, score: all.length - rank}]);
}

// the section and position where the query is found: the longest of its parts first
function locate(sections, phrases, fold) {
  const longest = [...phrases].sort((a, b) => b.length - a.length);
  for (const phrase of longest)
    for (const [anchor, title, text] of sections) {
      const at = fold(text).indexOf(phrase);
      if (at >= 0) return {anchor, title, text, at, length: phrase.length};
    }
  return null;
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, char => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[char]);
}

function highlight(text, phrases, fold) {
  const folded = fold(text);
  const marks = [];
  for (const phrase of phrases) {
    if (!phrase) continue;
    for (let at = folded.indexOf(phrase); at >= 0; at = folded.indexOf(phrase, at + phrase.length))
      marks.push([at, at + phrase.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  let out = "", last = 0;
  for (const [start, end] of marks) {
    if (start < last) continue;
    out += escapeHTML(text.slice(last, start)) + "<mark data-md-highlight>" + escapeHTML(text.slice(start, end)) + "</mark>";
    last = end;
  }
  return out + escapeHTML(text.slice(last));
}

function item(index, hit, where, phrases) {
  const [location, title, kind, placeNumber] = index.docs[hit.doc];
  const place = index.places[placeNumber];
  const facts = [`<span class="cb-search-result__kind">${escapeHTML(index.kinds[kind] || "")}</span>`];
  if (place) facts.push(`<span class="cb-search-result__place">${escapeHTML(place)}</span>`);
  let text = `<span class="cb-search-result__facts">${facts.join(" · ")}</span>`;
  if (where) {
    const start = Math.max(0, where.at - 40);
    const end = Math.min(where.text.length, where.at + where.length + 100);
    const excerpt = (start > 0 ? "…" : "") + where.text.slice(start, end) + (end < where.text.length ? "…" : "");
    const heading = where.title && where.title !== title ? `<strong>${escapeHTML(where.title)}</strong> ` : "";
    text += `<span class="cb-search-result__excerpt">${heading}${highlight(excerpt, phrases, index.fold)}</span>`;
  }
  return {location, title: highlight(title, phrases, index.fold), text, terms: {}};
}
