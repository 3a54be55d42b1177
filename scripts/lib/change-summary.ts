/**
 * A pull request's changes in readers' terms, grouped the way a reviewer reads them:
 * facts added, changed, moved and removed, sources added, changed and removed. One
 * model, two renderings: Markdown for GitHub's job summary and plain text for the
 * terminal. Untrusted text is escaped in both, and every line starts with our own
 * words, so nothing a pull request writes can start a line (or a "::" command).
 */
import type { Change } from "./content-diff.ts";
import { changeText } from "./change-text.ts";
import { markdownText } from "./markdown-escape.ts";
import { printable } from "./yaml-safe.ts";

/** A job summary is limited to 1 MiB; a reviewer reads far fewer lines than that. */
export const MAX_ITEMS = 300;

interface Group { title: string; items: { head: string; link?: string; details: string[] }[] }

export function summarise(changes: Change[]): Group[] {
  const groups: Group[] = [
    { title: "Facts added", items: [] }, { title: "Facts changed", items: [] }, { title: "Facts moved", items: [] },
    { title: "Facts removed", items: [] }, { title: "Sources added", items: [] }, { title: "Sources changed", items: [] },
    { title: "Sources removed", items: [] },
  ];
  const [added, changed, moved, removed, srcAdded, srcChanged, srcRemoved] = groups as [Group, Group, Group, Group, Group, Group, Group];
  const byFact = new Map<string, Group["items"][number]>();
  const bySource = new Map<string, Group["items"][number]>();
  for (const c of changes) {
    const link = c.fact ? `/facts/${c.fact}/` : undefined;
    switch (c.kind) {
      case "fact-added": added.items.push({ head: c.name ?? "", link, details: [] }); break;
      case "fact-removed": removed.items.push({ head: c.name ?? "", link, details: [] }); break;
      case "fact-renamed": moved.items.push({ head: c.name ?? "", link, details: [`was /facts/${c.from}/`] }); break;
      case "source-added": srcAdded.items.push({ head: c.name ?? "", details: c.after ? [c.after] : [] }); break;
      case "source-removed": srcRemoved.items.push({ head: c.name ?? "", details: [] }); break;
      case "source-changed": {
        let item = bySource.get(c.source!);
        if (!item) { item = { head: c.name ?? "", details: [] }; bySource.set(c.source!, item); srcChanged.items.push(item); }
        item.details.push(changeText(c));
        break;
      }
      default: {
        if (!c.fact || added.items.some((i) => i.link === link)) break;
        let item = byFact.get(c.fact);
        if (!item) { item = { head: c.title ?? "", link, details: [] }; byFact.set(c.fact, item); changed.items.push(item); }
        item.details.push(changeText(c));
      }
    }
  }
  return groups.filter((g) => g.items.length);
}

function limited<T>(groups: Group[], render: (g: Group, items: Group["items"]) => T[], more: (n: number) => T): T[] {
  const out: T[] = [];
  let left = MAX_ITEMS;
  let skipped = 0;
  for (const g of groups) {
    const items = g.items.slice(0, Math.max(0, left));
    skipped += g.items.length - items.length;
    left -= items.length;
    if (items.length) out.push(...render(g, items));
  }
  if (skipped) out.push(more(skipped));
  return out;
}

export function summaryMarkdown(changes: Change[], base: string): string {
  const groups = summarise(changes);
  const lines = ["## What this pull request changes for readers", "", `Compared with ${markdownText(base)}.`, ""];
  if (!groups.length) return [...lines, "No change that readers would see.", ""].join("\n");
  lines.push(...limited(groups, (g, items) => [
    `### ${g.title} (${g.items.length})`, "",
    ...items.flatMap((i) => [
      `- **${markdownText(i.head)}**${i.link ? ` (${markdownText(i.link)})` : ""}`,
      ...i.details.map((d) => `  - ${markdownText(d)}`),
    ]),
    "",
  ], (n) => `And ${n} more, not listed.`));
  return lines.join("\n") + "\n";
}

export function summaryText(changes: Change[], base: string): string {
  const groups = summarise(changes);
  const lines = [`Changes for readers, compared with ${printable(base)}:`];
  if (!groups.length) return [...lines, "  none that readers would see", ""].join("\n");
  lines.push(...limited(groups, (g, items) => [
    `  ${g.title} (${g.items.length}):`,
    ...items.flatMap((i) => [`    - ${printable(i.head)}${i.link ? ` (${printable(i.link)})` : ""}`, ...i.details.map((d) => `        ${printable(d)}`)]),
  ], (n) => `  and ${n} more, not listed`));
  return lines.join("\n") + "\n";
}
