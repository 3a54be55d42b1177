/**
 * `/feed.xml`: an Atom feed (RFC 4287) with one entry per fact, newest change first,
 * so readers can follow corrections as well as new facts. Every URL is absolute
 * (view.absBase carries the path prefix); every string passes through escapeXml.
 */
import { escapeXml } from "../lib/html.ts";
import { makeHref, type SiteView } from "./site-view.ts";

/** Atom dates are RFC 3339 date-times; content has calendar dates only. */
export const atomDate = (day: string) => `${day}T00:00:00Z`;

export function feedXml(view: SiteView): string {
  const abs = makeHref(view.absBase);
  const x = escapeXml;
  const site = view.site;
  // Newest change first; ties keep a stable order so the same content gives the same file.
  const facts = [...view.facts].sort((a, b) =>
    b.updated.localeCompare(a.updated) || b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  const updated = facts[0]?.updated ?? view.buildDate;
  const author = `<author><name>${x(site.author ?? site.title)}</name><uri>${x(view.absBase)}</uri></author>`;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(site.language ?? "en")}">`,
    `<id>${x(view.absBase)}</id>`,
    `<title>${x(site.title)}</title>`,
    `<subtitle>${x(site.description)}</subtitle>`,
    `<updated>${atomDate(updated || "1970-01-01")}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(abs("/feed.xml"))}"/>`,
    `<link rel="alternate" type="text/html" href="${x(view.absBase)}"/>`,
    author,
    `<rights>${x(site.license)}</rights>`,
    `<generator>factsheet</generator>`,
  ];
  for (const f of facts) {
    const url = abs(f.url);
    lines.push(
      `<entry>`,
      `<id>${x(url)}</id>`,
      `<title type="text">${x(f.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${x(url)}"/>`,
      `<updated>${atomDate(f.updated)}</updated>`,
      `<summary type="text">${x(f.dateDisplay)}, ${x(f.status)}: ${x(f.summary)}</summary>`,
      ...f.topics.map((t) => `<category term="${x(t.id)}" label="${x(t.title)}"/>`),
      `</entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

/**
 * `/corrections.xml`: one entry per correction, newest first. The entry id names the
 * fact, the day and the correction's place in the list, so it stays the same between
 * builds and differs between two corrections of one fact on one day.
 */
export function correctionsXml(view: SiteView): string {
  const abs = makeHref(view.absBase);
  const x = escapeXml;
  const site = view.site;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(site.language ?? "en")}">`,
    `<id>${x(abs("/corrections/"))}</id>`,
    `<title>${x(site.title)}: corrections</title>`,
    `<updated>${atomDate(view.corrections[0]?.date ?? (view.buildDate || "1970-01-01"))}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(abs("/corrections.xml"))}"/>`,
    `<link rel="alternate" type="text/html" href="${x(abs("/corrections/"))}"/>`,
    `<author><name>${x(site.author ?? site.title)}</name><uri>${x(view.absBase)}</uri></author>`,
    `<rights>${x(site.license)}</rights>`,
  ];
  const seen = new Map<string, number>();
  for (const c of view.corrections) {
    const key = `${c.fact.slug}-${c.date}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const url = abs(`${c.fact.url}#history`);
    lines.push(
      `<entry>`,
      `<id>${x(`${abs(c.fact.url)}#correction-${c.date}-${n}`)}</id>`,
      `<title type="text">Correction: ${x(c.fact.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${x(url)}"/>`,
      `<updated>${atomDate(c.date)}</updated>`,
      `<summary type="text">${x(c.dateDisplay)}: ${x(c.note)}</summary>`,
      `</entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}
