/**
 * What `npm run check -- --base <ref>` adds on top of the normal checks: a published
 * fact (one that exists at the base) whose figure value, unit, source or quote, or
 * whose status, changes needs a new corrections entry; a published fact's address must
 * keep working; its corrections are a record and are not deleted.
 */
import { problem, type Problem } from "./problem.ts";
import { at } from "./issues.ts";
import type { Change } from "./content-diff.ts";
import type { Content, Fact } from "./model.ts";
import { changeText } from "./change-text.ts";

const key = (c: { date: string; note: string }) => `${c.date}\u0000${c.note}`;

export function baseProblems(changes: Change[], older: Content, newer: Content, newerFiles: ReadonlySet<string>, today: string): Problem[] {
  const out: Problem[] = [];
  const oldFacts = new Map(older.facts.map((f) => [f.slug, f]));
  const newFacts = new Map(newer.facts.map((f) => [f.slug, f]));
  const renamedFrom = new Map(changes.filter((c) => c.kind === "fact-renamed").map((c) => [c.fact!, c.from!]));
  const wasOf = (slug: string): Fact | undefined => oldFacts.get(renamedFrom.get(slug) ?? slug);
  const gained = (fact: Fact) => {
    const before = new Set((wasOf(fact.slug)?.corrections ?? []).map(key));
    return fact.corrections.some((c) => !before.has(key(c)));
  };

  for (const c of changes) {
    if (c.needsCorrection && c.fact) {
      const fact = newFacts.get(c.fact);
      if (fact && wasOf(fact.slug) && !gained(fact)) {
        out.push(problem(c.file, c.line, c.column, "correction-needed",
          `${changeText(c)}, on a published fact: add a corrections entry (date: ${today}, note: what was wrong and what the fact says now) under "corrections:"; see "Correct something" in CONTRIBUTING.md`));
      }
    }
    // A file that is still there but no longer loads is reported by the normal checks.
    if (c.kind === "fact-removed" && !newerFiles.has(c.file)) {
      out.push(problem(c.file, 1, 1, "fact-removed",
        `the published fact /facts/${c.fact}/ ("${c.before}") was deleted, and its address would stop working: keep the file and set status: superseded (say in the body what replaced it); to rename it, move the file and keep its title or figures, so the old address redirects`));
    }
  }
  for (const fact of newer.facts) {
    const was = wasOf(fact.slug);
    if (!was) continue;
    const kept = new Set(fact.corrections.map(key));
    const lost = was.corrections.filter((c) => !kept.has(key(c)));
    if (lost.length && fact.corrections.length < was.corrections.length) {
      out.push(at(fact.origin, ["corrections"], "correction-removed",
        `${lost.length === 1 ? "a correction" : `${lost.length} corrections`} of this published fact (${lost.map((c) => c.date).join(", ")}) ${lost.length === 1 ? "was" : "were"} removed: the list is the fact's public record; keep earlier entries and add a new one`, "key"));
    }
  }
  return out;
}
