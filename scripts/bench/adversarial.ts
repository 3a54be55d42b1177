/**
 * Timings of adversarial content files at the size limit: the budget of SECURITY.md
 * ("any single content file within the size limit is checked in under 2 seconds").
 * Tests hold the budget by counting work (test/bounded.test.ts); this section shows the
 * seconds. `npm run bench -- --only adversarial` prints the table; it writes nothing.
 */
import { loadContent, type ContentFile } from "../lib/loader.ts";
import { buildSiteView } from "../site/site-view.ts";
import { MAX_TEXT_CHARS } from "../lib/yaml-safe.ts";

const HEAD = "---\ntitle: T\nsummary: S\ndate: 2025-01-01\nstatus: reported\ntopics: [t]\n";
const BASE: ContentFile[] = [
  { path: "content/site.yaml", text: "title: T\ndescription: D\nurl: https://example.org\nrepository: https://example.org/r\nlanguage: en\nlicense: L\n" },
  { path: "content/topics.yaml", text: "t:\n  title: T\n  description: D\n" },
  { path: "content/sources.yaml", text: Array.from({ length: 2000 }, (_, i) => `source-${i}:\n  title: T\n  publisher: P\n  url: https://example.org/${i}\n`).join("") },
];

/** Appends `unit(i)` for i = 0, 1, ... while the file stays under the size limit. */
function fill(prefix: string, unit: (i: number) => string, suffix = ""): string {
  const parts = [prefix];
  let size = prefix.length + suffix.length;
  for (let i = 0; ; i++) {
    const u = unit(i);
    if (size + u.length > MAX_TEXT_CHARS - 16) break;
    parts.push(u);
    size += u.length;
  }
  return parts.join("") + suffix;
}
const body = (unit: string, suffix = "") => fill(HEAD + "---\n", () => unit, suffix);

export const ADVERSARIAL: [string, () => string][] = [
  ["repeated headings", () => body("## A\n\n")],
  ["unknown citations in one paragraph", () => body("x [@sourc-1] y\n")],
  ["unclosed inline notes", () => body("^[")],
  ["unclosed note references", () => body("[^a", "\n\n[^a]: n\n")],
  ["unclosed brackets", () => body("[")],
  ["emphasis runs", () => body("*a **b ")],
  ["keys in one map", () => fill(HEAD + "x:\n", (i) => `  k${i}: 1\n`, "---\n")],
  ["unknown figure sources", () => fill(HEAD + "figures:\n", (i) => `  f${i}:\n    label: L\n    value: 1\n    unit: count\n    source: sourc-${i}\n`, "---\n")],
];

export interface AdversarialRow { name: string; chars: number; ms: number; problems: number }

export function measureAdversarial(): AdversarialRow[] {
  return ADVERSARIAL.map(([name, make]) => {
    const text = make();
    const started = performance.now();
    const { content, problems } = loadContent([...BASE, { path: "content/facts/x.md", text }]);
    let n = problems.length;
    if (!problems.some((p) => p.severity === "error")) n += buildSiteView(content, "/").problems.length;
    return { name, chars: text.length, ms: performance.now() - started, problems: n };
  });
}
