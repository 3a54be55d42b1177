/**
 * The dev server writes the same outputs into the same folder save after save, and most
 * are unchanged: a title edit leaves thousands of chart CSVs and citation files as they
 * were, yet writing them again was the largest cost of the rebuild after a save. This
 * remembers a digest of what was written to each path and skips writing the same bytes
 * again. Paths the server deletes (stale-pages.ts) are forgotten, so a file that comes
 * back is written. The build never uses it: it writes each file once, into a new folder.
 * fileWriter is the one way outputs.ts and data-export.ts write their files, in both.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";

export class WrittenFiles {
  private digests = new Map<string, string>();
  skipped = 0;

  /** Whether `data` must be written to `full`; remembers it as written. */
  changed(full: string, data: string | Uint8Array): boolean {
    const digest = createHash("sha1").update(data).digest("base64");
    if (this.digests.get(full) === digest) { this.skipped++; return false; }
    this.digests.set(full, digest);
    return true;
  }

  /** After `full` (a file or a folder) was deleted. */
  forget(full: string): void {
    for (const path of this.digests.keys()) if (path === full || path.startsWith(full + sep)) this.digests.delete(path);
  }
}

/**
 * A writer of files under `outDir` (paths relative to it): one mkdir per folder, not per
 * file (a site writes a CSV and three citation files for each of thousands of entries), and
 * with `written`, no write of bytes the dev server already wrote there.
 */
export function fileWriter(outDir: string, written?: WrittenFiles): (path: string, data: string | Uint8Array) => void {
  const made = new Set<string>();
  return (path, data) => {
    const full = join(outDir, path);
    if (written && !written.changed(full, data)) return;
    const dir = dirname(full);
    if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
    writeFileSync(full, data);
  };
}
