/**
 * Checks on loaded entries that the schema cannot make alone: a claim must cite a
 * source, a figure must carry the words that support it, and nothing is dated after
 * today (a date in the future is a typo or a guess, and readers would take it as fact).
 */
import { at } from "./issues.ts";
import type { Problem } from "./problem.ts";
import type { Content, Fact } from "./model.ts";
import type { ChartInput } from "./schema.ts";

/** Statuses that assert something happened or was said: each needs a source. */
const NEEDS_SOURCE = new Set(["reported", "confirmed", "disputed", "denied"]);
/** Quotation marks a source's words may be wrapped in by mistake (the page adds its own). */
const WRAPPED = /^\s*(?:“[^”]*”|‘[^’]*’|„[^“”]*[“”]|«[^»]*»|"[^"]*")\s*$/u;

export function factProblems(content: Content, pending: Map<string, ChartInput>, today?: string): Problem[] {
  const out: Problem[] = [];
  for (const fact of content.facts) {
    const o = fact.origin;
    const cites = fact.figures.length > 0 || fact.charts.some((id) => (pending.get(id)?.data ?? []).some((d) => "source" in d)) || /\[@/.test(fact.body);
    if (NEEDS_SOURCE.has(fact.status) && !cites) {
      out.push(at(o, ["status"], "no-source", `a fact with status "${fact.status}" must cite a source: add [@source-id] to the sentence that says it, or a figure with a source`));
    }
    for (const id of fact.figures) {
      const f = content.figures.get(id)!;
      if (!f.quote) out.push(at(o, ["figures", id], "missing-quote", `figure "${id}" has no quote: add quote: "the words of the source that give this number", copied from the page`, "key"));
      else if (WRAPPED.test(f.quote)) out.push({ ...at(o, ["figures", id, "quote"], "quote-marks", `the quote is wrapped in quotation marks: copy the source's words without the marks around them (the page adds its own)`), severity: "warning" });
    }
    if (today) out.push(...futureDates(fact, content, today));
  }
  if (today) {
    for (const s of content.sources.values()) {
      for (const key of ["published", "accessed"] as const) {
        const d = s[key];
        if (d && d > today) out.push(at(content.origins.sources, [s.id, key], "future-date", `"${key}" is ${d}, after today (${today}): ${key === "accessed" ? "write the day you read the page" : "copy the date the page shows"}`));
      }
    }
  }
  return out;
}

function futureDates(fact: Fact, content: Content, today: string): Problem[] {
  const out: Problem[] = [];
  const o = fact.origin;
  const after = (d: string) => `${d} is after today (${today})`;
  if (fact.date > today) out.push(at(o, ["date"], "future-date", `"date" ${after(fact.date)}: a fact is dated when it happened or was said; write that date, or leave the fact out until it happens`));
  for (const id of fact.figures) {
    const f = content.figures.get(id)!;
    if (f.unit === "date" && typeof f.value === "string" && f.value > today) out.push(at(o, ["figures", id, "value"], "future-date", `the date ${after(f.value)}: a figure gives a date that has passed; a planned date belongs in the text, cited`));
    if (f.asOf && f.asOf > today) out.push(at(o, ["figures", id, "as_of"], "future-date", `"as_of" ${after(f.asOf)}: write the day the source counted the total`));
  }
  // Corrections' dates are checked with the same clock where corrections are validated ([correction-date]).
  return out;
}

