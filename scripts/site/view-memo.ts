/**
 * The dev server's memory of built fact views between saves, so a save re-renders only
 * the bodies it touched. A view is reused when everything it was made from is the same:
 *   - the fact itself (front matter and body, its file and body line, so problems keep
 *     their positions), its git date and history, the prefix and absolute base;
 *   - what every fact reads from other files: sources, verification records, people's
 *     names, topics' titles, the site's repository (one digest per load, `shared`);
 *   - the figures and charts it shows, its own and those it placed from other facts
 *     (known only once rendered, so stored with the view and compared on reuse).
 * The problems found while building it are stored too and reported again on reuse.
 * Nothing here is written to disk; the build never uses it (it builds once).
 */
import { createHash } from "node:crypto";
import type { Content, Fact } from "../lib/model.ts";
import type { Problem } from "../lib/problem.ts";
import type { FactView } from "./fact-view.ts";

const hash = (text: string) => createHash("sha256").update(text).digest("hex");
/** JSON with Maps as entry lists (the content model keeps sources, verification records... in Maps). */
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (x instanceof Map ? [...x] : x));

interface Entry { input: string; figures: string[]; charts: string[]; deps: string; view: FactView; problems: Problem[] }

export class ViewMemo {
  private entries = new Map<string, Entry>();
  private shared = "";
  private content?: Content;
  private used = new Set<string>();
  hits = 0;
  misses = 0;

  /** Called once per load, before the facts' views are built. */
  begin(content: Content, prefix: string, absBase: string): void {
    this.content = content;
    this.used.clear();
    this.hits = this.misses = 0;
    this.shared = hash(json([
      prefix, absBase, content.site.repository, content.sources, content.verification ?? null,
      content.people.map((p) => [p.slug, p.name]), content.topics,
    ]));
  }

  private deps(figures: string[], charts: string[]): string {
    const c = this.content!;
    return hash(json([figures.map((id) => c.figures.get(id) ?? null), charts.map((id) => c.charts.get(id) ?? null)]));
  }

  /**
   * The fact's view: the remembered one when its inputs are unchanged, else `build()`.
   * `build` reports which figures and charts it showed; its problems are pushed to `problems`.
   */
  view(fact: Fact, extra: unknown, problems: Problem[], build: () => { view: FactView; figures: string[]; charts: string[] }): FactView {
    const { origin, ...rest } = fact;
    const input = hash(json([this.shared, rest, origin.file, origin.bodyLine, extra]));
    this.used.add(fact.slug);
    const old = this.entries.get(fact.slug);
    if (old && old.input === input && old.deps === this.deps(old.figures, old.charts)) {
      this.hits++;
      problems.push(...old.problems);
      return old.view;
    }
    this.misses++;
    const before = problems.length;
    const made = build();
    const figures = [...new Set(made.figures)].sort();
    const charts = [...new Set(made.charts)].sort();
    this.entries.set(fact.slug, { input, figures, charts, deps: this.deps(figures, charts), view: made.view, problems: problems.slice(before) });
    return made.view;
  }

  /** After a load: forget the facts that are gone. */
  end(): void {
    for (const slug of this.entries.keys()) if (!this.used.has(slug)) this.entries.delete(slug);
  }
}
