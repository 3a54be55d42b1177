/**
 * The content contract (DESIGN.md section 1) as strict zod schemas: unknown keys are
 * errors, ids are slugs, dates are real calendar dates. The lists of units and chart
 * types come from the modules that format and draw them.
 */
import { z } from "zod";
import { UNIT_NAMES } from "./units.ts";
import { CHART_TYPE_NAMES, CHART_ORIENTATIONS, MAX_CHART_POINTS } from "./chart-types.ts";

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const STATUSES = ["proposed", "reported", "confirmed", "disputed", "denied", "superseded"] as const;
export const PRECISIONS = ["day", "month", "year"] as const;

/** "2025-02-30" is not a date: round-trip through Date.UTC to be sure. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * Ids, slugs, tags and file names are at most this long: every output path derived from
 * one (social/<slug>.png, data/charts/<id>.csv, topics/<id>/) stays far below the file
 * system's 255-byte name limit, and hints and messages stay short.
 */
export const MAX_ID_LENGTH = 100;
const slug = z.string().max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`).regex(SLUG, "must be a lowercase slug like \"nbc-2025-02-15\" (a-z, 0-9, single hyphens)");
const date = z.string().refine(isRealDate, "must be a real date written YYYY-MM-DD, e.g. 2025-02-15");
/** A UTF-16 surrogate without its pair: YAML's "\ud800" escape makes one, and no encoder can write it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Plain text on one line: no control characters except tab, and only characters that can be written. */
/**
 * Characters that change how text around them is shown without being seen: bidirectional
 * controls (which can make "gov.example" read as "elpmaxe.vog"), zero-width spaces, word
 * joiners and soft hyphens, BOMs. Refused in every text field, URL and body.
 */
export const INVISIBLE = /[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;
export const INVISIBLE_MESSAGE = "must not contain invisible or text-direction control characters (such as U+202E or U+200B): retype the text";
const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`)
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), "must not contain control characters")
  .refine((s) => !INVISIBLE.test(s), INVISIBLE_MESSAGE)
  .refine((s) => !LONE_SURROGATE.test(s), "must be valid Unicode text: it holds half of a character (a lone surrogate); retype it");
/**
 * A URL the code can use as it is: parsed by the same WHATWG parser the build uses
 * (`new URL`), http(s) only, with a host, and nothing that makes the address shown
 * differ from the address visited: no user name or password ("https://gov.example∕x@evil.example"
 * goes to evil.example), no backslashes (browsers read them as "/"), no invisible characters.
 */
export function urlProblem(s: string): string | undefined {
  if (!/^https?:\/\//i.test(s) || /[\s\u0000-\u001f\u007f]/.test(s)) return "must be an http(s) URL copied from the page";
  if (s.includes("\\")) return "must not contain a backslash (browsers read it as \"/\"): copy the address from the browser's address bar";
  if (INVISIBLE.test(s)) return "must not contain invisible or text-direction control characters: copy the address from the browser's address bar";
  let u: URL;
  try { u = new URL(s); } catch { return "is not a valid URL (check the host, the port and any %-escapes): copy the address from the browser's address bar"; }
  if (!u.hostname) return "must name a host: copy the address from the browser's address bar";
  if (u.username || u.password) return `must not contain a user name or password before "@" (this one would go to ${u.host}): copy the address from the browser's address bar`;
  return undefined;
}
const url = z.string().max(2000).superRefine((s, ctx) => {
  const why = urlProblem(s);
  if (why) ctx.addIssue({ code: "custom", message: why });
});

/** A list of ids that must not repeat (one chart shown twice has two elements with one id). */
const uniqueIds = (max: number) => z.array(slug).max(max).superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  list.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: "custom", path: [i], message: `lists "${id}" a second time (first at item ${seen.get(id)! + 1}): list each once` });
    else seen.set(id, i);
  });
});
// z.custom keeps one clear message instead of a union's list of failed branches.
const finite = z.custom<number>((v) => typeof v === "number" && Number.isFinite(v),
  "must be a finite number: write 500000000000, not \"500 billion\", \"500\", .nan, .inf or 1e999");
const figureValue = z.custom<number | string>(
  (v) => (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && isRealDate(v)),
  "must be a finite number (500000000000, not \"500 billion\"), or a real YYYY-MM-DD date when unit is date");

