/**
 * Synthetic content for the benchmark: N fact entries that follow the content contract
 * (3 figures, 3 citations, 1 chart, about 4 KB of Markdown each) plus the sources,
 * people and topics they name, and N plain Markdown files of the same size and text
 * for bare Eleventy and Hugo. Deterministic (seeded), and plainly fictional: every
 * name is "Synthetic ..." or "Example ...", every address is on example.org.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { formatValue, type Unit } from "../lib/units.ts";
import { CHART_TYPE_NAMES } from "../lib/chart-types.ts";
import { STATUSES } from "../lib/schema.ts";
import { MAX_FILE_BYTES } from "../io/read-content.ts";

/** Bytes each fact file aims at (front matter and body together). */
export const TARGET_BYTES = 4096;

export interface SynthCounts { facts: number; people: number; topics: number; sources: number; pages: number }

export interface SynthSite {
  /** Project content: paths relative to the project root ("content/facts/x.md"). */
  content: Map<string, string>;
  /** Plain Markdown (title and date front matter only): "entry-00001.md" -> text. */
  plain: Map<string, string>;
  counts: SynthCounts;
  factSlugs: string[];
}

/** Keeps content/sources.yaml (about 230 bytes a source) well under MAX_FILE_BYTES. */
export const MAX_SOURCES = 800;

