/**
 * How a citation is written depends on the page: fact pages number their sources into
 * a References list; other pages (home, figures) link to the bibliography instead.
 * Everything that cites (body text, figures, charts) goes through one of these.
 */
import { escapeHtml } from "./html.ts";
import { References } from "./references.ts";
import type { Source } from "./model.ts";

export interface CiteItem { id: string; locator?: string }

export interface Citer {
  /** Returns the HTML of one citation group, e.g. `<sup>[1, 2]</sup>`. */
  cite(items: CiteItem[]): string;
}

/** Numbered citations linking to `#ref-N` on the same page. */
export class PageCiter implements Citer {
  readonly refs = new References();
  cite(items: CiteItem[]): string {
    const links = items.map(({ id, locator }) => {
      const { n, backId } = this.refs.cite(id, locator);
      const label = `Reference ${n}${locator ? `, ${locator}` : ""}`;
      return `<a href="#ref-${n}" id="${backId}" role="doc-noteref" aria-label="${escapeHtml(label)}">${n}</a>${locator ? `, ${escapeHtml(locator)}` : ""}`;
    });
    return `<sup class="cite">[${links.join("; ")}]</sup>`;
  }
}

/** Citations that link to the source's entry on the sources page. */
export class SiteCiter implements Citer {
  constructor(private sources: Map<string, Source>, private href: (path: string) => string) {}
  cite(items: CiteItem[]): string {
    const links = items.map(({ id, locator }) => {
      const s = this.sources.get(id);
      const name = s ? s.publisher : id;
      return `<a href="${escapeHtml(this.href(`/sources/#src-${id}`))}" aria-label="Source: ${escapeHtml(name)}${locator ? `, ${escapeHtml(locator)}` : ""}">${escapeHtml(name)}</a>`;
    });
    return `<span class="cite-src">(${links.join("; ")})</span>`;
  }
}
