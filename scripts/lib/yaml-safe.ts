/**
 * YAML for untrusted input. The `yaml` package keeps source positions, so every error
 * can name a line and column. Everything YAML can do beyond plain data is refused:
 * aliases (billion laughs), merge keys, explicit tags (`!!js/function`, `!!binary`,
 * custom), duplicate keys, keys that pollute prototypes, keys with control characters
 * (they would reach our messages, and a newline there forges CI log lines), deep
 * nesting and oversized text.
 */
import { yamlHint, rootYamlErrors } from "./yaml-hints.ts";
import { parseFastYaml } from "./yaml-fast.ts";
import { MAX_DEPTH, MAX_TEXT_CHARS, yamlStats } from "./yaml-limits.ts";
import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, visit, type Node, type Pair, type YAMLMap } from "yaml";

export interface YamlIssue { offset: number; rule: string; message: string }
export interface Position { line: number; column: number }

export interface SafeYaml {
  data: unknown;
  issues: YamlIssue[];
  /** Where a path (from a zod issue or a cross-check) starts, as an offset into the text. */
  offsetOf(path: readonly PropertyKey[], which?: "key" | "value"): number;
  position(offset: number): Position;
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
export { MAX_DEPTH, MAX_TEXT_CHARS, yamlStats };

/** C0/C1 controls, DEL, line and paragraph separators, and bidirectional controls. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Content quoted in a message, with control characters written as \uXXXX escapes: our
 * output is one problem per line, and CI reads lines starting with "::" as commands.
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The safe parse. Plain YAML takes the cheap path (yaml-fast.ts: no positions, no syntax
 * tree); positions are parsed only if a later check asks for one. Anything else takes the
 * full parse below, which finds and locates every problem, so the messages never depend
 * on which path ran.
 */
export function parseSafeYaml(text: string): SafeYaml {
  if (text.length <= MAX_TEXT_CHARS && depthProbe(text) < 0) {
    const data = parseFastYaml(text);
    if (data !== undefined) {
      let full: SafeYaml | undefined;
      const positions = () => (full ??= parseSafeYamlWithPositions(text));
      return { data, issues: [], offsetOf: (path, which) => positions().offsetOf(path, which), position: (offset) => positions().position(offset) };
    }
  }
  return parseSafeYamlWithPositions(text);
}

/** The full parse: the `yaml` package's syntax tree, every rule checked, every problem located. */
export function parseSafeYamlWithPositions(text: string): SafeYaml {
  const lineCounter = new LineCounter();
  if (text.length > MAX_TEXT_CHARS) return refused(text, lineCounter, { offset: 0, rule: "file-too-large", message: `the YAML is ${Math.round(text.length / 1024)} K characters; the limit is ${MAX_TEXT_CHARS / 1024} K: split it` });
  const tooDeep = depthProbe(text);
  // Refuse before parsing: the parser recurses, and thousands of levels overflow its stack.
  if (tooDeep >= 0) return refused(text, lineCounter, { offset: tooDeep, rule: "yaml-depth", message: `nested more than ${MAX_DEPTH} levels deep: flatten the structure` });
  // uniqueKeys is off because the parser compares each key with every earlier one
  // (quadratic: a map of 20,000 keys took seconds); the visitor below checks them with
  // one index per map, which offsetOf then reuses to find keys without scanning.
  const doc = parseDocument(text, {
    lineCounter, schema: "core", merge: false, uniqueKeys: false, prettyErrors: false,
    strict: true, customTags: [],
  });
  const issues: YamlIssue[] = [];
  const roots = rootYamlErrors(doc.errors);
  for (const e of roots.errors) {
    const rule = e.code === "DUPLICATE_KEY" ? "duplicate-key" : e.code === "TAB_AS_INDENT" ? "yaml-tab" : "yaml-syntax";
    const more = rule === "yaml-syntax" && roots.folded ? ` (${roots.folded} more YAML error${roots.folded === 1 ? "" : "s"} after this one may follow from it: fix this first)` : "";
    issues.push({ offset: e.pos[0], rule, message: printable(yamlHint(e, text, e.pos[0]) ?? firstLine(e.message)) + more });
  }
  // A billion-laughs document has dozens of anchors and aliases: report the first of each.
  const anchors: number[] = [];
  const aliases: number[] = [];
  const depthOf = new Map<unknown, number>();
  const keysOf = new WeakMap<YAMLMap, Map<string, Pair>>();
  const indexKeys = (map: YAMLMap) => {
    const keys = new Map<string, Pair>();
    for (const pair of map.items) {
      yamlStats.keys++;
      if (!isScalar(pair.key)) continue;
      const k = String(pair.key.value);
      const first = keys.get(k);
      if (!first) { keys.set(k, pair); continue; }
      const line = lineCounter.linePos(first.key && isScalar(first.key) ? first.key.range?.[0] ?? 0 : 0).line;
      issues.push({ offset: pair.key.range?.[0] ?? 0, rule: "duplicate-key", message: `the key "${printable(k).slice(0, 100)}" is already set on line ${line} of this map: keep one of the two` });
    }
    keysOf.set(map, keys);
  };
  visit(doc, (_key, node, path) => {
    if (isMap(node)) indexKeys(node);
    if (isAlias(node)) {
      aliases.push(node.range?.[0] ?? 0);
      return visit.SKIP;
    }
    // The parser only sets `tag` when the source spells one out: plain data never has one.
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.tag) {
      const at = node.range ? text.lastIndexOf("!", node.range[0]) : 0;
      issues.push({ offset: Math.max(0, at), rule: "yaml-tag", message: `YAML tag "${printable(node.tag.replace("tag:yaml.org,2002:", "!!"))}" is not allowed: remove it and write plain data` });
      return visit.SKIP;
    }
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.push(anchorOffset(text, node.anchor, node.range?.[0] ?? 0));
    if (isPair(node) && isScalar(node.key)) {
      const k = String(node.key.value);
      const offset = node.key.range?.[0] ?? 0;
      if (k === "<<") issues.push({ offset, rule: "yaml-merge", message: "YAML merge keys (<<) are not allowed: write the keys out in full" });
      else if (FORBIDDEN_KEYS.has(k)) issues.push({ offset, rule: "forbidden-key", message: `the key "${k}" is not allowed: it could change how every object behaves; rename or remove it` });
      else if (k.search(UNPRINTABLE) >= 0) issues.push({ offset, rule: "bad-key", message: `the key "${printable(k)}" contains control or invisible characters: retype it` });
    } else if (isPair(node) && (isMap(node.key) || isSeq(node.key))) {
      // A list or map as a key would be turned into a string by the parser: keys are words.
      issues.push({ offset: node.key.range?.[0] ?? 0, rule: "bad-key", message: "a key must be a plain word, not a list or a map" });
      return visit.SKIP;
    }
    if (isMap(node) || isSeq(node)) {
      const parent = path[path.length - 1];
      const depth = (depthOf.get(parent) ?? 0) + 1;
      depthOf.set(node, depth);
      if (depth > MAX_DEPTH) {
        issues.push({ offset: node.range?.[0] ?? 0, rule: "yaml-depth", message: `nested more than ${MAX_DEPTH} levels deep: flatten the structure` });
        return visit.BREAK;
      }
    }
    return undefined;
  });
  const more = (list: number[]) => (list.length > 1 ? ` (${list.length - 1} more in this file)` : "");
  if (anchors.length) issues.push({ offset: anchors[0]!, rule: "yaml-alias", message: `YAML anchors (&name) are not allowed${more(anchors)}: write the value out in full` });
  if (aliases.length) issues.push({ offset: aliases[0]!, rule: "yaml-alias", message: `YAML aliases (*name) are not allowed${more(aliases)}: write the value out in full` });
  const fatal = issues.length > 0;
  return {
    // Never convert a document we refused: toJS() is where aliases would expand.
    data: fatal ? undefined : doc.toJS({ maxAliasCount: 0 }),
    issues,
    offsetOf(path, which = "value") {
      // Walk down as far as the path exists, through the key indexes: O(depth) per look-up.
      let node: unknown = doc.contents;
      let best = rangeStart(node) ?? 0;
      for (let i = 0; i < path.length; i++) {
        yamlStats.steps++;
        const last = i === path.length - 1;
        if (isMap(node)) {
          const pair = (keysOf.get(node) ?? new Map<string, Pair>()).get(String(path[i]));
          if (!pair) break;
          const target = which === "key" || !last ? pair.key : pair.value ?? pair.key;
          best = rangeStart(target) ?? best;
          node = pair.value;
        } else if (isSeq(node) && typeof path[i] === "number") {
          node = node.items[path[i] as number];
          if (node === undefined) break;
          best = rangeStart(node) ?? best;
        } else break;
      }
      return best;
    },
    position(offset) {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === "object" && "range" in node ? (node as Node).range?.[0] : undefined;
}

/**
 * Where to point for "&name": at the value, as for every other problem, unless the value
 * starts on a later line (a block map or list), where the value's line would mislead.
 */
function anchorOffset(text: string, anchor: string, valueStart: number): number {
  const amp = text.lastIndexOf(`&${anchor}`, valueStart);
  return amp >= 0 && text.slice(amp, valueStart).includes("\n") ? amp : valueStart;
}

/** A document refused before parsing: only positions are needed, for the one issue. */
function refused(text: string, lineCounter: LineCounter, issue: YamlIssue): SafeYaml {
  lineCounter.addNewLine(0);
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineCounter.addNewLine(i + 1);
  return {
    data: undefined,
    issues: [issue],
    offsetOf: () => 0,
    position: (o) => { const { line, col } = lineCounter.linePos(o); return { line, column: col }; },
  };
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * Offset where flow brackets or indentation pass MAX_DEPTH (a cheap over-estimate), or -1.
 * Indentation counts compact block indicators too: "- - - x" and "? ? x" nest without
 * new lines, so 5,000 levels fit on one short line.
 */
function depthProbe(text: string): number {
  let depth = 0;
  let quote = "";
  let indent = true;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") { lineStart = i + 1; quote = ""; indent = true; continue; }
    if (indent) {
      const compact = (c === "-" || c === "?" || c === ":") && (text[i + 1] === " " || text[i + 1] === "\t");
      if (c === " " || c === "\t" || compact) {
        if (i - lineStart >= MAX_DEPTH * 8) return i;
        continue;
      }
      indent = false;
    }
    if (quote) { if (c === quote) quote = ""; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") { if (++depth > MAX_DEPTH * 2) return i; }
    else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return -1;
}
