/**
 * What the verification records tell the checker: a quote whose words were not found
 * at its source ([quote-not-found], at the quote's own line), a source that is dead
 * ([source-dead], at its entry in sources.yaml), and a record left behind by a source
 * that was removed. Warnings, since the web changes under a green build; `check
 * --strict` makes the first two errors for maintainers who want that.
 */
import { problem, type Problem } from "./problem.ts";
import { at } from "./issues.ts";
import { formatDate } from "./units.ts";
import { quotesBySource } from "./quotes.ts";
import { currentRecord, quoteCheck } from "./verification.ts";
import type { Content } from "./model.ts";

/** The rules `--strict` turns into errors. */
export const STRICT_RULES = new Set(["quote-not-found", "source-dead"]);

export function strictProblems(list: Problem[]): Problem[] {
  return list.map((p) => (STRICT_RULES.has(p.rule) ? { ...p, severity: "error" as const } : p));
}

export function verificationProblems(content: Content): Problem[] {
  const out: Problem[] = [];
  const records = content.verification ?? new Map();
  for (const [id, file] of content.verificationFiles ?? new Map<string, string>()) {
    if (!content.sources.has(id)) {
      out.push(problem(file, 1, 1, "stale-verification", `source "${id}" is no longer in content/sources.yaml: the next npm run verify removes this record (do not edit it by hand)`, "warning"));
    }
  }
  const quotes = quotesBySource(content);
  for (const [id, source] of content.sources) {
    const record = currentRecord(source, records.get(id));
    if (!record) continue;
    if (record.status === "dead") {
      const archive = source.archive_url ?? record.archive_url;
      const fix = archive ? `readers are sent to the archived copy (${archive}); cite a live source if there is one` : "add an archive_url copied from web.archive.org, or cite a live source";
      out.push({ ...at(content.origins.sources, [id], "source-dead", `source "${id}" has not answered since ${formatDate(record.dead_since ?? record.checked)} (checked ${formatDate(record.checked)}): ${fix}`, "key"), severity: "warning" });
    }
    for (const q of quotes.get(id) ?? []) {
      if (quoteCheck(source, record, q.text).state !== "not-found") continue;
      for (const place of q.places) {
        out.push({ ...at(place.origin, place.path, "quote-not-found", `these words were not found at ${source.url} when checked on ${formatDate(record.checked)}: copy them exactly from the page (then npm run verify -- --only ${id}), or cite the archived copy`), severity: "warning" });
      }
    }
  }
  return out;
}
