/**
 * The dev server writes the same outputs into the same folder save after save, and most
 * are unchanged: a title edit leaves thousands of chart CSVs and citation files as they
 * were, yet writing them again was the largest cost of the rebuild after a save. This
 * remembers a digest of what was written to each path and skips writing the same bytes
 * again. Paths the server deletes (stale-pages.ts) are forgotten, so a file that comes
 * back is written. The build never uses it: it writes each file once, into a new folder.
 */
import { createHash } from "node:crypto";
import { sep } from "node:path";

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
