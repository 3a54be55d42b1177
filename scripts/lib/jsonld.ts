/**
 * schema.org structured data (JSON-LD) for search engines and citation managers:
 * WebSite for the home page, Article with `citation` for a fact, Dataset for the data
 * downloads. Pure: returns plain objects; `ldScript` serialises one for HTML with
 * jsonForScript, so no content string can close the script element.
 */
import { jsonForScript } from "./html.ts";

export interface LdSite {
  title: string; description: string; url: string; language: string;
  author?: string; license: string; licenseUrl?: string;
}

export interface LdSource { title?: string; label?: string; publisher: string; url?: string; published?: string; authors?: string[] }

export interface LdArticle {
  title: string; summary: string; url: string; image: string;
  date: string; updated: string; topics: string[]; sources: LdSource[];
}

export interface LdDownload { url: string; format: string; name: string }

const CONTEXT = "https://schema.org";

function organisation(site: LdSite) {
  return { "@type": "Organization", name: site.author ?? site.title, url: site.url };
}

function license(site: LdSite) {
  return site.licenseUrl ?? site.license;
}

export function websiteLd(site: LdSite) {
  return {
    "@context": CONTEXT, "@type": "WebSite", name: site.title, description: site.description,
    url: site.url, inLanguage: site.language, publisher: organisation(site), license: license(site),
    // The search page reads ?q= (scripts/client/search.ts), so this action really works.
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${site.url}search/?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}

function creativeWork(s: LdSource) {
  // A label describes a page with no headline: it is a description, not a name.
  const named: { name?: string; description?: string } = s.title !== undefined ? { name: s.title } : { description: s.label };
  return {
    "@type": "CreativeWork", ...named,
    ...(s.url ? { url: s.url } : {}),
    ...(s.published ? { datePublished: s.published } : {}),
    ...(s.authors?.length ? { author: s.authors.map((name) => ({ "@type": "Person", name })) } : {}),
    publisher: { "@type": "Organization", name: s.publisher },
  };
}

export function articleLd(site: LdSite, a: LdArticle) {
  return {
    "@context": CONTEXT, "@type": "Article",
    headline: a.title, description: a.summary, url: a.url, mainEntityOfPage: a.url, image: [a.image],
    // The fact's date is when the event happened, not when the page appeared.
    temporalCoverage: a.date, dateModified: a.updated, inLanguage: site.language,
    author: organisation(site), publisher: organisation(site), license: license(site),
    isPartOf: { "@type": "WebSite", name: site.title, url: site.url },
    ...(a.topics.length ? { keywords: a.topics.join(", ") } : {}),
    citation: a.sources.map(creativeWork),
  };
}

export function datasetLd(site: LdSite, d: { url: string; description: string; updated: string; downloads: LdDownload[]; keywords: string[] }) {
  return {
    "@context": CONTEXT, "@type": "Dataset",
    name: `${site.title}: data`, description: d.description, url: d.url,
    ...(d.updated ? { dateModified: d.updated } : {}),
    inLanguage: site.language, isAccessibleForFree: true, license: license(site),
    creator: organisation(site), publisher: organisation(site),
    ...(d.keywords.length ? { keywords: d.keywords } : {}),
    distribution: d.downloads.map((f) => ({ "@type": "DataDownload", name: f.name, encodingFormat: f.format, contentUrl: f.url })),
  };
}

/** The whole `<script type="application/ld+json">` element, safe to print unescaped. */
export function ldScript(data: unknown): string {
  return `<script type="application/ld+json">${jsonForScript(data)}</script>`;
}
