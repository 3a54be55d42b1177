/**
 * `npm run verify`: fetches every source with a url, looks for every quote the content
 * attributes to it, and writes content/verification/<source-id>.yaml. The build never
 * does this; the records are committed and reviewed like any content.
 *
 *   npm run verify [-- --only id,id] [--content DIR] [--timeout-ms N] [--max-bytes N]
 *                  [--archive] [--allow-loopback] [--summary FILE]
 *
 * --allow-loopback is for tests only. VERIFY_TODAY (YYYY-MM-DD) sets the run's clock
 * for tests; VERIFY_SAVE_ENDPOINT the Save Page Now address.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readContent } from "../io/read-content.ts";
import { removeStale, writeRecord } from "../io/records.ts";
import { loadContent } from "../lib/loader.ts";
import { isRealDate } from "../lib/schema.ts";
import { printable } from "../lib/yaml-safe.ts";
import { quotesBySource } from "../lib/quotes.ts";
import { pageText } from "../lib/page-text.ts";
import { quoteFound } from "../lib/text-match.ts";
import { nextRecord, type QuoteResult } from "../lib/verify-record.ts";
import { summaryTable, type SummaryRow } from "../lib/verify-summary.ts";
import { fetchPage, type FetchOptions } from "../net/fetch-page.ts";
import { robotsGate } from "../net/robots.ts";
import { saveToArchive } from "../net/archive.ts";
import { Limiter } from "../net/limiter.ts";
import { printProblems } from "./report.ts";

export const PRODUCT = "factsheet-verify";

const fail = (msg: string): never => { process.stderr.write(`verify: ${msg}\n`); process.exit(2); };
const { values } = parseArgs({
  options: {
    content: { type: "string", default: "content" }, root: { type: "string", default: process.cwd() },
    only: { type: "string" }, "timeout-ms": { type: "string", default: "20000" }, "max-bytes": { type: "string", default: String(5 * 1024 * 1024) },
    archive: { type: "boolean", default: false }, "allow-loopback": { type: "boolean", default: false }, summary: { type: "string" },
  },
});
const num = (name: string, v: string) => { const n = Number(v); if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive whole number`); return n; };
const timeoutMs = num("timeout-ms", values["timeout-ms"]!);
const maxBytes = num("max-bytes", values["max-bytes"]!);
const today = process.env.VERIFY_TODAY ?? new Date().toISOString().slice(0, 10);
if (!isRealDate(today)) fail("VERIFY_TODAY must be a date written YYYY-MM-DD");

const root = values.root!;
const read = readContent(root, values.content);
const { content, problems } = loadContent(read.files);
if (printProblems([...read.problems, ...problems].filter((p) => p.severity === "error"))) fail("fix the content errors above first (npm run check)");

const only = values.only?.split(",").map((s) => s.trim()).filter(Boolean);
for (const id of only ?? []) if (!content.sources.has(id)) fail(`"${printable(id)}" is not a source in content/sources.yaml`);
const sources = [...content.sources.values()].filter((s) => s.url && (!only || only.includes(s.id)));
const quotes = quotesBySource(content);
const dir = join(root, values.content!, "verification");

const limiter = new Limiter(4, 2);
const base: FetchOptions = {
  userAgent: `${PRODUCT}/1.0 (+${content.site.repository})`, timeoutMs, maxBytes, allowLoopback: values["allow-loopback"]!, limiter,
};
const opts: FetchOptions = { ...base, allowed: robotsGate(base, PRODUCT) };

async function check(s: (typeof sources)[number]): Promise<SummaryRow> {
  const url = s.url!;
  const previous = content.verification?.get(s.id);
  const live = await fetchPage(url, opts);
  const texts = (quotes.get(s.id) ?? []).map((q) => q.text);
  const liveText = live.kind === "ok" ? pageText(live.body!, live.contentType) : undefined;
  let archiveUrl = s.archive_url ?? (previous?.url === url ? previous.archive_url : undefined);
  if (values.archive && !archiveUrl && live.kind === "ok") archiveUrl = await saveToArchive(url, base);
  const results: QuoteResult[] = texts.map((text) => ({ text, found: liveText !== undefined && quoteFound(liveText, text), where: "live" }));
  let archiveText: string | undefined;
  if (archiveUrl && (liveText === undefined || results.some((q) => !q.found))) {
    const copy = await fetchPage(archiveUrl, opts);
    if (copy.kind === "ok") archiveText = pageText(copy.body!, copy.contentType);
    for (const q of results) if (!q.found && archiveText !== undefined && quoteFound(archiveText, q.text)) Object.assign(q, { found: true, where: "archive" });
  }
  // Words are reported only when a page was read: a refused or silent address says nothing about them.
  const record = nextRecord({ url, today, previous, fetch: live, archiveUrl, quotes: liveText !== undefined || archiveText !== undefined ? results : undefined });
  writeRecord(dir, s.id, record);
  const n = record.quotes?.filter((q) => q.found).length ?? 0;
  process.stdout.write(`verify: ${s.id}  ${record.status}${record.http_status ? ` ${record.http_status}` : ""}  quotes found ${record.quotes ? `${n} of ${record.quotes.length}` : "not read"}  (${printable(live.reason)})\n`);
  return { id: s.id, before: previous, after: record };
}

const rows = await Promise.all(sources.map(check));
if (!only) for (const id of removeStale(dir, new Set(sources.map((s) => s.id)))) process.stdout.write(`verify: removed the record of ${id}, which is no longer a source with a url\n`);
if (values.summary) writeFileSync(values.summary, summaryTable(rows));
process.stdout.write(`verify: ${rows.length} source${rows.length === 1 ? "" : "s"} checked on ${today}\n`);
