/**
 * content/ as it was at a git revision, read with two git processes whatever its size:
 * `git ls-tree` lists the files, one `git cat-file --batch` streams every blob. Only
 * what the disk reader would accept is returned (regular .md/.yaml files, within the
 * size limit, valid UTF-8): an old revision is as untrusted as the work tree.
 */
import { execFileSync } from "node:child_process";
import type { ContentFile } from "../lib/loader.ts";
import { MAX_FILE_BYTES } from "./read-content.ts";
import { printable } from "../lib/yaml-safe.ts";

export interface GitRun { count: number }
/** Counts git processes, so tests can show the work is bounded. */
export const gitRuns: GitRun = { count: 0 };

const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" };

export function git(root: string, args: string[], input?: string | Buffer): Buffer {
  gitRuns.count++;
  return execFileSync("git", ["-c", "core.quotePath=false", ...args], {
    cwd: root, input, env: GIT_ENV, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"], maxBuffer: 1024 * 1024 * 1024,
  });
}

/** The full commit id of `rev`, or undefined when this clone does not have it. */
export function resolveRevision(root: string, rev: string): string | undefined {
  if (!/^[^\s-][^\s]*$/.test(rev)) return undefined; // never an option, never whitespace
  try { return git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]).toString("utf8").trim() || undefined; } catch { return undefined; }
}

/** Blob id -> bytes for many blobs, in one `git cat-file --batch`. */
export function readBlobs(root: string, oids: string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const unique = [...new Set(oids)];
  if (unique.length === 0) return out;
  const buf = git(root, ["cat-file", "--batch"], unique.join("\n") + "\n");
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const header = buf.subarray(at, nl).toString("utf8").split(" ");
    at = nl + 1;
    if (header[1] === "missing" || header.length < 3) continue;
    const size = Number(header[2]);
    out.set(header[0]!, buf.subarray(at, at + size));
    at += size + 1; // the blob, then a newline
  }
  return out;
}

export interface TreeEntry { path: string; oid: string; size: number }

const CONTENT_FILE = /\.(md|ya?ml)$/;
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The regular content files of a tree at `commit`, paths as `content/...`. */
export function listContent(root: string, commit: string, dir = "content"): TreeEntry[] {
  const raw = git(root, ["ls-tree", "-r", "-z", "-l", commit, "--", `${dir}/`]).toString("utf8");
  const out: TreeEntry[] = [];
  for (const rec of raw.split("\0")) {
    const m = /^(\d{6}) blob ([0-9a-f]+) +(\d+)\t([\s\S]+)$/.exec(rec);
    // 100644 and 100755 only: links (120000) and submodules (160000) are never content.
    if (!m || (m[1] !== "100644" && m[1] !== "100755")) continue;
    const path = m[4]!.startsWith(`${dir}/`) ? `content/${m[4]!.slice(dir.length + 1)}` : m[4]!;
    if (!CONTENT_FILE.test(path) || printable(path) !== path) continue;
    out.push({ path, oid: m[2]!, size: Number(m[3]) });
  }
  return out;
}

/** Decodes a blob as the disk reader would; undefined when it would refuse it. */
export function blobText(buf: Buffer | undefined, size = buf?.length ?? 0): string | undefined {
  if (!buf || size > MAX_FILE_BYTES) return undefined;
  try { return decoder.decode(buf); } catch { return undefined; }
}

/** Every content file at a commit: one ls-tree, one cat-file. */
export function readRevision(root: string, commit: string, dir = "content"): ContentFile[] {
  const entries = listContent(root, commit, dir).filter((e) => e.size <= MAX_FILE_BYTES);
  const blobs = readBlobs(root, entries.map((e) => e.oid));
  const files: ContentFile[] = [];
  for (const e of entries) {
    const text = blobText(blobs.get(e.oid), e.size);
    if (text !== undefined) files.push({ path: e.path, text });
  }
  return files;
}
