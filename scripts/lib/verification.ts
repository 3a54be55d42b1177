/**
 * Verification records (content/verification/<source-id>.yaml): what `npm run verify`
 * found when it last fetched a source. Only that command writes them; the build reads
 * them to tell readers, per quote, whether its words were found at the source.
 *
 * A record speaks only for the address and the words it checked: when a source's url
 * or a quote's text changes after the check, that source or quote is "not yet checked"
 * again rather than wrongly "found".
 */
import { z } from "zod";
import { isRealDate } from "./schema.ts";
import { formatDate } from "./units.ts";
import type { Source } from "./model.ts";

export const SOURCE_STATES = ["live", "redirected", "dead", "unreachable", "blocked"] as const;
export type SourceState = (typeof SOURCE_STATES)[number];
export const QUOTE_WHERE = ["live", "archive"] as const;

const date = z.string().refine(isRealDate, "must be a real date written YYYY-MM-DD");
const url = z.string().max(2000).refine((s) => /^https?:\/\/[^\s\u0000-\u001f\u007f]+$/i.test(s), "must be an http(s) URL");

export const verificationSchema = z.strictObject({
  url,
  checked: date,
  status: z.enum(SOURCE_STATES),
  http_status: z.number().int().min(100).max(599).optional(),
  final_url: url.optional(),
  dead_since: date.optional(),
  archive_url: url.optional(),
  quotes: z.array(z.strictObject({
    text: z.string().min(1).max(500),
    found: z.boolean(),
    where: z.enum(QUOTE_WHERE).optional(),
  }).refine((q) => !q.found || q.where !== undefined, { message: "a found quote says where: live or archive", path: ["where"] })).max(1000).optional(),
});

export type VerificationRecord = z.infer<typeof verificationSchema>;
export type QuoteState = "found" | "not-found" | "unchecked";

export interface QuoteCheck {
  /** The value of data-verified on the quote's link. */
  state: QuoteState;
  /** What the reader is told, e.g. "found at the source on 1 December 2026". */
  words: string;
  where?: "live" | "archive";
  checked?: string;
}

export interface SourceCheck {
  state: SourceState | "unchecked";
  words: string;
  checked?: string;
  deadSince?: string;
  /** The archived copy to offer: the source's own, else the one verify recorded. */
  archiveUrl?: string;
}

/** The record, if it checked the address the source has now. */
export function currentRecord(source: Source | undefined, record: VerificationRecord | undefined): VerificationRecord | undefined {
  return source?.url && record && record.url === source.url ? record : undefined;
}

export function quoteCheck(source: Source | undefined, record: VerificationRecord | undefined, text: string): QuoteCheck {
  const r = currentRecord(source, record);
  const q = r?.quotes?.find((x) => x.text === text.trim());
  if (!r || !q) return { state: "unchecked", words: "not yet checked" };
  const day = formatDate(r.checked);
  if (!q.found) return { state: "not-found", words: `not found at the source when checked on ${day}`, checked: r.checked };
  return {
    state: "found", where: q.where, checked: r.checked,
    words: q.where === "archive" ? `found in the archived copy on ${day}` : `found at the source on ${day}`,
  };
}

export function sourceCheck(source: Source, record: VerificationRecord | undefined): SourceCheck {
  const r = currentRecord(source, record);
  const archiveUrl = source.archive_url ?? r?.archive_url;
  if (!r) return { state: "unchecked", words: "not yet checked", archiveUrl };
  const day = formatDate(r.checked);
  const words: Record<SourceState, string> = {
    live: `live when checked on ${day}`,
    redirected: `live at a new address when checked on ${day}`,
    dead: `dead since ${formatDate(r.dead_since ?? r.checked)} (checked ${day})`,
    unreachable: `did not answer when checked on ${day}`,
    blocked: `could not be checked by machine on ${day}`,
  };
  return { state: r.status, words: words[r.status], checked: r.checked, deadSince: r.dead_since, archiveUrl };
}

/** The small API the site view exposes to templates and previews. */
export function verificationLookup(sources: Map<string, Source>, records: Map<string, VerificationRecord>) {
  return {
    quote: (sourceId: string, text: string): QuoteCheck => quoteCheck(sources.get(sourceId), records.get(sourceId), text),
    source: (sourceId: string): SourceCheck => {
      const s = sources.get(sourceId);
      return s ? sourceCheck(s, records.get(sourceId)) : { state: "unchecked", words: "not yet checked" };
    },
  };
}
export type VerificationLookup = ReturnType<typeof verificationLookup>;
