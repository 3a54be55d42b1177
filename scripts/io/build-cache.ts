/**
 * The content-addressed build cache in .cache/factsheet/ (git-ignored, safe to delete).
 * A stage's output is stored under the hash of everything that made it: its inputs and
 * the code (see codeHash). An entry is a header line naming its format version, stage,
 * key, payload length and payload hash, then the payload. An entry is used only when all
 * of them match what was asked for; anything else (garbage, truncation, another version,
 * an entry moved under another key, a link) is ignored, counted, and recomputed, and
 * `notice()` says so once. FACTSHEET_CACHE=0 turns the cache off.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { trackedCacheFiles } from "./git-files.ts";

/** Bump when the entry format or the meaning of a stage changes. */
export const CACHE_VERSION = 1;
const MAGIC = "factsheet-cache";
const HEX = /^[0-9a-f]{64}$/;
/** A cache entry is small (a parsed file, a PNG card); anything bigger is not ours. */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

export const sha256 = (...parts: (string | Uint8Array)[]): string => {
  const h = createHash("sha256");
  // Length-prefixed, so ("ab", "c") and ("a", "bc") never hash alike.
  for (const p of parts) { h.update(`${typeof p === "string" ? Buffer.byteLength(p) : p.byteLength}:`); h.update(p); }
  return h.digest("hex");
};

/**
 * The hash of the generator's own code: every file under scripts/ and templates/ and the
 * lockfile, by path and bytes. Any change to any of them gives every stage new keys.
 */
export function codeHash(root: string): string {
  const h = createHash("sha256");
  const add = (abs: string) => {
    let names: string[];
    try { names = readdirSync(abs).sort(); } catch { return; }
    for (const name of names) {
      const full = join(abs, name);
      const st = statSync(full, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) add(full);
      else if (st.isFile()) h.update(`${relative(root, full)}\0${st.size}\0`).update(readFileSync(full));
    }
  };
  add(join(root, "scripts"));
  add(join(root, "templates"));
  try { h.update("package-lock.json\0").update(readFileSync(join(root, "package-lock.json"))); } catch { h.update("no lockfile"); }
  return h.digest("hex");
}

export interface CacheStats { hits: number; misses: number; writes: number; ignored: number }

