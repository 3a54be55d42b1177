/**
 * Content files in, typed model and located problems out. Pure: the caller reads the
 * files (see scripts/io/read-content.ts). Every problem is collected, so one run of the
 * checker reports them all.
 */
import type { z } from "zod";
import { splitFrontMatter } from "./frontmatter.ts";
import { printable } from "./yaml-safe.ts";
import { parseSafeYamlWith, type YamlMemo } from "./yaml-memo.ts";
import { loadSourceFiles } from "./source-files.ts";
import { problem, type Problem } from "./problem.ts";
import { zodProblems, at as problemAt } from "./issues.ts";
import { formatValue } from "./units.ts";
import {
  factSchema, personSchema, pageSchema, siteSchema, sourcesSchema, topicsSchema, SLUG, MAX_ID_LENGTH, INVISIBLE,
  type FactInput, type SiteInput, type ChartInput,
} from "./schema.ts";
import type { Content, Fact, Figure, Chart, Origin, Person, Page, Source, Topic } from "./model.ts";
import { crossCheck } from "./crosscheck.ts";
import { factProblems } from "./fact-checks.ts";
import { placeholderProblems } from "./placeholders.ts";
import { emptyBroken, editorialAsWarnings, type Broken } from "./fold.ts";
import type { KnownIds } from "./hints.ts";
import { slugify } from "./scaffold.ts";
import { correctionProblems } from "./corrections.ts";
import { verificationSchema } from "./verification.ts";
import { verificationProblems } from "./verification-checks.ts";

export interface ContentFile { path: string; text: string }
export interface LoadResult { content: Content; problems: Problem[]; broken: Broken }
/** `today` (YYYY-MM-DD, from scripts/io/clock.ts) enables the checks against the calendar. */
export interface LoadOptions { today?: string }

const FACT_KEYS = Object.keys(factSchema.shape);

export function parseYamlFile(file: ContentFile, problems: Problem[], memo?: YamlMemo) {
  const yaml = parseSafeYamlWith(file.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), memo);
  const origin: Origin = { file: file.path, yaml, yamlLine: 1, bodyLine: 1 };
  for (const i of yaml.issues) {
    const pos = yaml.position(i.offset);
    problems.push(problem(file.path, pos.line, pos.column, i.rule, i.message));
  }
  return { data: yaml.issues.length ? undefined : yaml.data, origin };
}

function parseEntry<T>(file: ContentFile, schema: z.ZodType<T>, problems: Problem[], keys: string[], broken: Broken, known: KnownIds = {}, memo?: YamlMemo) {
  const split = splitFrontMatter(file.text, memo);
  const origin: Origin = { file: file.path, yaml: split.yaml, yamlLine: split.yamlLine, bodyLine: split.bodyLine };
  if (split.error) {
    problems.push(problem(file.path, split.error.line, split.error.column, split.error.rule, split.error.message));
    broken.unparsed.push(file.path);
    return undefined;
  }
  const yaml = split.yaml!;
  // An entry that fails still has a body worth checking, in the same run.
  const failed = () => { broken.bodies.push({ origin, body: split.body }); return undefined; };
  if (yaml.issues.length) {
    for (const i of yaml.issues) {
      const pos = yaml.position(i.offset);
      problems.push(problem(file.path, pos.line + split.yamlLine - 1, pos.column, i.rule, i.message));
    }
    broken.unparsed.push(file.path);
    return failed();
  }
  const parsed = schema.safeParse(yaml.data ?? {});
  if (!parsed.success) {
    // Its ids exist, only the entry is wrong: references to them are not errors of their own.
    const d = (yaml.data ?? {}) as { figures?: unknown; charts?: unknown };
    for (const [kind, v] of [["figure", d.figures], ["chart", d.charts]] as const) {
      if (v && typeof v === "object") for (const id of Object.keys(v)) broken.known[kind].add(id);
    }
    failed();
    for (const p of zodProblems(origin, parsed.error, keys, yaml.data ?? {}, known)) problems.push(p);
    return undefined;
  }
  invisibleInBody(file.path, split.body, split.bodyLine, problems);
  return { data: parsed.data, body: split.body, origin };
}

/** Bidi and invisible characters in a body: one error per line that holds any, in one pass. */
function invisibleInBody(path: string, body: string, bodyLine: number, problems: Problem[]) {
  if (!INVISIBLE.test(body)) return;
  body.split("\n").forEach((line, i) => {
    const c = line.search(INVISIBLE);
    if (c < 0) return;
    const code = line.charCodeAt(c).toString(16).toUpperCase().padStart(4, "0");
    problems.push(problem(path, bodyLine + i, c + 1, "invisible-character", `the text holds an invisible or text-direction control character (U+${code}), which can make what readers see differ from what is written: delete it and retype the text around it`));
  });
}

