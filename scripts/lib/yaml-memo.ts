/**
 * The safe YAML parse, remembered by text. A file that parsed without problems before
 * gives back its data without parsing again; positions (needed only to report a problem
 * found later, by the schema or a cross-check) come from a full parse done on first ask.
 * Only data that JSON carries exactly is remembered: no .inf, .nan or -0.
 */
import { parseSafeYaml, type SafeYaml } from "./yaml-safe.ts";

export interface YamlMemo {
  /** The data remembered for exactly this text, or undefined. */
  get(text: string): unknown;
  put(text: string, data: unknown): void;
}

export function parseSafeYamlWith(text: string, memo?: YamlMemo): SafeYaml {
  const data = memo?.get(text);
  if (data === undefined) {
    const yaml = parseSafeYaml(text);
    if (memo && !yaml.issues.length && jsonExact(yaml.data)) memo.put(text, yaml.data);
    return yaml;
  }
  let full: SafeYaml | undefined;
  const positions = () => (full ??= parseSafeYaml(text));
  return {
    data,
    issues: [],
    offsetOf: (path, which) => positions().offsetOf(path, which),
    position: (offset) => positions().position(offset),
  };
}

/** Whether JSON.parse(JSON.stringify(v)) gives back exactly v (plain YAML data only). */
export function jsonExact(v: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => jsonExact(x, depth + 1));
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.values(v as object).every((x) => jsonExact(x, depth + 1));
  }
  return false;
}
