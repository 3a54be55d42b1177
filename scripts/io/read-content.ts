/**
 * Reads content/ from disk for the loader, refusing what must never be read: symlinks
 * (they could point at /etc/passwd or outside the repo), code files (.js, .11tydata.js,
 * .cjs...), anything not in the content layout, names with control characters, and
 * files over the size limit.
 */
import { closeSync, constants, lstatSync, openSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { problem, type Problem } from "../lib/problem.ts";
import { printable, MAX_TEXT_CHARS } from "../lib/yaml-safe.ts";
import type { ContentFile } from "../lib/loader.ts";

/** Bytes on disk; the loader applies the same number to characters, for callers that skip the reader. */
export const MAX_FILE_BYTES = MAX_TEXT_CHARS;
const LAYOUT = [/^content\/(site|sources|topics)\.yaml$/, /^content\/(facts|people|pages)\/[^/]+\.md$/, /^content\/verification\/[^/]+\.yaml$/, /^content\/sources\/[^/]+\.yaml$/];
const decoder = new TextDecoder("utf-8", { fatal: true });

export interface ReadResult { files: ContentFile[]; problems: Problem[] }

/**
 * One file under the content folder, with every rule above: the file, or the problem
 * that refuses it, or "folder" (the walk goes in). The dev server reads a saved file with it.
 */
export function readContentEntry(root: string, dir: string, full: string, name: string): ContentFile | Problem | "folder" {
  const rel = relative(root, full).split(sep).join("/").replace(new RegExp(`^${dir}/`), "content/");
  // A newline in a name would start a new output line, which CI could read as a command.
  if (printable(rel) !== rel) return problem(printable(rel), 1, 1, "bad-filename", "the name contains control or invisible characters: rename it to a lowercase slug");
  const st = lstatSync(full);
  if (st.isSymbolicLink()) return problem(rel, 1, 1, "symlink", "symbolic links are not allowed in content/: copy the file in instead");
  if (st.isDirectory()) return "folder";
  if (!st.isFile()) return problem(rel, 1, 1, "unexpected-file", "only regular files are allowed in content/");
  if (/\.(c|m)?[jt]sx?$|\.11tydata\./i.test(name)) return problem(rel, 1, 1, "code-file", "code files are not allowed in content/: content is data (Markdown and YAML) only");
  if (!LAYOUT.some((re) => re.test(rel))) return problem(rel, 1, 1, "unexpected-file", "not part of the content layout: facts/<slug>.md, people/<slug>.md, pages/<slug>.md, sources/<id>.yaml, site.yaml, sources.yaml, topics.yaml, verification/<source-id>.yaml");
  if (st.size > MAX_FILE_BYTES) return problem(rel, 1, 1, "file-too-large", `the file is ${Math.round(st.size / 1024)} KB; the limit is ${MAX_FILE_BYTES / 1024} KB: split it`);
  // O_NOFOLLOW: should the file be swapped for a link after lstat, opening it fails.
  const fd = openSync(full, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  let buf: Buffer;
  try { buf = readFileSync(fd); } finally { closeSync(fd); }
  try { return { path: rel, text: decoder.decode(buf) }; } catch {
    return problem(rel, 1, 1, "encoding", "the file is not valid UTF-8: save it as UTF-8");
  }
}

/** `root` is the project folder; paths in results are relative to it, with `/`. */
export function readContent(root: string, dir = "content"): ReadResult {
  const files: ContentFile[] = [];
  const problems: Problem[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs).sort()) {
      const full = join(abs, name);
      const entry = readContentEntry(root, dir, full, name);
      if (entry === "folder") walk(full);
      else if ("text" in entry) files.push(entry);
      else problems.push(entry);
    }
  };
  const top = join(root, dir);
  if (lstatSync(top, { throwIfNoEntry: false })?.isSymbolicLink()) problems.push(problem("content", 1, 1, "symlink", "content/ must be a real folder, not a link"));
  else walk(top);
  return { files, problems };
}
