/**
 * Each fact's dated substantive changes from git, for its History section. Three git
 * processes whatever the size of the history: one to ask whether the clone is shallow,
 * one `git log --raw` for every commit that touched content/facts/, one
 * `git cat-file --batch` for every blob those commits name. Each version of a fact file
 * is parsed once, alone; a version that no longer parses is skipped with a count.
 * Git dates come from whoever made the commit: a date after the build is clamped to it.
 */
import { loadContent } from "../lib/loader.ts";
import { diffContent, type Change } from "../lib/content-diff.ts";
import type { Content } from "../lib/model.ts";
import { git, readBlobs, blobText } from "./git-content.ts";

export interface HistoryChange { date: string; commit: string; change: Change }
export interface FactHistory { changes: HistoryChange[]; minor: number }
export interface HistoryResult {
  /** Keyed by the fact file's path now (content/facts/<slug>.md). */
  facts: Map<string, FactHistory>;
  /** One line each for the build log (shallow clone, clamped dates, unreadable versions). */
  notes: string[];
  /** The commit that last changed each fact file substantively, with its date. */
  versions: Map<string, { commit: string; date: string }>;
}

interface Step { commit: string; date: string; path: string; oldOid: string; newOid: string; status: string }

const ZERO = /^0+$/;

export function factHistory(root: string, dir: string, buildDay: string): HistoryResult {
  const result: HistoryResult = { facts: new Map(), notes: [], versions: new Map() };
  let log: string;
  try {
    if (git(root, ["rev-parse", "--is-shallow-repository"]).toString("utf8").trim() === "true") {
      result.notes.push("history: this is a shallow clone, so fact pages show corrections but no changes from git (fetch the full history: git fetch --unshallow)");
      return result;
    }
    log = git(root, ["log", "--reverse", "--format=%x01%H %ct", "--raw", "--no-abbrev", "--no-renames", "--", `${dir}/facts`]).toString("utf8");
  } catch {
    return result; // not a git checkout: no history to show
  }
  const steps: Step[] = [];
  let commit = "";
  let date = "";
  let clamped = 0;
  for (const line of log.split("\n")) {
    if (line.startsWith("\u0001")) {
      const [h, t] = line.slice(1).split(" ");
      commit = h!;
      const day = new Date(Number(t) * 1000).toISOString().slice(0, 10);
      if (day > buildDay) clamped++;
      date = day > buildDay ? buildDay : day;
      continue;
    }
    // :100644 100644 <old> <new> M<TAB>path. A quoted path holds characters no content file may have.
    const m = /^:\d{6} \d{6} ([0-9a-f]+) ([0-9a-f]+) ([AMD])\t(.+)$/.exec(line);
    if (!m || m[4]!.startsWith('"')) continue;
    const rel = m[4]!.startsWith(`${dir}/`) ? `content/${m[4]!.slice(dir.length + 1)}` : m[4]!;
    if (!/^content\/facts\/[a-z0-9-]+\.md$/.test(rel)) continue;
    steps.push({ commit, date, path: rel, oldOid: m[1]!, newOid: m[2]!, status: m[3]! });
  }
  if (clamped) result.notes.push(`history: ${clamped} commit${clamped === 1 ? " is" : "s are"} dated after the build (${buildDay}); their dates were clamped to it`);
  const blobs = readBlobs(root, steps.flatMap((s) => [s.oldOid, s.newOid]).filter((o) => !ZERO.test(o)));
  const parsed = new Map<string, Content | undefined>();
  let unreadable = 0;
  const version = (oid: string, path: string): Content | undefined => {
    if (!parsed.has(oid)) {
      const text = blobText(blobs.get(oid));
      const c = text === undefined ? undefined : loadContent([{ path, text }]).content;
      if (!c || c.facts.length === 0) unreadable++;
      parsed.set(oid, c && c.facts.length ? c : undefined);
    }
    return parsed.get(oid);
  };
  for (const s of steps) {
    if (s.status === "A") result.versions.set(s.path, { commit: s.commit, date: s.date });
    if (s.status !== "M") continue;
    const before = version(s.oldOid, s.path);
    const after = version(s.newOid, s.path);
    if (!before || !after) continue;
    const entry = result.facts.get(s.path) ?? { changes: [], minor: 0 };
    const changes = diffContent(before, after).filter((c) => c.kind !== "correction-added");
    const substantive = changes.filter((c) => c.substantive);
    if (substantive.length) {
      for (const change of substantive) entry.changes.push({ date: s.date, commit: s.commit, change });
      result.versions.set(s.path, { commit: s.commit, date: s.date });
    } else if (changes.length) entry.minor++;
    result.facts.set(s.path, entry);
  }
  if (unreadable) result.notes.push(`history: ${unreadable} old version${unreadable === 1 ? "" : "s"} of fact files no longer parse and were skipped`);
  return result;
}
