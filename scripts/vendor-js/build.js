// Bundles ajv for the browser into theme/assets/javascripts/vendor/ (`make vendor-js`).
// The output is committed: builds and readers never need npm or a CDN. Reproducible:
// the same package-lock.json gives the same bytes. Its header names every package
// bundled with its version and licence; their licence texts go beside it.
"use strict";
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");

const ROOT = path.resolve(__dirname, "..", "..");
const OUT_DIR = path.join(ROOT, "theme", "assets", "javascripts", "vendor");
const OUT = path.join(OUT_DIR, "ajv2020.min.js");
const LICENCES = path.join(OUT_DIR, "LICENSE-ajv2020.txt");

function bundledPackages(metafile) {
  const names = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (match) names.add(match[1]);
  }
  return [...names].sort().map((name) => {
    const dir = path.join(ROOT, "node_modules", name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const file = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    return { name, version: pkg.version, licence: pkg.license, text: fs.readFileSync(path.join(dir, file), "utf8") };
  });
}

const probe = esbuild.buildSync({
  entryPoints: [path.join(__dirname, "ajv-entry.js")],
  bundle: true,
  write: false,
  metafile: true,
  outfile: OUT,
});
const packages = bundledPackages(probe.metafile);
const banner =
  "/*! ajv's JSON Schema 2020-12 validator for the browser, bundled by scripts/vendor-js/build.js (make vendor-js).\n" +
  packages.map((p) => ` * ${p.name} ${p.version} (${p.licence})`).join("\n") +
  "\n * Licence texts: LICENSE-ajv2020.txt beside this file. */";
esbuild.buildSync({
  entryPoints: [path.join(__dirname, "ajv-entry.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2018",
  legalComments: "none",
  banner: { js: banner },
  outfile: OUT,
});
fs.writeFileSync(
  LICENCES,
  packages.map((p) => `${p.name} ${p.version} (${p.licence})\n\n${p.text.trim()}\n`).join("\n" + "-".repeat(72) + "\n\n"),
);
console.log(`${path.relative(ROOT, OUT)}: ${packages.map((p) => p.name).join(", ")}`);