function slugOf(path: string): string {
  return path.replace(/^.*\//, "").replace(/\.md$/, "");
}

/** `memo` remembers safe YAML parses between builds (the build cache; see yaml-memo.ts). */
export function loadContent(files: ContentFile[], memo?: YamlMemo, opts: LoadOptions = {}): LoadResult {
  const problems: Problem[] = [];
  const broken = emptyBroken();
  const byPath = new Map(files.map((f) => [f.path, f]));
  const blank: Origin = { file: "content/site.yaml", yamlLine: 1, bodyLine: 1 };
  const content: Content = {
    site: { title: "", description: "", url: "https://example.org", repository: "https://example.org", language: "en", license: "" },
    sources: new Map(), topics: new Map(), facts: [], people: [], pages: [],
    figures: new Map(), charts: new Map(),
    origins: { site: blank, sources: { ...blank, file: "content/sources.yaml" }, topics: { ...blank, file: "content/topics.yaml" } },
  };

  // One file per source (content/sources/<id>.yaml) beside or instead of sources.yaml.
  const sourceFiles = files.filter((f) => f.path.startsWith("content/sources/"));
  const single = <T>(name: "site" | "sources" | "topics", schema: z.ZodType<T>): T | undefined => {
    const path = `content/${name}.yaml`;
    const file = byPath.get(path);
    if (!file && name === "sources" && sourceFiles.length) return undefined;
    if (!file) {
      problems.push(problem(path, 1, 1, "missing-file", `${path} is missing: create it (see CONTRIBUTING.md)`));
      return undefined;
    }
    const { data, origin } = parseYamlFile(file, problems, memo);
    content.origins[name] = origin;
    if (data === undefined && origin.yaml?.issues.length) { broken.unparsed.push(path); return undefined; }
    if (name !== "site" && data && typeof data === "object" && !Array.isArray(data)) return entries(name, schema, data as Record<string, unknown>, origin) as T;
    const parsed = schema.safeParse(data ?? {});
    if (!parsed.success) { for (const p of zodProblems(origin, parsed.error, name === "site" ? Object.keys(siteSchema.shape) : [], data ?? {})) problems.push(p); return undefined; }
    return parsed.data;
  };

  // One bad source or topic must not hide the others: each entry is checked on its own, and
  // the ids of the bad ones still count as defined (their own errors say what to fix).
  const entries = (name: "sources" | "topics", schema: z.ZodType<unknown>, data: Record<string, unknown>, origin: Origin) => {
    const ok: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(data)) {
      const parsed = schema.safeParse({ [id]: value });
      if (parsed.success) Object.assign(ok, parsed.data);
      else {
        for (const p of zodProblems(origin, parsed.error, [], data)) problems.push(p);
        broken.known[name === "sources" ? "source" : "topic"].add(id);
      }
    }
    return ok;
  };
  const site = single<SiteInput>("site", siteSchema);
  if (site) content.site = site;
  for (const [id, s] of Object.entries(single("sources", sourcesSchema) ?? {})) content.sources.set(id, { id, ...s } as Source);
  for (const [id, t] of Object.entries(single("topics", topicsSchema) ?? {})) content.topics.set(id, { id, ...t } as Topic);
  loadSourceFiles(content, sourceFiles, problems, memo);

  // For messages about ids: the valid ones of the right kind.
  const known: KnownIds = {
    topics: [...content.topics.keys()], sources: [...content.sources.keys()],
    people: files.map((f) => /^content\/people\/([^/]+)\.md$/.exec(f.path)?.[1]).filter((s): s is string => !!s),
  };
  const seenSlugs = new Map<string, string>();
  const pending = new Map<string, ChartInput>();
  for (const file of files) {
    const m = /^content\/(facts|people|pages)\/([^/]+)\.md$/.exec(file.path);
    if (!m) continue;
    const slug = slugOf(file.path);
    if (m[1] === "people") broken.known.person.add(slug);
    if (slug.length > MAX_ID_LENGTH) {
      problems.push(problem(file.path, 1, 1, "bad-filename", `file name "${printable(slug.slice(0, 40))}….md" is ${slug.length} characters long; the limit is ${MAX_ID_LENGTH}: shorten it`));
      continue;
    }
    if (!SLUG.test(slug)) {
      const better = slugify(slug);
      problems.push(problem(file.path, 1, 1, "bad-filename", `file name "${slug}.md" must be a lowercase slug${better ? `: rename it to "${better}.md"` : ` like "bessent-kyiv-meeting.md"`}`));
      continue;
    }
    const folded = `${m[1]}/${slug.toLowerCase()}`;
    if (seenSlugs.has(folded)) problems.push(problem(file.path, 1, 1, "duplicate-slug", `"${slug}" clashes with ${seenSlugs.get(folded)}: rename one`));
    seenSlugs.set(folded, file.path);
    if (m[1] === "facts") {
      const e = parseEntry<FactInput>(file, factSchema, problems, FACT_KEYS, broken, known, memo);
      if (e) addFact(content, pending, slug, e.data, e.body, e.origin, problems);
    } else if (m[1] === "people") {
      const e = parseEntry(file, personSchema, problems, Object.keys(personSchema.shape), broken, {}, memo);
      if (e) content.people.push({ slug, name: e.data.name, kind: e.data.kind ?? "person", role: e.data.role, body: e.body, origin: e.origin } satisfies Person);
    } else {
      const e = parseEntry(file, pageSchema, problems, Object.keys(pageSchema.shape), broken, {}, memo);
      if (e) content.pages.push({ slug, title: e.data.title, description: e.data.description, navOrder: e.data.nav_order, body: e.body, origin: e.origin } satisfies Page);
    }
  }
  loadRecords(files, content, problems);
  // A loop, not push(...list): spreading tens of thousands of problems overflows the stack.
  for (const p of crossCheck(content, pending)) problems.push(p);
  for (const p of verificationProblems(content)) problems.push(p);
  for (const fact of content.facts) for (const p of correctionProblems(fact, opts.today)) problems.push(p);
  for (const p of factProblems(content, pending, opts.today)) problems.push(p);
  const topicIds = [...content.topics.keys()];
  for (const file of files) for (const p of placeholderProblems(file, topicIds)) problems.push(p);
  content.facts.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.slug < b.slug ? -1 : 1));
  content.people.sort((a, b) => a.name.localeCompare(b.name, "en"));
  content.pages.sort((a, b) => (a.navOrder ?? 999) - (b.navOrder ?? 999) || a.slug.localeCompare(b.slug));
  return { content, problems: editorialAsWarnings(problems), broken };
}

