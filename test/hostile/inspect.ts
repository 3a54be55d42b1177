/** Small readers for built files, so tests compare what a reader or a program would get. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { attributes, decodeEntities, scriptEnd, tags } from "./inert.ts";

export const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");

/** Every file under `dir` whose name ends with `ext`, as paths relative to it. */
export function filesIn(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.name.endsWith(ext)) out.push(child);
    }
  };
  walk("");
  return out.sort();
}

/** The text content of the first element `<name ...>` matching `attr`, entities decoded. */
export function textOf(html: string, name: string, where: (a: Map<string, string>) => boolean = () => true): string | undefined {
  for (const t of tags(html)) {
    if (t.closing || t.name !== name || !where(t.attrs)) continue;
    const close = html.indexOf(`</${name}>`, t.end);
    return decodeEntities(html.slice(t.end, close).replace(/<[^>]*>/g, ""));
  }
  return undefined;
}

/** An attribute of every element `<name>` that passes `where`. */
export function attrsOf(html: string, name: string, attr: string, where: (a: Map<string, string>) => boolean = () => true): string[] {
  return [...tags(html)].filter((t) => !t.closing && t.name === name && where(t.attrs) && t.attrs.has(attr)).map((t) => t.attrs.get(attr)!);
}

/** The raw contents of every `<script type=...>` of this type. */
export function scriptsOf(html: string, type: string): string[] {
  return [...tags(html)].filter((t) => !t.closing && t.name === "script" && t.attrs.get("type") === type)
    .map((t) => html.slice(t.end, scriptEnd(html, t.end)));
}

/** The part of a page between `<div class="body prose">` and its notes, charts or figures. */
export function bodyOf(html: string): string {
  const start = html.indexOf('<div class="body prose">');
  return html.slice(start, html.indexOf("\n</div>\n", start));
}

/** RFC 4180, as a spreadsheet reads it: the project's own reader. */
export { parseCsv } from "../../scripts/lib/csv.ts";

export { attributes };
