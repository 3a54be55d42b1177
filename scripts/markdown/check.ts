/**
 * Every body checked without building the site: the checker's path when content has
 * errors (the site view would need every reference to resolve). Bodies of entries that
 * failed to load are checked too, so one run reports everything.
 */
import { createMarkdown, parseBody } from "./index.ts";
import { factPageIds } from "./lint.ts";
import { PageCiter } from "../lib/citer.ts";
import type { Content, Origin } from "../lib/model.ts";
import type { Problem } from "../lib/problem.ts";

export function checkBodies(content: Content, failed: { origin: Origin; body: string }[], prefix = "/"): Problem[] {
  const md = createMarkdown(prefix);
  const problems: Problem[] = [];
  const href = (path: string) => prefix + path.replace(/^\//, "");
  const bodies: { origin: Origin; body: string; docId: string; pageIds: string[] | null }[] = [
    ...content.facts.map((f) => ({ origin: f.origin, body: f.body, docId: f.slug, pageIds: factPageIds(f) })),
    ...content.people.map((p) => ({ origin: p.origin, body: p.body, docId: `person-${p.slug}`, pageIds: [] })),
    ...content.pages.map((p) => ({ origin: p.origin, body: p.body, docId: `page-${p.slug}`, pageIds: [] })),
    // Which ids a page that failed to load would have is unknown: its fragment links are not judged.
    ...failed.map((b, i) => ({ ...b, docId: `failed-${i}`, pageIds: null })),
  ];
  for (const b of bodies) {
    parseBody(md, {
      file: b.origin.file, bodyLine: b.origin.bodyLine, body: b.body, content, citer: new PageCiter(), href,
      problems, placedCharts: [], docId: b.docId, pageIds: b.pageIds,
    });
  }
  return problems;
}
