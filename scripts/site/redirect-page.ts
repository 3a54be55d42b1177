/**
 * A renamed fact keeps its old address working: /facts/<old>/ becomes a small page that
 * sends readers (and search engines, through the canonical link and noindex) to the new
 * one. Static hosting has no server redirects, so a meta refresh does it, with a visible
 * link for anyone whose browser does not follow it. No script, the site's own CSP.
 */
import { escapeHtml } from "../lib/html.ts";
import { makeHref } from "./site-view.ts";

export interface Redirect { from: string; to: string; title: string }

/** The same policy as templates/_includes/layouts/base.njk, without any script source. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/**
 * Old slug -> current slug, following chains (a -> b -> c gives a -> c). A slug that a
 * current fact owns is that fact's page, never a redirect; a rename whose end is no longer
 * a fact (removed since) gives none.
 */
export function resolveRedirects(renames: Map<string, string>, current: Map<string, string>): Redirect[] {
  const out: Redirect[] = [];
  for (const from of renames.keys()) {
    if (current.has(from)) continue;
    let to = from;
    for (let i = 0; i <= renames.size && renames.has(to) && !current.has(to); i++) to = renames.get(to)!;
    const title = current.get(to);
    if (title !== undefined && to !== from) out.push({ from, to, title });
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export function redirectHtml(r: Redirect, opts: { prefix: string; absBase: string; language: string; siteTitle: string }): string {
  const rel = makeHref(opts.prefix)(`/facts/${r.to}/`);
  const abs = makeHref(opts.absBase)(`/facts/${r.to}/`);
  const e = escapeHtml;
  return [
    "<!doctype html>",
    `<html lang="${e(opts.language)}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<meta http-equiv="refresh" content="0; url=${e(rel)}">`,
    `<link rel="canonical" href="${e(abs)}">`,
    `<title>Moved: ${e(r.title)} · ${e(opts.siteTitle)}</title>`,
    "</head>",
    "<body>",
    "<main>",
    `<p>This fact moved to <a href="${e(rel)}">${e(r.title)}</a>.</p>`,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