export const figureSchema = z.strictObject({
  label: text(200),
  value: figureValue,
  unit: z.enum(UNIT_NAMES),
  approximate: z.boolean().optional(),
  date_precision: z.enum(PRECISIONS).optional(),
  as_of: date.optional(),
  source: slug,
  quote: text(500).optional(),
  attribution: text(200).optional(),
}).superRefine((f, ctx) => {
  if (f.unit === "date" && typeof f.value !== "string") ctx.addIssue({ code: "custom", path: ["value"], message: "a figure with unit: date needs a YYYY-MM-DD value" });
  if (f.unit !== "date" && typeof f.value !== "number") ctx.addIssue({ code: "custom", path: ["value"], message: `a figure with unit: ${f.unit} needs a number` });
});

const datumSchema = z.union([
  z.strictObject({ label: text(120), figure: slug }),
  z.strictObject({
    label: text(120), value: finite, unit: z.enum(UNIT_NAMES), source: slug,
    quote: text(500).optional(), attribution: text(200).optional(),
  }),
], { error: "each datum is { label, figure } or { label, value, unit, source }" });

export const chartSchema = z.strictObject({
  type: z.enum(CHART_TYPE_NAMES),
  title: text(160),
  orientation: z.enum(CHART_ORIENTATIONS).optional(),
  note: text(300).optional(),
  data: z.array(datumSchema).min(1, "a chart needs at least one datum").max(MAX_CHART_POINTS, `a chart has at most ${MAX_CHART_POINTS} points`),
});

/** One dated note on a published fact: what was wrong and what the fact says now. */
export const correctionSchema = z.strictObject({
  date,
  note: text(500),
});

export const factSchema = z.strictObject({
  title: text(120),
  summary: text(300),
  date,
  date_precision: z.enum(PRECISIONS).optional(),
  status: z.enum(STATUSES),
  topics: z.array(slug).min(1, "list at least one topic from content/topics.yaml"),
  people: z.array(slug).optional(),
  figures: z.record(slug, figureSchema).optional(),
  charts: z.record(slug, chartSchema).optional(),
  corrections: z.array(correctionSchema).max(100, "a fact has at most 100 corrections").optional(),
});

export const personSchema = z.strictObject({
  name: text(120),
  kind: z.enum(["person", "organisation"]).optional(),
  role: text(200),
});

export const pageSchema = z.strictObject({
  title: text(120),
  description: text(300),
  nav_order: z.number().int().min(0).max(100).optional(),
});

/** Editorial notes that once stood in for headlines: "[European Pravda item ...]", "... (title from the page address)". */
export const NOTE_AS_TITLE = /^\s*\[|\(title from\b|\bdate not shown\b/i;

export const sourceSchema = z.strictObject({
  // The headline as published. A page whose stored copy shows no headline gets a neutral
  // `label` instead, which readers see marked as a description, never as a headline.
  title: text(300).refine((t) => !NOTE_AS_TITLE.test(t),
    "is the headline as published, not a note: for a page with no headline, write label: instead of title:").optional(),
  label: text(200).optional(),
  publisher: text(120),
  authors: z.array(text(120)).optional(),
  published: date.optional(),
  url: url.optional(),
  accessed: date.optional(),
  archive_url: url.optional(),
  reports_on: slug.optional(),
}).superRefine((s, ctx) => {
  if (s.title === undefined && s.label === undefined) ctx.addIssue({ code: "custom", path: ["title"], message: "a source needs title: (the headline as published) or, for a page with no headline, label: (a neutral description)" });
  if (s.title !== undefined && s.label !== undefined) ctx.addIssue({ code: "custom", path: ["label"], message: "give title: (the headline) or label: (a description of a page with no headline), not both" });
});

export const topicSchema = z.strictObject({ title: text(120), description: text(300) });

export const siteSchema = z.strictObject({
  title: text(120),
  description: text(300),
  url,
  repository: url,
  language: z.string().max(35, "must be a language tag like en or en-GB (at most 35 characters)").regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag like en or en-GB"),
  license: text(80),
  license_url: url.optional(),
  author: text(120).optional(),
  key_figures: uniqueIds(8).optional(),
  headline_charts: uniqueIds(4).optional(),
});

export const sourcesSchema = z.record(slug, sourceSchema);
export const topicsSchema = z.record(slug, topicSchema);

export type FigureInput = z.infer<typeof figureSchema>;
export type ChartInput = z.infer<typeof chartSchema>;
export type DatumInput = z.infer<typeof datumSchema>;
export type CorrectionInput = z.infer<typeof correctionSchema>;
export type FactInput = z.infer<typeof factSchema>;
export type PersonInput = z.infer<typeof personSchema>;
export type PageInput = z.infer<typeof pageSchema>;
export type SourceInput = z.infer<typeof sourceSchema>;
export type TopicInput = z.infer<typeof topicSchema>;
export type SiteInput = z.infer<typeof siteSchema>;
export type Status = (typeof STATUSES)[number];