export class BuildCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, writes: 0, ignored: 0 };
  private firstIgnored?: string;
  private used = new Map<string, Set<string>>();
  private writeFailed?: string;

  /** `dir` undefined: a cache that never hits and never writes (FACTSHEET_CACHE=0, tests). */
  constructor(readonly dir: string | undefined, readonly code: string, private readonly offBecause?: string) {}

  /**
   * The cache of the project at `root`. Off when FACTSHEET_CACHE=0, and when git tracks
   * anything under .cache/: a pull request could commit entries there, and a committed
   * entry must never stand in for a computed one.
   */
  static open(root: string): BuildCache {
    if (process.env.FACTSHEET_CACHE === "0") return new BuildCache(undefined, "");
    if (trackedCacheFiles(root)) return new BuildCache(undefined, "", "git tracks files under .cache/: remove them from the repository (git rm -r --cached .cache)");
    return new BuildCache(join(root, ".cache", "factsheet"), codeHash(root));
  }

  get enabled(): boolean { return this.dir !== undefined; }

  /** The key of a stage's output: the code, the stage and its inputs. */
  key(stage: string, ...inputs: (string | Uint8Array)[]): string {
    return sha256(String(CACHE_VERSION), this.code, stage, ...inputs);
  }

  /**
   * A key without the code hash, for a stage whose inputs name everything that makes its
   * output (a social card: the SVG text, the renderer's version, the font bytes).
   */
  inputKey(stage: string, ...inputs: (string | Uint8Array)[]): string {
    return sha256(String(CACHE_VERSION), stage, ...inputs);
  }

  private file(stage: string, key: string): string {
    return join(this.dir!, stage, key.slice(0, 2), key);
  }

  get(stage: string, key: string): Buffer | undefined {
    if (!this.dir) return undefined;
    this.mark(stage, key);
    const file = this.file(stage, key);
    let buf: Buffer;
    try {
      // O_NOFOLLOW: a link planted in the cache is never followed.
      const fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      try {
        const st = fstatSync(fd);
        if (!st.isFile() || st.size > MAX_ENTRY_BYTES) return this.ignore(stage, key, "not a regular file of a sane size");
        buf = readFileSync(fd);
      } finally { closeSync(fd); }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") { this.stats.misses++; return undefined; }
      return this.ignore(stage, key, `unreadable (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
    const nl = buf.indexOf(10);
    const header = nl > 0 && nl < 300 ? buf.subarray(0, nl).toString("latin1").split(" ") : [];
    if (header.length !== 6 || header[0] !== MAGIC) return this.ignore(stage, key, "not a cache entry");
    if (header[1] !== String(CACHE_VERSION)) return this.ignore(stage, key, `written by cache version ${header[1]!.slice(0, 10)}, this build reads ${CACHE_VERSION}`);
    if (header[2] !== stage || header[3] !== key) return this.ignore(stage, key, "stored under a key that is not its own");
    const payload = buf.subarray(nl + 1);
    if (header[4] !== String(payload.byteLength)) return this.ignore(stage, key, "truncated or padded");
    if (!HEX.test(header[5]!) || sha256(payload) !== header[5]) return this.ignore(stage, key, "content hash does not match");
    this.stats.hits++;
    return payload;
  }

  put(stage: string, key: string, payload: string | Uint8Array): void {
    if (!this.dir || this.writeFailed) return;
    this.mark(stage, key);
    const body = typeof payload === "string" ? Buffer.from(payload) : payload;
    const file = this.file(stage, key);
    const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      mkdirSync(join(this.dir, stage, key.slice(0, 2)), { recursive: true });
      writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC} ${CACHE_VERSION} ${stage} ${key} ${body.byteLength} ${sha256(body)}\n`), body]), { flag: "wx" });
      renameSync(tmp, file);
      this.stats.writes++;
    } catch (e) {
      // A read-only or full disk only costs speed: the build goes on without saving.
      this.writeFailed = (e as Error).message.split("\n")[0];
      rmSync(tmp, { force: true });
    }
  }

  private mark(stage: string, key: string) {
    let set = this.used.get(stage);
    if (!set) this.used.set(stage, (set = new Set()));
    set.add(key);
  }

  /** For a caller that found a verified entry unusable (it would not parse): counted as ignored. */
  reject(stage: string, key: string, why: string): void {
    this.stats.hits--;
    this.ignore(stage, key, why);
  }

  private ignore(stage: string, key: string, why: string): undefined {
    this.stats.ignored++;
    this.firstIgnored ??= `${stage}/${key.slice(0, 12)}…: ${why}`;
    return undefined;
  }

  /**
   * Removes the entries of `stages` that this build did not ask for, so the cache holds
   * one build's worth (plus whatever other stages hold). Only after a complete build.
   */
  prune(stages: string[]): number {
    if (!this.dir) return 0;
    let removed = 0;
    for (const stage of stages) {
      const used = this.used.get(stage) ?? new Set<string>();
      const base = join(this.dir, stage);
      let shards: string[];
      try { shards = readdirSync(base); } catch { continue; }
      for (const shard of shards) {
        let names: string[];
        try { names = readdirSync(join(base, shard)); } catch { continue; }
        for (const name of names) if (!used.has(name)) { rmSync(join(base, shard, name), { force: true, recursive: true }); removed++; }
      }
    }
    return removed;
  }

  /** One line for the build's output when something was ignored or could not be saved; else undefined. */
  notice(): string | undefined {
    const lines: string[] = [];
    if (this.offBecause) lines.push(`build cache: off, ${this.offBecause}`);
    if (this.stats.ignored) lines.push(`build cache: ignored ${this.stats.ignored} unusable ${this.stats.ignored === 1 ? "entry" : "entries"} in .cache/factsheet/ and recomputed ${this.stats.ignored === 1 ? "it" : "them"} (first: ${this.firstIgnored}); delete .cache/factsheet/ to start afresh`);
    if (this.writeFailed) lines.push(`build cache: could not save to .cache/factsheet/ (${this.writeFailed}); the build went on without it`);
    return lines.length ? lines.join("\n") : undefined;
  }

  summary(): string {
    const s = this.stats;
    return this.dir ? `build cache: ${s.hits} reused, ${s.misses + s.ignored} computed` : "build cache: off";
  }
}
