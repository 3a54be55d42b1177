/**
 * The YAML parser's messages name the grammar rule; these name the fix. One tab in an
 * indentation makes the parser report every later line too: only the tab lines are kept.
 */
import type { YAMLError } from "yaml";

/** The line of `text` holding `offset`. */
function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", Math.max(0, offset - 1)) + 1;
  const end = text.indexOf("\n", offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/** The nearest non-blank, non-comment line after the one holding `offset`. */
function nextLine(text: string, offset: number): string | undefined {
  const end = text.indexOf("\n", offset);
  if (end < 0) return undefined;
  return text.slice(end + 1).split("\n").find((l) => l.trim() && !l.trim().startsWith("#"));
}

export function yamlHint(error: Pick<YAMLError, "code">, text: string, offset: number): string | undefined {
  const line = lineAt(text, offset);
  switch (error.code) {
    case "TAB_AS_INDENT":
      return "this line is indented with a tab: indent with spaces (two per level), as the lines around it";
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      const m = /^(\s*(?:- )?)([\w-]+):\s+(.*:\s.*?)\s*$/.exec(line);
      if (m && !/^["'[{]/.test(m[3]!)) return `the value of "${m[2]}" contains ": ", which YAML reads as a new key: put the value in quotes, ${m[2]}: ${JSON.stringify(m[3])}`;
      const next = nextLine(text, offset);
      const indent = (l: string) => /^ */.exec(l)![0].length;
      const key = /^\s*(?:- )?([\w-]+):\s*\S/.exec(line)?.[1];
      if (next !== undefined && key && indent(next) > indent(line)) return `the next line is indented more than "${key}", which already has a value: line the next key up with "${key}"`;
      return undefined;
    }
    case "MISSING_CHAR":
      if (/quote/i.test(line) || /["']/.test(line)) return "a quoted value is not closed: end it with the same quotation mark it starts with, on the same line";
      return undefined;
    default:
      return undefined;
  }
}

/** After a tab in an indentation, the parser's other complaints follow from it: keep the tabs only. */
export function rootYamlErrors<E extends Pick<YAMLError, "code">>(errors: readonly E[]): { errors: E[]; folded: number } {
  const tabs = errors.filter((e) => e.code === "TAB_AS_INDENT");
  const keys = errors.filter((e) => e.code === "DUPLICATE_KEY");
  if (tabs.length) return { errors: [...tabs, ...keys], folded: 0 };
  // One syntax mistake makes the parser stumble over what follows: report the first,
  // and count the rest (they usually go away with it).
  const syntax = errors.filter((e) => e.code !== "DUPLICATE_KEY");
  return { errors: [...syntax.slice(0, 1), ...keys], folded: Math.max(0, syntax.length - 1) };
}
