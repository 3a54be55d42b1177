/**
 * The scalars of the fast YAML path (yaml-fast.ts): one-line quoted and plain scalars,
 * block scalars, one-line flow lists and maps of scalars, and map keys. Whatever is not
 * sure throws Unsure, and the caller answers `undefined` (the full parse then runs).
 * Plain scalars resolve through the `yaml` package's own core-schema tags, so they get
 * the value the full parse gives them.
 */
import { Document, isScalar, type ScalarTag } from "yaml";
import { yamlStats } from "./yaml-limits.ts";

export type Value = null | boolean | number | string | Value[] | { [k: string]: Value };

// The schema and options of the full parse, so plain scalars resolve exactly as there.
const doc = new Document(null, { schema: "core", merge: false, customTags: [] });
const TAGS = doc.schema.tags.filter((t): t is ScalarTag => t.default === true && !t.collection && !!t.test);
const OPTIONS = doc.options as Parameters<ScalarTag["resolve"]>[2];

/** Keys the subset takes: plain words (prototype keys are left to the full parse, which refuses them). */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$/;
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
/** A plain scalar may not start with these (YAML indicators, or ones whose meaning we leave to yaml). */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** Whether a plain scalar starts with an indicator; "-" before a digit or "." starts a number ("-5", "-.5"). */
export const indicator = (s: string) => INDICATOR.test(s) && !/^-[0-9.]/.test(s);

export class Unsure extends Error {}
export const unsure = (): never => { throw new Unsure(); };

/** Adds one block or flow map key: plain words only, each once (others are left to the full parse). */
export function addKey(map: { [k: string]: Value }, key: string, value: Value) {
  yamlStats.keys++;
  if (!KEY.test(key) || FORBIDDEN.has(key) || typeof plain(key) !== "string" || Object.hasOwn(map, key)) unsure();
  map[key] = value;
}

/** A value on its key's line: a quoted or plain scalar, or a one-line flow list or map of scalars. */
export function inline(s: string): Value {
  if (s[0] === '"' || s[0] === "'") {
    const q = quoted(s, 0);
    if (q.end !== s.length) unsure();
    return q.value;
  }
  if (s[0] === "[") return flow(s, "]").map((item) => scalarItem(item));
  if (s[0] === "{") {
    const map: { [k: string]: Value } = {};
    for (const item of flow(s, "}")) {
      const m = /^([^"':, ]+): +(.+)$/.exec(item) ?? unsure();
      addKey(map, m[1]!, scalarItem(m[2]!));
    }
    return map;
  }
  if (indicator(s) || s.includes(": ") || s.includes(" #") || s.endsWith(":")) unsure();
  return plain(s);
}

/**
 * A block scalar (">-", ">", "|-", "|") whose lines all share one indentation, deeper than
 * its key's; other headers, deeper lines, blank lines with spaces or leading blank lines,
 * trailing spaces are left to the full parse.
 */
export function blockScalar(header: string, raw: string[], keyIndent: number): string {
  const m = /^([|>])(-?)$/.exec(header) ?? unsure();
  while (raw.length && raw[raw.length - 1] === "") raw = raw.slice(0, -1);
  if (!raw.length || raw[0] === "") unsure();
  const indent = /^ */.exec(raw[0]!)![0].length;
  if (indent <= keyIndent) unsure();
  const lines = raw.map((l) => {
    if (l === "") return l;
    if (/^ */.exec(l)![0].length !== indent || l.endsWith(" ")) unsure();
    return l.slice(indent);
  });
  let out = "";
  if (m[1] === "|") out = lines.join("\n");
  else {
    let empty = 0;
    for (const [k, l] of lines.entries()) {
      if (l === "") { empty++; continue; }
      out += k === 0 ? l : (empty ? "\n".repeat(empty) : " ") + l;
      empty = 0;
    }
  }
  return m[2] === "-" ? out : out + "\n";
}

/** The comma-separated items of a one-line flow collection; nested collections are left to yaml. */
function flow(s: string, close: string): string[] {
  if (!s.endsWith(close)) unsure();
  const inner = s.slice(1, -1);
  if (/[[\]{}]/.test(inner.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, ""))) unsure();
  const items: string[] = [];
  let i = 0;
  while (i < inner.length) {
    while (inner[i] === " ") i++;
    if (i >= inner.length) break;
    let end: number;
    const start = i;
    const q = /^[^,"']*: +(?=["'])/.exec(inner.slice(i));
    if (inner[i] === '"' || inner[i] === "'" || q) {
      end = quoted(inner, i + (q ? q[0].length : 0)).end;
    } else {
      end = inner.indexOf(",", i);
      if (end < 0) end = inner.length;
    }
    const item = inner.slice(start, end).replace(/ +$/, "");
    let j = end;
    while (inner[j] === " ") j++;
    if (j < inner.length && inner[j] !== ",") unsure();
    items.push(item);
    i = j + 1;
    // A trailing comma ("[a, ]") is legal YAML: leave it to the full parse.
    if (j < inner.length && inner.slice(i).trim() === "") unsure();
  }
  return items;
}

function scalarItem(s: string): Value {
  if (s === "") unsure();
  if (s[0] === '"' || s[0] === "'") {
    const q = quoted(s, 0);
    if (q.end !== s.length) unsure();
    return q.value;
  }
  // Inside brackets a plain scalar ends at any flow indicator: those inside are left to yaml.
  if (indicator(s) || /[:#[\]{},]/.test(s)) unsure();
  return plain(s);
}

/** A one-line quoted scalar starting at s[from]: its value and the index after its closing quote. */
function quoted(s: string, from: number): { value: string; end: number } {
  const q = s[from]!;
  if (q === '"') {
    let value = "";
    for (let i = from + 1; i < s.length; i++) {
      if (s[i] === '"') return { value, end: i + 1 };
      if (s[i] !== "\\") { value += s[i]; continue; }
      // \" and \\ only: every other escape is the full parse's business.
      if (s[i + 1] !== '"' && s[i + 1] !== "\\") unsure();
      value += s[++i];
    }
    return unsure();
  }
  let value = "";
  for (let i = from + 1; i < s.length; i++) {
    if (s[i] !== "'") { value += s[i]; continue; }
    if (s[i + 1] === "'") { value += "'"; i++; continue; }
    return { value, end: i + 1 };
  }
  return unsure();
}

/** A plain scalar, resolved by the first default core-schema tag whose test matches, as yaml does. */
function plain(s: string): Value {
  const tag = TAGS.find((t) => t.test!.test(s));
  if (!tag) return s;
  const v = tag.resolve(s, unsure, OPTIONS) as unknown;
  const value = isScalar(v) ? v.value : v;
  if (value !== null && typeof value !== "number" && typeof value !== "boolean" && typeof value !== "string") unsure();
  return value as Value;
}
