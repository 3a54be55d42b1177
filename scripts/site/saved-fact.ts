/**
 * The dev server's first answer to a save of one fact file: that fact's new view and
 * re-use record, made from the saved file and the rest of the last full load, so its
 * page can be rendered before Eleventy's whole run (saved-page.ts). The run follows
 * anyway and settles everything else; it re-renders the page when its own key for it
 * differs (page-keys.ts), so what stays on disk is always the run's page.
 * Undefined whenever the saved file cannot be viewed alone: a new or renamed file, an
 * error in it, an id another fact defines, a last load that had errors. Then only the
 * full run renders, as it always did.
 */
import type { MarkdownIt } from "markdown-it";
import { loadContent, type ContentFile } from "../lib/loader.ts";
import type { YamlMemo } from "../lib/yaml-memo.ts";
import type { Problem } from "../lib/problem.ts";
import { editorialAsWarnings } from "../lib/fold.ts";
import { createMarkdown } from "../markdown/index.ts";
import type { Loaded } from "../io/load.ts";
import { buildFactView, type FactView } from "./fact-view.ts";
import { makeHref } from "./site-view.ts";
import { factReuse, type FactReuse } from "./reuse-view.ts";

export interface SavedFact { view: FactView; reuse: FactReuse }

// One renderer per prefix for the session, as a load makes one for all its facts.
const renderers = new Map<string, MarkdownIt>();
const isError = (p: Problem) => p.severity === "error";

/** `memo`: parses already known (read only: a one-file load must not evict the full load's). */
export function savedFactView(last: Loaded, file: ContentFile, today: string, memo?: YamlMemo): SavedFact | undefined {
  const prev = last.content, site = last.view;
  if (!prev || !site || !last.files || last.problems.some(isError)) return undefined;
  const slug = /^content\/facts\/([^/]+)\.md$/.exec(file.path)?.[1];
  const old = slug === undefined ? undefined : prev.facts.find((f) => f.slug === slug);
  if (!old) return undefined;
  // Checked against the other files as last loaded, as a full load checks it.
  const others = last.files.filter((f) => !f.path.startsWith("content/facts/"));
  const { content, problems } = loadContent([...others, file], memo, { today });
  const fact = content.facts[0];
  // Problems elsewhere come from the facts left out (a key figure of another fact): not this file's.
  if (!fact || problems.some((p) => isError(p) && p.file === file.path)) return undefined;
  // The last load's content with this fact in place of the old one.
  const figures = new Map(prev.figures), charts = new Map(prev.charts);
  for (const id of old.figures) figures.delete(id);
  for (const id of old.charts) charts.delete(id);
  for (const id of fact.figures) { if (figures.has(id)) return undefined; figures.set(id, content.figures.get(id)!); }
  for (const id of fact.charts) { if (charts.has(id)) return undefined; charts.set(id, content.charts.get(id)!); }
  const patched = { ...prev, facts: prev.facts.map((f) => (f === old ? fact : f)), figures, charts };
  let md = renderers.get(site.prefix);
  if (!md) renderers.set(site.prefix, (md = createMarkdown(site.prefix)));
  const found: Problem[] = [];
  const view = buildFactView(fact, patched, md, makeHref(site.prefix), found, last.git?.dates.get(file.path), last.git?.perFact.get(file.path), makeHref(site.absBase));
  if (editorialAsWarnings(found).some(isError)) return undefined;
  return { view, reuse: factReuse(site, view) };
}
