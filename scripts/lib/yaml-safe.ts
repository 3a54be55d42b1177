/**
 * YAML for untrusted input. The `yaml` package keeps source positions, so every error
 * can name a line and column. Everything YAML can do beyond plain data is refused:
 * aliases (billion laughs), merge keys, explicit tags (`!!js/function`, `!!binary`,
 * custom), duplicate keys, keys that pollute prototypes, and deep nesting.
 */
import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, visit, type Node } from "yaml";

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
export const MAX_DEPTH = 20;

export function parseSafeYaml(text: string): SafeYaml {
  const lineCounter = new LineCounter();
  const tooDeep = depthProbe(text);
  if (tooDeep >= 0) {
    // Refuse before parsing: the parser recurses, and thousands of levels overflow its stack.
    lineCounter.addNewLine(0);
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineCounter.addNewLine(i + 1);
    return {
      data: undefined,
      issues: [{ offset: tooDeep, rule: "yaml-depth", message: `nested more than ${MAX_DEPTH} levels deep: flatten the structure` }],
      offsetOf: () => 0,
      position: (o) => { const { line, col } = lineCounter.linePos(o); return { line, column: col }; },
    };
  }
  const doc = parseDocument(text, {
    lineCounter, schema: "core", merge: false, uniqueKeys: true, prettyErrors: false,
    strict: true, customTags: [],
  });
  const issues: YamlIssue[] = [];
  for (const e of doc.errors) {
    const rule = e.code === "DUPLICATE_KEY" ? "duplicate-key" : "yaml-syntax";
    issues.push({ offset: e.pos[0], rule, message: firstLine(e.message) });
  }
  const depthOf = new Map<unknown, number>();
  visit(doc, (_key, node, path) => {
    if (isAlias(node)) {
      issues.push({ offset: node.range?.[0] ?? 0, rule: "yaml-alias", message: "YAML aliases (*name) are not allowed: write the value out in full" });
      return visit.SKIP;
    }
    // The parser only sets `tag` when the source spells one out: plain data never has one.
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.tag) {
      const at = node.range ? text.lastIndexOf("!", node.range[0]) : 0;
      issues.push({ offset: Math.max(0, at), rule: "yaml-tag", message: `YAML tag "${node.tag.replace("tag:yaml.org,2002:", "!!")}" is not allowed: remove it and write plain data` });
      return visit.SKIP;
    }
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) {
      issues.push({ offset: node.range?.[0] ?? 0, rule: "yaml-alias", message: "YAML anchors (&name) are not allowed: write the value out in full" });
    }
    if (isPair(node) && isScalar(node.key)) {
      const k = String(node.key.value);
      if (k === "<<") issues.push({ offset: node.key.range?.[0] ?? 0, rule: "yaml-merge", message: "YAML merge keys (<<) are not allowed: write the keys out in full" });
      else if (FORBIDDEN_KEYS.has(k)) issues.push({ offset: node.key.range?.[0] ?? 0, rule: "forbidden-key", message: `the key "${k}" is not allowed: it could change how every object behaves; rename or remove it` });
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
  const fatal = issues.length > 0;
  return {
    // Never convert a document we refused: toJS() is where aliases would expand.
    data: fatal ? undefined : doc.toJS({ maxAliasCount: 0 }),
    issues,
    offsetOf(path, which = "value") {
      for (let n = path.length; n >= 0; n--) {
        const sub = path.slice(0, n);
        const parent = sub.length ? doc.getIn(sub.slice(0, -1), true) : doc.contents;
        if (sub.length && isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(sub[sub.length - 1]));
          const target = (which === "key" || n < path.length ? pair?.key : pair?.value ?? pair?.key) as Node | undefined;
          if (target?.range) return target.range[0];
        }
        const node = sub.length ? (doc.getIn(sub, true) as Node | undefined) : (doc.contents as Node | null);
        if (node && typeof node === "object" && "range" in node && node.range) return node.range[0];
      }
      return 0;
    },
    position(offset) {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Offset where flow brackets or indentation pass MAX_DEPTH (a cheap over-estimate), or -1. */
function depthProbe(text: string): number {
  let depth = 0;
  let quote = "";
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") { lineStart = i + 1; quote = ""; continue; }
    if (quote) { if (c === quote) quote = ""; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") { if (++depth > MAX_DEPTH * 2) return i; }
    else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
    else if (c !== " " && i - lineStart > MAX_DEPTH * 8 && text.slice(lineStart, i).trim() === "") return i;
  }
  return -1;
}
