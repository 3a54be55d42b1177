/**
 * Splits a content file into YAML front matter and Markdown body. Only a plain `---`
 * line opens front matter: `---js`, `---json` and every other engine are refused here,
 * before gray-matter sees the file, so no engine but our safe YAML parser ever runs.
 */
import matter from "gray-matter";
import { printable, MAX_TEXT_CHARS, type SafeYaml } from "./yaml-safe.ts";
import { parseSafeYamlWith, type YamlMemo } from "./yaml-memo.ts";

export interface Split {
  yaml?: SafeYaml;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** 1-based line where the YAML starts (after the opening ---). */
  yamlLine: number;
  error?: { line: number; column: number; rule: string; message: string };
}

const refuse = (name: string) => () => {
  throw new Error(`front matter engine "${name}" is disabled`);
};
// Defence in depth: should a file ever reach gray-matter with another engine, it throws.
const ENGINES = Object.fromEntries(
  ["javascript", "js", "json", "coffee", "coffeescript", "cson", "toml"].map((n) => [n, { parse: refuse(n), stringify: refuse(n) }]),
);

/** Strips a BOM and turns CRLF/CR into LF, so such files behave exactly like LF files. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export function splitFrontMatter(raw: string, memo?: YamlMemo): Split {
  // The reader refuses big files by size; this guards callers that hand text straight in.
  if (raw.length > MAX_TEXT_CHARS) return fail("", 0, "file-too-large", `the file is ${Math.round(raw.length / 1024)} K characters; the limit is ${MAX_TEXT_CHARS / 1024} K: split it`);
  const text = normalizeText(raw);
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return fail(text, nul, "binary-content", "the file contains a NUL byte: save it as UTF-8 text");
  const first = text.slice(0, text.indexOf("\n") >>> 0);
  if (text.trim() === "") return fail(text, 0, "empty-file", "the file is empty: start it with a --- line, YAML front matter, and a closing --- line");
  if (first.trimEnd() !== "---") {
    if (first.startsWith("---")) {
      const engine = printable(first.slice(3).trim()).slice(0, 40);
      return fail(text, 3, "front-matter-engine", `front matter must be YAML opened by a plain "---" line; "---${engine}" would select the "${engine}" engine, which is not allowed here`);
    }
    return fail(text, 0, "front-matter-missing", "the file must start with a --- line, then YAML front matter, then a closing --- line");
  }
  const close = /\n---[ \t]*(\n|$)/.exec(text.slice(first.length));
  if (!close) return fail(text, 0, "front-matter-unclosed", "the front matter has no closing --- line: add one after the last YAML key");
  const parsed = matter(text, { language: "yaml", engines: { ...ENGINES, yaml: { parse: () => ({}), stringify: refuse("yaml") } } });
  const yamlText = text.slice(first.length + 1, first.length + close.index + 1);
  const bodyStart = first.length + close.index + close[0].length;
  const body = text.slice(bodyStart);
  // gray-matter and our own split must agree on where the body starts; if not, trust neither.
  if (parsed.content.trim() !== body.trim()) return fail(text, 0, "front-matter-unclosed", "could not find where the front matter ends: check the --- lines");
  return {
    yaml: parseSafeYamlWith(yamlText, memo),
    body,
    bodyLine: lineAt(text, bodyStart),
    yamlLine: 2,
  };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function fail(text: string, offset: number, rule: string, message: string): Split {
  const line = lineAt(text, offset);
  // lastIndexOf with a negative start still looks at index 0, so offset 0 needs its own case.
  const lineStart = offset > 0 ? text.lastIndexOf("\n", offset - 1) + 1 : 0;
  const column = offset - lineStart + 1;
  return { body: "", bodyLine: 1, yamlLine: 2, error: { line, column, rule, message } };
}
