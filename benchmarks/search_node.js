/* Runs the site's own search engine (search-index.js, over a built site's search-index/) and a plain
 * lunr.js index of the same entries (provisions and pages), built with lunr's defaults, in Node, for
 * benchmarks/search_relevance.py. Usage: node search_node.js SITE QUERIES.json > RESULTS.json
 * QUERIES.json is a list of query strings; each result lists the addresses found, best first, and the
 * time each search took. */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const LISTED = 10;

// The browser's globals: `self`, and scripts run by their address from the site's top folder.
const context = vm.createContext({ self: null, console });
context.self = context;
const ran = new Map();
function load(address) {
  if (!ran.has(address)) {
    ran.set(address, Promise.resolve().then(() => {
      vm.runInContext(fs.readFileSync(path.join(site, address), "utf8"), context, { filename: address });
    }));
  }
  return ran.get(address);
}

function entries() {
  const globals = context.HANDBOOK_CONTRACT.globals, out = [];
  for (const p of context[globals.searchIndex].policies) {
    context[globals.searchTexts][p.slug].forEach((e) => out.push(e));
  }
  return out.concat(context[globals.searchPages]);
}

async function main() {
  // The contract (generator/contract.py) names the index's first script, globals and fields.
  await load("assets/javascripts/contract.js");
  const contract = context.HANDBOOK_CONTRACT, ENTRY = contract.fields.searchEntry;
  await load(contract.paths.searchIndex);
  const data = context[contract.globals.searchIndex];
  await load(data.lunr);
  await load(contract.paths.searchReader);
  await load(data.pages.texts);
  for (const p of data.policies) await load(p.texts);
  const all = entries();
  // lunr.js from npm (tests/package.json), the same release the site ships, run as Node runs it.
  const lunr = require(path.join(__dirname, "..", "tests", "node_modules", "lunr"));

  // The plain lunr.js index: every entry, its label and title and words as fields, lunr's defaults.
  const started = process.hrtime.bigint();
  const plain = lunr(function () {
    this.ref("n");
    this.field("title");
    this.field("text");
    all.forEach((e, n) => this.add({ n: String(n), title: [e[ENTRY.label], e[ENTRY.title]].join(" "), text: e[ENTRY.words] }));
  });
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;

  const engine = context.HandbookSearchIndex.engine(data, load);
  const ours = [], theirs = [];
  for (const query of queries.concat(queries)) { // twice: the second pass is warm
    let t = process.hrtime.bigint();
    const result = await engine.search(query);
    const scores = result.scores;
    scores.forEach((s, n) => scores.set(n, engine.titleBonus(s, all[n][ENTRY.title], query)));
    const ranked = Array.from(scores.entries()).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, LISTED);
    ours.push({ query, found: ranked.map(([n]) => all[n][ENTRY.address]), count: scores.size,
                ms: Number(process.hrtime.bigint() - t) / 1e6, suggestions: result.suggestions });
    t = process.hrtime.bigint();
    let hits = [];
    try { hits = plain.search(query); } catch (e) { hits = []; } // lunr throws on some query syntax
    theirs.push({ query, found: hits.slice(0, LISTED).map((h) => all[Number(h.ref)][ENTRY.address]), count: hits.length,
                  ms: Number(process.hrtime.bigint() - t) / 1e6 });
  }
  const half = queries.length;
  process.stdout.write(JSON.stringify({ ours: ours.slice(0, half), lunr: theirs.slice(0, half),
    oursWarmMs: ours.slice(half).map((r) => r.ms), lunrWarmMs: theirs.slice(half).map((r) => r.ms), lunrBuildMs: buildMs }));
}
main().catch((e) => { console.error(e); process.exit(1); });
