/**
 * The next verification record from this run's fetch and the previous record. Follows
 * InternetArchiveBot's caution: a failing address is "unreachable" until it has failed
 * on two checks at least three days apart; only then "dead". `today` is the run's
 * clock, never a date from content.
 */
import type { SourceState, VerificationRecord } from "./verification.ts";

export const DEAD_AFTER_DAYS = 3;

export interface FetchOutcome { kind: "ok" | "http-error" | "blocked" | "failed"; status?: number; finalUrl: string }
export interface QuoteResult { text: string; found: boolean; where?: "live" | "archive" }

const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export function nextRecord(a: {
  url: string; today: string; previous?: VerificationRecord; fetch: FetchOutcome; archiveUrl?: string; quotes?: QuoteResult[];
}): VerificationRecord {
  const prev = a.previous && a.previous.url === a.url ? a.previous : undefined;
  let status: SourceState;
  let deadSince: string | undefined;
  if (a.fetch.kind === "ok") status = a.fetch.finalUrl === a.url ? "live" : "redirected";
  else if (a.fetch.kind === "blocked") status = "blocked";
  else {
    const failingBefore = prev && (prev.status === "unreachable" || prev.status === "dead");
    deadSince = failingBefore ? prev!.dead_since ?? prev!.checked : a.today;
    status = failingBefore && days(deadSince, a.today) >= DEAD_AFTER_DAYS ? "dead" : "unreachable";
  }
  const record: VerificationRecord = { url: a.url, checked: a.today, status };
  if (a.fetch.status !== undefined) record.http_status = a.fetch.status;
  if (a.fetch.kind === "ok") record.final_url = a.fetch.finalUrl;
  if (deadSince) record.dead_since = deadSince;
  if (a.archiveUrl) record.archive_url = a.archiveUrl;
  if (a.quotes) record.quotes = a.quotes.map((q) => (q.found ? { text: q.text, found: true, where: q.where } : { text: q.text, found: false }));
  return record;
}
