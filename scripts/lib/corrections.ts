/**
 * Rules on a fact's own `corrections:` list. A correction says when the published fact
 * was corrected, so it cannot be dated before the fact itself or after today; "today"
 * is passed in by the caller (scripts/io/clock.ts), never taken from content.
 */
import { at } from "./issues.ts";
import { formatDate } from "./units.ts";
import type { Problem } from "./problem.ts";
import type { Fact, Correction } from "./model.ts";

export function correctionProblems(fact: Fact, today?: string): Problem[] {
  const out: Problem[] = [];
  fact.corrections.forEach((c, i) => {
    const path = ["corrections", i, "date"];
    if (today && c.date > today) {
      out.push(at(fact.origin, path, "correction-date", `correction dated ${c.date} is in the future (today is ${today}): date it the day you make the correction`));
    } else if (c.date < fact.date) {
      out.push(at(fact.origin, path, "correction-date", `correction dated ${c.date} is before the fact's own date (${fact.date}): a fact cannot be corrected before it happened; fix the date`));
    }
  });
  return out;
}

/** Newest first; entries on the same day keep their order in the file. */
export function newestFirst<T extends { date: string }>(list: readonly T[]): T[] {
  return list.map((c, i) => ({ c, i })).sort((a, b) => (a.c.date < b.c.date ? 1 : a.c.date > b.c.date ? -1 : a.i - b.i)).map((x) => x.c);
}

export interface CorrectionView { date: string; dateDisplay: string; note: string }

export function correctionViews(list: readonly Correction[]): CorrectionView[] {
  return newestFirst(list).map((c) => ({ date: c.date, dateDisplay: formatDate(c.date), note: c.note }));
}