// Scale with N so each person and topic is named by a constant number of facts (sources
// stop at MAX_SOURCES): per-entry cost then stays comparable from 1,000 to 32,000 entries.
export function countsFor(entries: number): SynthCounts {
  return {
    facts: entries,
    people: Math.max(2, Math.ceil(entries / 20)),
    topics: Math.max(1, Math.ceil(entries / 100)),
    // sources.yaml is one file under read-content's size limit: at most ~1,000 sources fit.
    sources: Math.max(3, Math.min(MAX_SOURCES, Math.ceil(entries / 2))),
    pages: 1,
  };
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ["output", "capacity", "allocation", "budget", "survey", "estimate", "register", "inventory", "programme", "contract", "reserve", "shipment", "assessment", "tender", "forecast"];
const ADJS = ["regional", "provisional", "revised", "annual", "quarterly", "preliminary", "combined", "adjusted", "projected", "recorded"];
const VERBS = ["reported", "estimated", "published", "revised", "confirmed", "recorded", "announced", "summarised", "listed", "noted"];
const THINGS = ["gravel", "timber", "copper wire", "grain", "ceramic tiles", "solar panels", "rail sleepers", "cement", "wool", "paper"];
const UNITS_USED: Unit[] = ["percent", "usd", "count", "tonnes"];

const pad = (n: number, w = 5) => String(n).padStart(w, "0");
const q = (s: string) => JSON.stringify(s); // a YAML double-quoted scalar (ASCII text only)
const slugs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${pad(i + 1)}`);

function isoDate(dayOffset: number): string {
  return new Date(Date.UTC(1930, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

function valueFor(unit: Unit, r: () => number): number {
  if (unit === "percent") return Math.round(r() * 1000) / 10;
  if (unit === "usd") return Math.round(r() * 900 + 100) * 1_000_000;
  if (unit === "tonnes") return Math.round(r() * 90_000 + 1_000);
  return Math.round(r() * 5_000 + 10);
}

/** One neutral sentence about fictional places and things; no real people or claims. */
function sentence(r: () => number, region: string): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const forms = [
    () => `The ${pick(ADJS)} ${pick(NOUNS)} for ${region} was ${pick(VERBS)} by the Example Statistics Office in its synthetic bulletin.`,
    () => `Deliveries of ${pick(THINGS)} to ${region} followed the ${pick(ADJS)} ${pick(NOUNS)} described in the previous paragraph.`,
    () => `Analysts at the Example Institute ${pick(VERBS)} a ${pick(ADJS)} ${pick(NOUNS)} and compared it with the figures for earlier years.`,
    () => `This sentence is generated text for a benchmark and describes no real event, person or organisation.`,
    () => `A ${pick(ADJS)} ${pick(NOUNS)} of ${pick(THINGS)} was ${pick(VERBS)} for the district, with figures rounded as the source rounds them.`,
  ];
  return pick(forms)();
}

function paragraph(r: () => number, region: string, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r, region)).join(" ");
}

interface Entry { project: string; plain: string }

function factEntry(i: number, c: SynthCounts, people: string[], topics: string[], sources: string[], r: () => number): Entry {
  const n = i + 1;
  const region = `Synthetic Region ${(i % 97) + 1}`;
  const unit = UNITS_USED[i % UNITS_USED.length]!;
  const src = [0, 1, 2].map((k) => sources[(i * 3 + k) % c.sources]!);
  const figIds = ["a", "b", "c"].map((k) => `e${pad(n)}-${k}`);
  const values = figIds.map(() => valueFor(unit, r));
  const displays = values.map((v) => formatValue(v, unit));
  const chartId = `e${pad(n)}-chart`;
  const chartType = CHART_TYPE_NAMES[i % CHART_TYPE_NAMES.length]!;
  const named = [people[i % c.people]!, people[(i * 7 + 3) % c.people]!].filter((p, k, a) => a.indexOf(p) === k);
  const title = `Synthetic entry ${n}: ${NOUNS[i % NOUNS.length]} figures for ${region}`;
  const summary = `Generated benchmark text: three ${unit} figures for ${region}, each attributed to a synthetic source, and one chart that plots them.`;
  const date = isoDate(i);

  const fm = [
    "---", `title: ${q(title)}`, `summary: ${q(summary)}`, `date: ${date}`, `status: ${STATUSES[i % STATUSES.length]}`,
    `topics: [${topics[i % c.topics]}]`, `people: [${named.join(", ")}]`, "figures:",
    ...figIds.flatMap((id, k) => [
      `  ${id}:`, `    label: ${q(`${ADJS[(i + k) % ADJS.length]} ${NOUNS[(i + k) % NOUNS.length]} ${k + 1} for ${region}`)}`,
      `    value: ${values[k]}`, `    unit: ${unit}`, `    source: ${src[k]}`,
      `    quote: ${q(`the ${NOUNS[(i + k) % NOUNS.length]} stood at ${displays[k]}`)}`, `    attribution: the Example Statistics Office`,
    ]),
    "charts:", `  ${chartId}:`, `    type: ${chartType}`, `    title: ${q(`Three synthetic figures for ${region}`)}`, "    data:",
    ...figIds.map((id, k) => `      - { label: ${q(`Figure ${k + 1}`)}, figure: ${id} }`),
    "---", "",
  ].join("\n");

  // The same prose for both: the project's copy carries the inline forms, the plain copy
  // the words a reader would see in their place.
  const paras = [
    [`${paragraph(r, region, 3)} The first figure was `, { fig: 0 }, " ", { cite: 0 }, "."],
    [`${paragraph(r, region, 3)} A second source gave `, { fig: 1 }, " for the same period ", { cite: 1 }, ", and a third ", { fig: 2 }, " ", { cite: 2 }, "."],
    [{ chart: true }],
    ["## Context"],
    [`${paragraph(r, region, 4)} The figures are rounded as published.[^n1]`],
  ] as const;
  const render = (plain: boolean) => paras.map((parts) => parts.map((p) => {
    if (typeof p === "string") return p;
    if ("fig" in p) return plain ? displays[p.fig] : `{{< fig ${figIds[p.fig]} >}}`;
    if ("cite" in p) return plain ? `[${p.cite + 1}]` : `[@${src[p.cite]}${p.cite === 2 ? ", para. 2" : ""}]`;
    return plain ? `Chart: three synthetic figures for ${region}.` : `{{< chart ${chartId} >}}`;
  }).join("")).join("\n\n");
  const note = "\n\n[^n1]: A note in generated text: the rounding follows the synthetic source.\n";

  let body = render(false);
  let extra = "";
  while (Buffer.byteLength(fm + body + extra + note) < TARGET_BYTES - 120) extra += `\n\n${paragraph(r, region, 2)}`;
  const project = fm + body + extra + note;
  body = (render(true) + extra + note).replace("[^n1]:", "Note:").replace("[^n1]", " [a]");
  let plain = `---\ntitle: ${q(title)}\ndate: ${date}\n---\n\n${body}`;
  // Same size as the project's file (the text is ASCII: bytes are characters), so every
  // tool reads the same number of bytes; the plain file has no YAML to spend them on.
  let more = "";
  while (plain.length + more.length + 2 < project.length) more += `${paragraph(r, region, 2)} `;
  if (more) plain += `\n${more.slice(0, project.length - plain.length - 2).trimEnd().padEnd(project.length - plain.length - 2, ".")}\n`;
  return { project, plain };
}

export function synthesize(entries: number, seed = 1): SynthSite {
  if (!Number.isInteger(entries) || entries < 1) throw new Error(`entries must be a positive integer, got ${entries}`);
  const c = countsFor(entries);
  const r = rng(seed);
  const people = slugs("synthetic-person", c.people);
  const topics = slugs("synthetic-topic", c.topics);
  const sources = slugs("synthetic-source", c.sources);
  const content = new Map<string, string>();
  const plain = new Map<string, string>();
  const factSlugs: string[] = [];

  for (let i = 0; i < entries; i++) {
    const slug = `synthetic-entry-${pad(i + 1)}`;
    const e = factEntry(i, c, people, topics, sources, r);
    content.set(`content/facts/${slug}.md`, e.project);
    plain.set(`${slug}.md`, e.plain);
    factSlugs.push(slug);
  }
  people.forEach((slug, k) => {
    const kind = k % 2 ? "organisation" : "person";
    const name = kind === "person" ? `Synthetic Person ${k + 1}` : `Example Agency ${k + 1}`;
    content.set(`content/people/${slug}.md`, `---\nname: ${q(name)}\nkind: ${kind}\nrole: ${q("A fictional participant in the benchmark's generated entries")}\n---\n\n${name} is invented for the benchmark [@${sources[k % c.sources]}]. ${paragraph(r, "Synthetic Region 1", 2)}\n`);
  });
  content.set("content/topics.yaml", topics.map((id, k) => `${id}:\n  title: ${q(`Synthetic topic ${k + 1}`)}\n  description: ${q("A generated grouping of benchmark entries.")}\n`).join(""));
  content.set("content/sources.yaml", sources.map((id, k) => [
    `${id}:`, `  title: ${q(`Synthetic bulletin number ${k + 1}`)}`, `  publisher: ${q(`Example Gazette ${(k % 40) + 1}`)}`,
    `  authors: [${q(`Example Author ${(k % 60) + 1}`)}]`, `  published: ${isoDate(k * 2)}`,
    `  url: https://example.org/synthetic/${id}`, `  accessed: 2026-01-01`, "",
  ].join("\n")).join(""));
  content.set("content/site.yaml", [
    `title: ${q(`Synthetic fact sheet (${entries} entries)`)}`, `description: ${q("Generated content for the build benchmark; it describes nothing real.")}`,
    "url: https://example.org/synthetic", "repository: https://example.org/synthetic-repo", "language: en", "license: CC0 1.0",
    `key_figures: [${factSlugs.slice(0, 2).map((s) => `e${s.slice(-5)}-a`).join(", ")}]`,
    `headline_charts: [e${factSlugs[0]!.slice(-5)}-chart]`, "",
  ].join("\n"));
  content.set("content/pages/about.md", `---\ntitle: About this synthetic site\ndescription: Generated for the benchmark.\nnav_order: 1\n---\n\n${paragraph(r, "Synthetic Region 2", 4)}\n`);
  for (const [path, text] of content) {
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new Error(`synthetic ${path} is over the ${MAX_FILE_BYTES}-byte limit: lower MAX_SOURCES`);
  }
  return { content, plain, counts: c, factSlugs };
}

/** Writes a map of relative path -> text under `dir`. */
export function writeTree(dir: string, files: Map<string, string>): void {
  const made = new Set<string>();
  for (const [rel, text] of files) {
    const full = join(dir, rel);
    const parent = dirname(full);
    if (!made.has(parent)) { mkdirSync(parent, { recursive: true }); made.add(parent); }
    writeFileSync(full, text);
  }
}
