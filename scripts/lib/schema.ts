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

const slug = z.string().regex(SLUG, "must be a lowercase slug like \"nbc-2025-02-15\" (a-z, 0-9, single hyphens)");
const date = z.string().refine(isRealDate, "must be a real date written YYYY-MM-DD, e.g. 2025-02-15");
/** A UTF-16 surrogate without its pair: YAML's "\ud800" escape makes one, and no encoder can write it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Plain text on one line: no control characters except tab, and only characters that can be written. */
const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`)
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), "must not contain control characters")
  .refine((s) => !LONE_SURROGATE.test(s), "must be valid Unicode text: it holds half of a character (a lone surrogate); retype it");
const url = z.string().max(2000).refine((s) => /^https?:\/\/[^\s/$.?#][^\s\u0000-\u001f\u007f]*$/i.test(s), "must be an http(s) URL copied from the page");
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
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag like en or en-GB"),
  license: text(80),
  license_url: url.optional(),
  author: text(120).optional(),
  key_figures: z.array(slug).max(8).optional(),
  headline_charts: z.array(slug).max(4).optional(),
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
