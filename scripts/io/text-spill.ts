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

/** Shorter strings stay on the heap: a getter and its offsets cost about as much as they would. */
const MIN_CHARS = 256;

export class TextSpill {
  private dir = mkdtempSync(join(tmpdir(), "factsheet-spill-"));
  private fd = openSync(join(this.dir, "texts"), "w+");
  private end = 0;
  /** Strings moved to the file, and their UTF-8 bytes (for the build's memory notes and tests). */
  stats = { fields: 0, bytes: 0 };

  /** Moves each named string field of `obj` that is long enough to the file. */
  fields(obj: object, names: readonly string[]): void {
    const o = obj as Record<string, unknown>;
    for (const name of names) {
      const text = o[name];
      if (typeof text !== "string" || text.length < MIN_CHARS) continue;
      const bytes = Buffer.from(text, "utf8");
      const at = this.end;
      writeSync(this.fd, bytes, 0, bytes.length, at);
      this.end += bytes.length;
      this.stats.fields++;
      this.stats.bytes += bytes.length;
      const length = bytes.length;
      // Redefining an existing property keeps its place in the key order.
      Object.defineProperty(o, name, { enumerable: true, configurable: true, get: () => this.read(at, length) });
    }
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
