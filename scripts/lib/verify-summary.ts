/**
 * The table for the verify workflow's pull request: one row per checked source, new
 * failures first (a source that stopped answering, a quote no longer found), then the
 * rest. Markdown-escaped: source text never becomes markup or a command.
 */
import type { VerificationRecord } from "./verification.ts";

const FAILING = new Set(["unreachable", "dead", "blocked"]);
const cell = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/[\\`*_{}[\]<>()#+!|~&]/g, (c) => `\\${c}`);
const missing = (r?: VerificationRecord) => (r?.quotes ?? []).filter((q) => !q.found).map((q) => q.text);

export interface SummaryRow { id: string; before?: VerificationRecord; after: VerificationRecord }

export function isNewFailure(row: SummaryRow): boolean {
  const wasFailing = row.before && FAILING.has(row.before.status);
  if (FAILING.has(row.after.status) && !wasFailing) return true;
  const before = new Set(missing(row.before));
  return missing(row.after).some((t) => !before.has(t));
}

export function summaryTable(rows: SummaryRow[]): string {
  const sorted = [...rows].sort((a, b) => Number(isNewFailure(b)) - Number(isNewFailure(a)) || a.id.localeCompare(b.id));
  const lines = ["| | Source | Status | Before | Quotes found |", "|---|---|---|---|---|"];
  for (const r of sorted) {
    const quotes = r.after.quotes ?? [];
    const found = quotes.length ? `${quotes.filter((q) => q.found).length} of ${quotes.length}` : "not read";
    const lost = missing(r.after).map((t) => `not found: “${cell(t)}”`).join("<br>");
    lines.push(`| ${isNewFailure(r) ? "new failure" : ""} | \`${r.id.replace(/[^a-z0-9-]/g, "")}\` | ${r.after.status}${r.after.http_status ? ` (${r.after.http_status})` : ""} | ${r.before?.status ?? "not checked"} | ${found}${lost ? `<br>${lost}` : ""} |`);
  }
  const fails = sorted.filter(isNewFailure).length;
  return `${fails} new failure${fails === 1 ? "" : "s"} among ${rows.length} source${rows.length === 1 ? "" : "s"} checked.\n\n${lines.join("\n")}\n`;
}
