/**
 * The citation files each fact page offers, in the order the page lists them. This one
 * list drives the files the build writes (scripts/site/outputs.ts), the download links
 * on the fact page (templates/_includes/pages/fact.njk) and the tests, and each entry
 * renders the same citation record (cite.ts), so the three formats always agree.
 */
import { citeBibtex, type CiteInput } from "./cite.ts";
import { citeRis } from "./ris.ts";
import { citeCsl } from "./csl.ts";

export interface CiteFormat {
  /** What the link says. */
  label: string;
  /** The file beside the fact's page: /facts/<slug>/<file>. */
  file: string;
  /** The extension of the downloaded file. */
  ext: string;
  /**
   * The media type the link announces (its `type` attribute). Servers type files by
   * extension: .ris and .json are registered (application/x-research-info-systems,
   * application/json); .bib is not, so a server sends it as a plain download.
   */
  mime: string;
  /** What the link's title says the format is for. */
  hint: string;
  render: (c: CiteInput) => string;
}

export const CITE_FORMATS: readonly CiteFormat[] = [
  { label: "BibTeX", file: "citation.bib", ext: "bib", mime: "application/x-bibtex", hint: "BibTeX entry for LaTeX, JabRef and biber", render: citeBibtex },
  { label: "RIS", file: "citation.ris", ext: "ris", mime: "application/x-research-info-systems", hint: "RIS file for EndNote, Zotero, Mendeley and RefWorks", render: citeRis },
  { label: "CSL-JSON", file: "citation.json", ext: "json", mime: "application/vnd.citationstyles.csl+json", hint: "CSL-JSON for Zotero, Pandoc and citeproc", render: citeCsl },
];
