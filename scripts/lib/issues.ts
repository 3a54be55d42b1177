/**
 * Turns zod issues into located problems: the line and column of the offending key or
 * value, a rule name a contributor can search for, and a message that says the fix.
 */
import type { z } from "zod";
import { problem, type Problem } from "./problem.ts";
import { printable } from "./yaml-safe.ts";
import type { Origin } from "./model.ts";
import { dateHint, numberHint, slugHint, type KnownIds } from "./hints.ts";

/** Keys that Eleventy would obey: name them, so nobody thinks they were just misspelt. */
const ELEVENTY_KEYS = new Set([
  "permalink", "layout", "templateEngineOverride", "eleventyComputed", "pagination",
  "eleventyExcludeFromCollections", "eleventyNavigation", "eleventyImport", "tags", "dynamicPermalink",
]);

export function locate(origin: Origin, path: readonly PropertyKey[], which: "key" | "value" = "value") {
  if (!origin.yaml) return { line: origin.yamlLine, column: 1 };
  const pos = origin.yaml.position(origin.yaml.offsetOf(path, which));
  return { line: pos.line + origin.yamlLine - 1, column: pos.column };
}

export function at(origin: Origin, path: readonly PropertyKey[], rule: string, message: string, which: "key" | "value" = "value"): Problem {
  const { line, column } = locate(origin, path, which);
  return problem(origin.file, line, column, rule, message);
}

const where = (path: readonly PropertyKey[]) => (path.length ? `"${path.map(String).join(".")}"` : "the front matter");

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) v = v !== null && typeof v === "object" && Object.hasOwn(v, k) ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

export function zodProblems(origin: Origin, error: z.ZodError, allowed: readonly string[] = [], data?: unknown, known: KnownIds = {}): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    if (path.length && valueAt(data, path) === undefined && issue.code !== "unrecognized_keys" && issue.code !== "invalid_key") {
      out.push(at(origin, path.slice(0, -1), "missing-key", `${where(path)} is required: add it`, "key"));
      continue;
    }
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          const full = [...path, key];
          const msg = ELEVENTY_KEYS.has(key)
            ? `"${key}" is an Eleventy setting and content may not set it: the generator decides URLs, layouts and engines; remove the key`
            : `unknown key "${key}"${path.length ? ` in ${where(path)}` : ""}; allowed here: ${allowedAt(path, allowed)}`;
          out.push(at(origin, full, "unknown-key", msg, "key"));
        }
        break;
      case "invalid_type": {
        const v = valueAt(data, path);
        const key = String(path[path.length - 1] ?? "");
        // `topics: deal-terms`: a list of one is still a list.
        if ((issue as { expected?: string }).expected === "array" && (typeof v === "string" || typeof v === "number")) {
          out.push(at(origin, path, "invalid-type", `${where(path)} must be a list, even of one: write ${key}: [${String(v)}]`));
          break;
        }
        const num = numberHint(v);
        if (num && /number/.test(issue.message)) { out.push(at(origin, path, "invalid-type", `${where(path)}: ${num}`)); break; }
        out.push(at(origin, path, "invalid-type", `${where(path)} ${issue.message.replace(/^Invalid input: expected /, "must be ").replace(/, received .*/, "")}`));
        break;
      }
      case "invalid_key":
        out.push(at(origin, path, "bad-id", idMessage(String(path[path.length - 1])), "key"));
        break;
      case "invalid_union": {
        // Report against the shape the author meant (the branch with fewest issues), so
        // `value: .nan` in a chart datum says "must be a finite number" at the value.
        const branches = ((issue as { errors?: z.core.$ZodIssue[][] }).errors ?? []).filter((b) => b.length);
        const fewest = Math.min(...branches.map((b) => b.length));
        const best = branches.filter((b) => b.length === fewest);
        if (best.length === 1) {
          const nested = { issues: best[0]!.map((i) => ({ ...i, path: [...path, ...i.path] })) } as unknown as z.ZodError;
          for (const p of zodProblems(origin, nested, allowed, data, known)) out.push(p);
        } else out.push(at(origin, path, "invalid-value", `${where(path)} ${issue.message}`));
        break;
      }
      case "invalid_value":
        out.push(at(origin, path, "invalid-value", `${where(path)} must be one of: ${issue.values.map(String).join(", ")}`));
        break;
      default: {
        const v = valueAt(data, path);
        const hint = issue.code === "invalid_format" ? slugHint(path, v, known) : issue.code === "custom" ? dateHint(v) ?? numberHint(v) : undefined;
        const length = issue.code === "too_big" && typeof v === "string" ? ` (it has ${v.trim().length})` : "";
        if (hint) {
          const isDate = dateHint(v) === hint;
          out.push(at(origin, path, isDate ? "bad-date" : "invalid-value", `${where(path)}: ${hint}`));
          break;
        }
        const rule = /date/.test(issue.message) && /date|published|accessed|as_of/.test(String(path[path.length - 1])) ? "bad-date" : "invalid-value";
        out.push(at(origin, path, rule, `${where(path)} ${issue.message}${length}`));
      }
    }
  }
  return out;
}

function idMessage(id: string): string {
  if (id.length > 100) return `id "${printable(id.slice(0, 40))}…" is ${id.length} characters long; ids are at most 100: shorten it`;
  return `id "${printable(id)}" must be a lowercase slug like "nbc-2025-02-15" (a-z, 0-9, single hyphens)`;
}

function allowedAt(path: readonly PropertyKey[], topLevel: readonly string[]): string {
  if (path.length === 0 && topLevel.length) return topLevel.join(", ");
  const parent = String(path[0] ?? "");
  if (parent === "corrections") return "date, note";
  if (parent === "figures") return "label, value, unit, approximate, date_precision, as_of, source, quote, attribution";
  if (parent === "charts" && path.length <= 2) return "type, title, orientation, note, data";
  if (parent === "charts") return "label and figure, or label, value, unit, source, quote, attribution";
  return "see CONTRIBUTING.md";
}
