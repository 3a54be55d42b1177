/** In-memory content for unit tests: the fixture site's files, with overrides. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadContent, type ContentFile, type LoadOptions } from "../../scripts/lib/loader.ts";
import { formatProblem } from "../../scripts/lib/problem.ts";

export const FIXTURE_ROOT = fileURLToPath(new URL("../fixtures/site-min/", import.meta.url));

export function fixtureFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(FIXTURE_ROOT, full).split("\\").join("/"), readFileSync(full, "utf8"));
    }
  };
  walk(join(FIXTURE_ROOT, "content"));
  return files;
}

/** Loads the fixture with some files replaced (text) or removed (null); returns problem lines. */
export function loadWith(overrides: Record<string, string | null> = {}, opts: LoadOptions = {}) {
  const files = fixtureFiles();
  for (const [path, text] of Object.entries(overrides)) {
    if (text === null) files.delete(path);
    else files.set(path, text);
  }
  const list: ContentFile[] = [...files].map(([path, text]) => ({ path, text }));
  const result = loadContent(list, undefined, opts);
  return { ...result, lines: result.problems.filter((p) => p.severity === "error").map(formatProblem) };
}

/** A fact file from parts, so a test changes one key and keeps the rest valid. */
export function fact(frontMatter: string, body = "Body [@politico-2025-02-15].\n"): string {
  return `---\ntitle: A fact\nsummary: A summary.\ndate: 2025-02-12\nstatus: reported\ntopics: [deal-terms]\n${frontMatter}---\n${body}`;
}
