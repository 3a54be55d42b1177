/**
 * `npm run new` says "replace every TODO": this enforces it. Any TODO, FIXME or TBD in a
 * content file, and the scaffold's example ids outside comments, are located errors that
 * name what to write instead, so a half-filled skeleton can never be published.
 */
import { problem, type Problem } from "./problem.ts";
import { STATUSES } from "./schema.ts";
import { PLACEHOLDERS } from "./scaffold.ts";
import type { ContentFile } from "./loader.ts";

const WORD = /\b(?:TODO|FIXME|TBD)\b[\w-]*/;
const EXAMPLE_IDS = new RegExp(`(?<![\\w-])(?:${PLACEHOLDERS.source}|${PLACEHOLDERS.figure})(?![\\w-])`);
/** At most this many placeholders are reported per file (the fold step counts the rest anyway). */
const MAX_PER_FILE = 50;

/** What to write instead, by the YAML key the placeholder belongs to. */
function hint(key: string | undefined, word: string, topics: readonly string[]): string {
  if (word === PLACEHOLDERS.source) return "cite a source id from content/sources.yaml";
  if (word === PLACEHOLDERS.figure) return "use the id of a figure defined in the front matter, or delete the line";
  switch (key) {
    case "status": return `choose one of: ${STATUSES.join(", ")} (see "Statuses" in CONTRIBUTING.md)`;
    case "topics": return `list ids from content/topics.yaml${topics.length ? `: ${topics.slice(0, 12).join(", ")}${topics.length > 12 ? ", ..." : ""}` : ""}`;
    case "date": return "write the day it happened or was said, YYYY-MM-DD";
    case "url": case "archive_url": return "copy the address from the browser's address bar";
    case "title": return "copy the headline exactly as the page gives it";
    case "publisher": return "write the publisher's name as the page gives it";
    case "summary": return "write one or two plain sentences saying what happened and who says so";
    default: return "replace it with the real text";
  }
}

export function placeholderProblems(file: ContentFile, topics: readonly string[]): Problem[] {
  const out: Problem[] = [];
  const lines = file.text.split("\n");
  const yamlFile = file.path.endsWith(".yaml") || file.path.endsWith(".yml");
  let inFrontMatter = yamlFile;
  let topKey: string | undefined;
  for (let i = 0; i < lines.length && out.length < MAX_PER_FILE; i++) {
    const line = lines[i]!;
    if (!yamlFile && line.trimEnd() === "---") { inFrontMatter = i === 0; continue; }
    topKey = /^([a-z_]+):/.exec(line)?.[1] ?? topKey;
    const key = /^\s*(?:- )?([a-z_]+):/.exec(line)?.[1] ?? topKey;
    // YAML comments explain the keys and may name the example ids; only TODO is refused there.
    const comment = inFrontMatter && /^\s*#/.test(line);
    const m = WORD.exec(line) ?? (comment ? null : EXAMPLE_IDS.exec(line));
    if (!m) continue;
    out.push(problem(file.path, i + 1, m.index + 1, "placeholder", `"${m[0]}" is a placeholder: ${hint(inFrontMatter ? key : undefined, m[0], topics)}`));
  }
  return out;
}
