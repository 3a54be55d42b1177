/**
 * One change in readers' words ("figure Proposed US ownership changed from 50% to 40%"),
 * as plain text. Every output escapes it for its own context: HTML, Atom, Markdown, terminal.
 */
import type { Change } from "./content-diff.ts";

const q = (s: string | undefined) => `"${s ?? ""}"`;
const FIELD_NAMES: Record<string, string> = { url: "address", published: "publication date", attribution: "attribution", quote: "quote", label: "label" };

export function changeText(c: Change): string {
  const from = c.before === undefined ? "" : ` from ${q(c.before)}`;
  const to = c.after === undefined ? " (removed)" : ` to ${q(c.after)}`;
  switch (c.kind) {
    case "fact-added": return `fact ${q(c.name)} added`;
    case "fact-removed": return `fact ${q(c.name)} removed`;
    case "fact-renamed": return `fact ${q(c.name)} moved from /facts/${c.before}/ to /facts/${c.after}/`;
    case "fact-changed":
      if (c.field === "status" || c.field === "date") return `${c.field} changed from ${c.before} to ${c.after}`;
      return `${c.field} changed${from}${to}`;
    case "wording": return "text reworded";
    case "correction-added": return `correction added, dated ${c.field}: ${c.after}`;
    case "figure-added": return `figure ${c.name} added: ${c.after}`;
    case "figure-removed": return `figure ${c.name} removed (was ${c.before})`;
    case "figure-changed":
      if (c.field === "source") return `figure ${c.name}: source changed${from}${to}`;
      if (c.field === "quote" || c.field === "attribution" || c.field === "label") return `figure ${c.name}: ${FIELD_NAMES[c.field]} changed${c.before === undefined ? "" : from}${to}`;
      return `figure ${c.name} changed from ${c.before} to ${c.after}`;
    case "chart-added": return `chart ${q(c.name)} added`;
    case "chart-removed": return `chart ${q(c.name)} removed`;
    case "chart-changed": return `chart ${q(c.name)} data changed`;
    case "source-added": return `source ${q(c.name)} added`;
    case "source-removed": return `source ${q(c.name)} removed`;
    case "source-changed": return `source ${q(c.name)}: ${FIELD_NAMES[c.field ?? ""] ?? c.field} changed${from}${to}`;
  }
}