function addFact(content: Content, pending: Map<string, ChartInput>, slug: string, d: FactInput, body: string, origin: Origin, problems: Problem[]) {
  const fact: Fact = {
    slug, title: d.title, summary: d.summary, date: d.date, precision: d.date_precision ?? "day", status: d.status,
    topics: d.topics, people: d.people ?? [], figures: [], charts: [], corrections: d.corrections ?? [], body, origin,
  };
  for (const [id, f] of Object.entries(d.figures ?? {})) {
    const precision = f.date_precision ?? "day";
    const figure: Figure = {
      id, fact: slug, label: f.label, value: f.value, unit: f.unit, approximate: f.approximate ?? false, precision,
      asOf: f.as_of, source: f.source, quote: f.quote, attribution: f.attribution,
      display: formatValue(f.value, f.unit, { approximate: f.approximate, precision }),
    };
    if (content.figures.has(id)) {
      const other = content.figures.get(id)!;
      problems.push(problemAt(origin, ["figures", id], "duplicate-id", `figure id "${id}" is already defined in content/facts/${other.fact}.md: figure ids are unique across the site`, "key"));
      continue;
    }
    content.figures.set(id, figure);
    fact.figures.push(id);
  }
  for (const [id, c] of Object.entries(d.charts ?? {})) {
    if (content.charts.has(id)) {
      problems.push(problemAt(origin, ["charts", id], "duplicate-id", `chart id "${id}" is already defined in content/facts/${content.charts.get(id)!.fact}.md: chart ids are unique across the site`, "key"));
      continue;
    }
    // Data are resolved in crossCheck, once every figure is known.
    const chart: Chart = { id, fact: slug, type: c.type, orientation: c.orientation ?? "vertical", title: c.title, note: c.note, unit: "count", data: [] };
    pending.set(id, c);
    content.charts.set(id, chart);
    fact.charts.push(id);
  }
  content.facts.push(fact);
}


/** content/verification/<source-id>.yaml: validated like any content, though only `npm run verify` writes it. */
function loadRecords(files: ContentFile[], content: Content, problems: Problem[]) {
  content.verification = new Map();
  content.verificationFiles = new Map();
  for (const file of files) {
    const m = /^content\/verification\/([^/]+)\.yaml$/.exec(file.path);
    if (!m) continue;
    if (!SLUG.test(m[1]!)) {
      problems.push(problem(file.path, 1, 1, "bad-filename", `"${m[1]}.yaml" must be named after a source id: verification records are written by npm run verify`));
      continue;
    }
    const { data, origin } = parseYamlFile(file, problems);
    if (data === undefined && origin.yaml?.issues.length) continue;
    const parsed = verificationSchema.safeParse(data ?? {});
    if (!parsed.success) {
      problems.push(...zodProblems(origin, parsed.error, Object.keys(verificationSchema.shape), data ?? {}));
      continue;
    }
    content.verification.set(m[1]!, parsed.data);
    content.verificationFiles.set(m[1]!, file.path);
  }
}
