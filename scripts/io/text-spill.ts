/**
 * Long rendered strings of the site view (a fact's body, references and previews, a
 * figure's preview, a chart embed's markup) kept in a temporary file instead of the heap
 * while the build runs: at 32,000 entries they are about a gigabyte, which the build would
 * otherwise hold from the load to the last page. Each spilled field becomes an enumerable
 * getter that reads its text back, so templates, JSON.stringify (page keys) and every other
 * reader see the same string, in the same key order, as before: the output is unchanged.
 * Reading back costs one positioned read per use; the pages that use a field render once.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where a copy keeps its fields' places in the file (a symbol: JSON and templates never see it). */
const HANDLES = Symbol("spilled");
/** Shorter strings stay on the heap: a getter and its offsets cost about as much as they would. */
const MIN_CHARS = 256;

export class TextSpill {
  private dir = mkdtempSync(join(tmpdir(), "factsheet-spill-"));
  private fd = openSync(join(this.dir, "texts"), "w+");
  private end = 0;
  /** Strings moved to the file, and their UTF-8 bytes (for the build's memory notes and tests). */
  stats = { fields: 0, bytes: 0 };
  private due: number;

  /** `every`: after each `bytes` moved to the file, `run()` (the build collects garbage there). */
  constructor(private readonly every?: { bytes: number; run: () => void }) {
    this.due = every?.bytes ?? Infinity;
  }

  /** One getter per field list and position, shared by every object: V8 then keeps one shape for them all. */
  private getters = new Map<string, () => string>();

  /**
   * A copy of `obj` whose named string fields, when long enough, live in the file: the
   * same own properties in the same order, the spilled ones as enumerable getters. A copy,
   * not `obj` changed in place: turning a data property into an accessor would put every
   * object in V8's slow dictionary mode (about 400 bytes more each). Callers keep the copy.
   */
  move<T extends object>(obj: T, names: readonly string[]): T {
    const o = obj as Record<string, unknown>;
    const handles: number[] = [];
    const out: Record<string | symbol, unknown> = {};
    for (const key of Object.keys(o)) {
      const i = names.indexOf(key);
      const text = o[key];
      if (i < 0 || typeof text !== "string" || text.length < MIN_CHARS) { out[key] = text; continue; }
      const bytes = Buffer.from(text, "utf8");
      writeSync(this.fd, bytes, 0, bytes.length, this.end);
      handles[2 * i] = this.end;
      handles[2 * i + 1] = bytes.length;
      this.end += bytes.length;
      this.stats.fields++;
      this.stats.bytes += bytes.length;
      Object.defineProperty(out, key, { enumerable: true, configurable: true, get: this.getter(names, i) });
    }
    out[HANDLES] = handles;
    if (this.end >= this.due) { this.due = this.end + this.every!.bytes; this.every!.run(); }
    return out as T;
  }

  private getter(names: readonly string[], i: number): () => string {
    const id = `${names.join("\0")}\0${i}`;
    let get = this.getters.get(id);
    if (!get) {
      const spill = this;
      get = function (this: Record<symbol, number[]>) { const h = this[HANDLES]!; return spill.read(h[2 * i]!, h[2 * i + 1]!); };
      this.getters.set(id, get);
    }
    return get;
  }

  private read(at: number, length: number): string {
    if (this.fd < 0) throw new Error("text spill: read after the build closed it");
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, got, length - got, at + got);
      if (n === 0) throw new Error("text spill: the temporary file is shorter than what was written to it");
      got += n;
    }
    return buf.toString("utf8");
  }

  /** Removes the file; a spilled field read after this throws. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
