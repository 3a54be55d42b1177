/**
 * Hostile fixtures are small text files. What cannot sit in a small text file is written
 * as a placeholder and expanded when the fixture is copied into a site:
 *   ⟦bytes "ED A0 80"⟧      raw bytes (a BOM, a NUL, invalid UTF-8)
 *   ⟦repeat 5000 "["⟧       a string repeated (deep nesting, pathological Markdown, 20 MB)
 * Placeholders keep fixtures reviewable in a diff and safe from editors that "fix" bytes.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

const PLACEHOLDER = /⟦(bytes|repeat) (?:(\d+) )?"((?:[^"\\]|\\.)*)"⟧/g;

/** Expands placeholders; `eol: "crlf"` writes every line end as CRLF. */
export function expand(text: string, eol: "lf" | "crlf" = "lf"): Buffer {
  const source = eol === "crlf" ? text.replace(/\n/g, "\r\n") : text;
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    parts.push(Buffer.from(source.slice(last, m.index), "utf8"));
    const [, kind, count, literal] = m as unknown as [string, string, string | undefined, string];
    const value = JSON.parse(`"${literal}"`) as string;
    if (kind === "bytes") parts.push(Buffer.from(value.replace(/\s+/g, ""), "hex"));
    else parts.push(Buffer.from(value.repeat(Number(count)), "utf8"));
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(source.slice(last), "utf8"));
  return Buffer.concat(parts);
}

/** The bytes a fixture stands for (`group/name` under fixtures/). */
export function fixtureBytes(name: string, eol: "lf" | "crlf" = "lf"): Buffer {
  return expand(readFileSync(FIXTURES + name, "utf8"), eol);
}

/**
 * The text our reader would hand the loader, or undefined when the reader refuses the
 * bytes (invalid UTF-8), so in-process tests see exactly what the CLI sees.
 */
export function fixtureText(name: string, eol: "lf" | "crlf" = "lf"): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(fixtureBytes(name, eol));
  } catch {
    return undefined;
  }
}
