/**
 * The citation record (cite.ts) as an RIS file, the tagged format that EndNote, Zotero,
 * Mendeley and RefWorks import. Each line is `TG  - value` ended by CRLF, as the RIS
 * specification writes it; an entry opens with TY and closes with `ER  - `.
 *
 * TY ELEC is the specification's web page (Zotero's RIS translator maps it to its Web
 * Page type, T2 to the website's title). The date is the fact's last change with only the
 * parts that are known: DA is written YYYY/MM/DD/ with empty slots ("2025/05//"), PY is
 * the year. No Y2 (access date): only the reader knows when they accessed the page, and a
 * date written here at build time would claim an access that never happened; reference
 * managers fill it in on import.
 */
import { citedTitle, dateParts, oneLine, type CiteInput } from "./cite.ts";

/** RIS tags are two characters; a value is one line (a line break would end the field). */
const line = (tag: string, value: string) => `${tag}  - ${oneLine(value)}\r\n`;

/** DA form: "2025/05/08/", "2025/05//", "2025///". */
export function risDate(parts: number[]): string {
  const [y, m, d] = parts.map((n, i) => String(n).padStart(i ? 2 : 4, "0"));
  return `${y ?? ""}/${m ?? ""}/${d ?? ""}/`;
}

export function citeRis(c: CiteInput): string {
  const parts = dateParts(c);
  let out = line("TY", "ELEC");
  out += line("TI", citedTitle(c));
  if (c.title) out += line("T2", c.siteTitle);
  // A corporate author has no given name: written whole, with no comma to split it at.
  if (c.author) out += line("AU", c.author.replace(/,/g, " "));
  if (parts.length) {
    out += line("PY", String(parts[0]).padStart(4, "0"));
    out += line("DA", risDate(parts));
  }
  out += line("PB", c.siteTitle);
  if (c.language) out += line("LA", c.language);
  out += line("UR", c.url);
  // The closing tag carries a trailing space in the specification.
  return out + "ER  - \r\n";
}
