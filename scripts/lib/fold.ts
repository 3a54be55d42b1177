/**
 * Root cause first, and readable at any size. Problems that only follow from another
 * (a citation "unknown" because sources.yaml does not parse, a figure "unknown" because
 * the fact defining it has an error) are dropped or folded into one line saying so; the
 * files that do not parse are listed first; repeats of one rule are capped per file and
 * per run, with a line counting what was folded.
 */
import { problem, sortProblems, type Problem } from "./problem.ts";
import type { Origin } from "./model.ts";

export interface Broken {
  /** Files whose YAML (or front matter) does not parse: nothing they define is known. */
  unparsed: string[];
  /** Ids defined by entries that failed their own checks: references to them are not errors. */
  known: { source: Set<string>; topic: Set<string>; figure: Set<string>; chart: Set<string>; person: Set<string> };
  /** Bodies of entries that failed to load, still checked in the same run. */
  bodies: { origin: Origin; body: string }[];
}

export const emptyBroken = (): Broken => ({
  unparsed: [], bodies: [],
  known: { source: new Set(), topic: new Set(), figure: new Set(), chart: new Set(), person: new Set() },
});

/** Same rule in one file: after this many, one line counts the rest. */
export const MAX_PER_FILE_RULE = 10;
/** Same rule in the whole run. */
export const MAX_PER_RUN_RULE = 100;

const SHARED = /^content\/(site|sources|topics)\.yaml$/;
type Kind = keyof Broken["known"];
/** Which id a reference problem is about, read from the messages the checks write. */
const REFERENCE: Record<string, { kind: Kind; id: RegExp; file?: string; noun: string }> = {
  "unknown-source": { kind: "source", id: /^"([^"]+)" is not in content\/sources\.yaml/, file: "content/sources.yaml", noun: "sources" },
  "unknown-topic": { kind: "topic", id: /^"([^"]+)" is not in content\/topics\.yaml/, file: "content/topics.yaml", noun: "topics" },
  "unknown-figure": { kind: "figure", id: /^figure "([^"]+)"/, noun: "figures and charts" },
  "unknown-chart": { kind: "chart", id: /^chart "([^"]+)"/, noun: "figures and charts" },
  "unknown-person": { kind: "person", id: /^"([^"]+)" has no file/, noun: "people" },
};

export function foldProblems(list: Problem[], broken: Broken): Problem[] {
  const unparsedFacts = broken.unparsed.filter((f) => f.startsWith("content/facts/"));
  const folded = new Map<string, { count: number; because: string; noun: string }>();
  const kept: Problem[] = [];
  for (const p of list) {
    const ref = REFERENCE[p.rule];
    if (ref) {
      const id = ref.id.exec(p.message)?.[1];
      if (id !== undefined && broken.known[ref.kind].has(id)) continue;
      const because = ref.file && broken.unparsed.includes(ref.file) ? ref.file
        : (ref.kind === "figure" || ref.kind === "chart") && unparsedFacts.length ? unparsedFacts[0]! : undefined;
      if (because) {
        const f = folded.get(because) ?? { count: 0, because, noun: ref.noun };
        f.count++;
        folded.set(because, f);
        continue;
      }
    }
    kept.push(p);
  }
  // A placeholder explains every other problem on its line (a TODO date is also a bad date).
  const placeholderLines = new Set(kept.filter((p) => p.rule === "placeholder").map((p) => `${p.file}:${p.line}`));
  const rest = kept.filter((p) => p.rule === "placeholder" || !placeholderLines.has(`${p.file}:${p.line}`));

  // A shared file that does not parse is the root cause of much else: its errors come first.
  // Each "not checked" line sits right after the first error of the file it blames.
  const notes = [...folded.values()].map(({ count, because, noun }) => {
    const others = because.startsWith("content/facts/") && unparsedFacts.length > 1 ? ` and ${unparsedFacts.length - 1} other file${unparsedFacts.length > 2 ? "s" : ""}` : "";
    const at = sortProblems(rest.filter((p) => p.file === because && p.severity === "error"))[0];
    return problem(because, at?.line ?? 1, at?.column ?? 1, "not-checked", `${count} reference${count === 1 ? "" : "s"} to ${noun} could not be checked because ${because}${others} does not parse: fix it and run again`, "warning");
  });
  // sortProblems is stable: a note placed after the list lands after the error it follows.
  const ordered = sortProblems([...rest, ...notes]);
  const firstSet = new Set<Problem>(ordered.filter((p) => SHARED.test(p.file) && broken.unparsed.includes(p.file)));
  return [...ordered.filter((p) => firstSet.has(p)), ...cap(ordered.filter((p) => !firstSet.has(p)))];
}

/** Caps repeats of one rule per file and per run; each cap leaves one line with the count. */
function cap(list: Problem[]): Problem[] {
  const perFile = new Map<string, number>();
  const perRun = new Map<string, number>();
  const hiddenFile = new Map<string, { at: Problem; n: number }>();
  const hiddenRun = new Map<string, { at: Problem; n: number }>();
  const out: Problem[] = [];
  for (const p of list) {
    const fk = `${p.file}\u0000${p.rule}`;
    const nf = (perFile.get(fk) ?? 0) + 1;
    perFile.set(fk, nf);
    if (nf > MAX_PER_FILE_RULE) { const h = hiddenFile.get(fk) ?? { at: p, n: 0 }; h.n++; hiddenFile.set(fk, h); continue; }
    const nr = (perRun.get(p.rule) ?? 0) + 1;
    perRun.set(p.rule, nr);
    if (nr > MAX_PER_RUN_RULE) { const h = hiddenRun.get(p.rule) ?? { at: p, n: 0 }; h.n++; hiddenRun.set(p.rule, h); continue; }
    out.push(p);
  }
  for (const { at, n } of hiddenFile.values()) {
    out.push(problem(at.file, at.line, at.column, at.rule, `${n} more [${at.rule}] problem${n === 1 ? "" : "s"} in this file from here on (not listed; the first ${MAX_PER_FILE_RULE} are above)`, at.severity));
  }
  for (const { at, n } of hiddenRun.values()) {
    out.push(problem(at.file, at.line, at.column, at.rule, `${n} more [${at.rule}] problem${n === 1 ? "" : "s"} in this and later files (not listed; the first ${MAX_PER_RUN_RULE} are above)`, at.severity));
  }
  return sortProblems(out);
}

/**
 * Rules about what a reader would see (literal Markdown, missing sources, placeholders),
 * as opposed to what the build can safely read. The hostile-input tests set
 * FACTSHEET_LINT=warn to build such content anyway and prove the renderer is inert by
 * itself, behind the checker; nothing a pull request controls can set it.
 */
export const EDITORIAL_RULES = new Set([
  "shortcode-syntax", "citation-syntax", "raw-html", "image", "link-syntax", "link-reference", "link-text",
  "missing-fragment", "no-source", "missing-quote", "placeholder", "future-date",
]);

export function editorialAsWarnings(list: Problem[], env: NodeJS.ProcessEnv = process.env): Problem[] {
  if (env.FACTSHEET_LINT !== "warn") return list;
  return list.map((p) => (EDITORIAL_RULES.has(p.rule) ? { ...p, severity: "warning" } : p));
}
