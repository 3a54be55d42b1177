/**
 * What each data download holds, field by field: one list that both the /data/ page
 * (templates/data.njk) and the README.md inside the data ZIP print, so the two never
 * describe different files. Plain text; each consumer escapes or formats it.
 * test/data-files.test.ts checks the fields against the files the build writes.
 */

export interface DataDoc {
  /** Paths under /data/, as linked and as named in the ZIP. */
  files: string[];
  about: string;
  /** [field, what it holds]; an empty description when the name says it all. */
  fields: [string, string][];
}

export const FIGURES_DOC: DataDoc = {
  files: ["figures.json", "figures.csv"],
  about: "One record per figure",
  fields: [
    ["id", ""], ["fact", "slug"], ["url", "the figure's permanent link"], ["label", ""],
    ["value", "a number, or a YYYY-MM-DD date when unit is date"],
    ["unit", "percent, usd, eur, uah, count, tonnes, date"], ["display", "as shown on the site"], ["approximate", ""],
    ["value_precision", "for a date value: day, month or year; a month or year is written as its first day, so read only that part; empty for numbers"],
    ["date", "the date the figure refers to"], ["date_precision", "the same for the date"],
    ["source", "id, title, label, publisher, url, published; flattened to source_* columns in CSV"],
    ["quote", "the source's words"], ["attribution", "who the source says said it"],
    ["quote_verified", "found, not-found or unchecked: whether the machine check found the words at the source; null without a quote"],
  ],
};

export const FACTS_DOC: DataDoc = {
  files: ["facts.json"],
  about: "One record per fact",
  fields: [
    ["slug", ""], ["url", ""], ["title", ""], ["summary", ""], ["date", ""], ["status", ""], ["topics", ""], ["people", ""],
    ["figures", ""], ["charts", ""], ["sources", "ids, in citation order"], ["updated", ""],
  ],
};

export const SOURCES_DOC: DataDoc = {
  files: ["sources.json"],
  about: "The bibliography",
  fields: [
    ["id", ""], ["title", "the headline as published, or null"], ["label", "a neutral description of a page that shows no headline, or null"],
    ["publisher", ""], ["authors", ""], ["published", ""], ["url", ""], ["accessed", ""], ["archive_url", ""], ["reports_on", ""],
    ["cited_by", "fact slugs"],
    ["verification", "the last machine check of the address, null when not yet checked: status live, redirected, dead, unreachable or blocked; checked, the day; http_status; final_url; dead_since; archive_url"],
    ["quotes", "each quote attributed to the source: text; verified, found, not-found or unchecked; where, live or archive, when found"],
  ],
};

/** Every chart's CSV has these columns; the files are listed per chart. */
export const CHART_FIELDS: [string, string][] = [
  ["label", ""], ["value", ""], ["unit", ""], ["display", ""], ["source_id", ""], ["source_url", ""],
];

export const DATA_DOCS: readonly DataDoc[] = [FIGURES_DOC, FACTS_DOC, SOURCES_DOC];

export const JSON_NOTE = "JSON files carry a schema_version; it changes when fields change. Each also names the site's title, license and license_url.";
export const CSV_NOTE = "CSV files follow RFC 4180 (UTF-8, CRLF, quoted fields). Cells that a spreadsheet would treat as a formula start with an apostrophe.";
