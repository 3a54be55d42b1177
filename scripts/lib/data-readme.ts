/**
 * README.md of the data ZIP: what each file holds (from data-docs.ts, the list the
 * /data/ page prints too), the licence, how to cite, and the date of the data. The date
 * is the newest content date (the last change of any fact), never the time of the
 * build, so the same content gives the same README and the same ZIP.
 */
import { CHART_FIELDS, CSV_NOTE, DATA_DOCS, JSON_NOTE, type DataDoc } from "./data-docs.ts";
import { CITE_FORMATS } from "./cite-formats.ts";
import { oneLine } from "./cite.ts";

export interface ReadmeInput {
  siteTitle: string;
  /** The /data/ page's absolute address. */
  dataUrl: string;
  license?: string;
  licenseUrl?: string;
  /** The plain-text citation of the whole fact sheet (cite.ts). */
  cite: string;
  /** YYYY-MM-DD: the newest content date. */
  date: string;
  charts: { id: string; title: string }[];
}

/** Content goes into Markdown: one line, and nothing that starts markup or a code span. */
const md = (s: string) => oneLine(s).replace(/[\\`*_[\]<>#|]/g, (ch) => `\\${ch}`);

const fieldLines = (fields: [string, string][]) => fields.map(([name, about]) => `- \`${name}\`${about ? `: ${about}` : ""}`);

function section(d: DataDoc): string[] {
  return [`## ${d.files.join(", ")}`, "", `${d.about}. Fields:`, "", ...fieldLines(d.fields), ""];
}

export function dataReadme(r: ReadmeInput): string {
  const lines = [
    `# ${md(r.siteTitle)}: data`, "",
    `Every data file of the fact sheet, as published at ${r.dataUrl}`, "",
    `Date of the data: ${r.date} (the last change to any fact).`, "",
    "## Licence", "",
    r.license ? `${md(r.license)}${r.licenseUrl ? `: ${r.licenseUrl}` : ""}` : "See the fact sheet's repository.", "",
    "## How to cite", "",
    `Cite the fact sheet and the original source of each figure (its source fields say which). The fact sheet:`, "",
    `    ${oneLine(r.cite)}`, "",
    `Each fact's page offers its own citation as ${CITE_FORMATS.map((f) => f.label).join(", ")} (facts/<slug>/${CITE_FORMATS.map((f) => f.file).join(", ")}).`, "",
    ...DATA_DOCS.flatMap(section),
    "## charts/<id>.csv", "",
    "Each chart's data. Columns:", "",
    ...fieldLines(CHART_FIELDS), "",
    ...r.charts.map((c) => `- charts/${c.id}.csv: ${md(c.title)}`), "",
    "## Formats", "",
    JSON_NOTE, "", CSV_NOTE, "",
  ];
  return lines.join("\n");
}
