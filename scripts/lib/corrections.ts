/**
 * Rules on a fact's own `corrections:` list. A correction says when the published fact
 * was corrected, so it cannot be dated before the fact itself or after today; "today"
 * is passed in by the caller (scripts/io/clock.ts), never taken from content.
 */
import { at } from "./issues.ts";
import { formatDate } from "./units.ts";
import type { Problem } from "./problem.ts";
import type { Fact, Correction } from "./model.ts";
import type { Change } from "./content-diff.ts";
import { changeText } from "./change-text.ts";

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

export interface HistoryItem { date: string; dateDisplay: string; kind: "correction" | "change"; text: string }

/**
 * A fact's History: its corrections and its dated substantive changes from git, newest
 * first (a correction before the changes of the same day, as it explains them).
 */
export function historyItems(corrections: readonly Correction[], changes: readonly { date: string; commit?: string; change: Change }[]): HistoryItem[] {
  // Later commits first; a commit's own changes in the diff's order.
  let seq = 0;
  const seqs = changes.map((c, i) => (i > 0 && c.commit !== changes[i - 1]!.commit ? ++seq : seq));
  const items = [
    ...newestFirst(corrections).map((c) => ({ date: c.date, kind: "correction" as const, text: c.note, order: 0 })),
    ...changes.map((c, i) => ({ date: c.date, kind: "change" as const, text: changeText(c.change), order: 1 + (seq - seqs[i]!) * changes.length + i })),
  ];
  items.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.order - b.order));
  return items.map(({ date, kind, text }) => ({ date, dateDisplay: formatDate(date), kind, text }));
}
