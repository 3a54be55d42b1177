/**
 * How a citation is written depends on the page: fact pages number their sources into
 * a References list; other pages (home, figures) link to the bibliography instead.
 * Everything that cites (body text, figures, charts) goes through one of these.
 */
import { escapeHtml } from "./html.ts";
import { References } from "./references.ts";
import { previewControl, sourcePreview } from "./previews.ts";
import { sourcePath } from "./source-pages.ts";
import type { Source } from "./model.ts";
import type { VerificationLookup } from "./verification.ts";

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
      return `${previewControl({ target: `pv-ref-${n}`, label, text: String(n), href: `#ref-${n}`, id: backId, role: "doc-noteref" })}${locator ? `, ${escapeHtml(locator)}` : ""}`;
    });
    return `<sup class="cite">[${links.join("; ")}]</sup>`;
  }
}

/**
 * Citations by publisher name that open the source's preview, falling back to its entry
 * on the sources page. One instance per page: it remembers which previews the page needs.
 */
export class SiteCiter implements Citer {
  private used = new Set<string>();
  constructor(private sources: Map<string, Source>, private href: (path: string) => string, private verify?: VerificationLookup) {}
  cite(items: CiteItem[]): string {
    const links = items.map(({ id, locator }) => {
      const s = this.sources.get(id);
      const name = s ? s.publisher : id;
      if (s) this.used.add(id);
      const label = `Source: ${name}${locator ? `, ${locator}` : ""}`;
      const href = this.href(sourcePath(this.sources, id));
      return s ? previewControl({ target: `pv-src-${id}`, label, text: escapeHtml(name), href })
        : `<a href="${escapeHtml(href)}" aria-label="${escapeHtml(label)}">${escapeHtml(name)}</a>`;
    });
    return `<span class="cite-src">(${links.join("; ")})</span>`;
  }
  /** The preview boxes for every source this page cited, once each. */
  previewsHtml(): string {
    return [...this.used].map((id) => sourcePreview(`pv-src-${id}`, this.sources.get(id)!, [],
      { href: this.href(sourcePath(this.sources, id)), text: "Full entry in Sources" }, this.verify)).join("");
  }
}
