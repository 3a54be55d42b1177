/**
 * Writes and removes verification records (content/verification/<id>.yaml). Each file
 * is written to a temporary name and renamed, so a reader or a killed run never sees a
 * half-written record.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import type { VerificationRecord } from "../lib/verification.ts";

export function recordText(record: VerificationRecord): string {
  return "# Written by npm run verify; do not edit by hand.\n" + stringify(record, { lineWidth: 0 });
}

export function writeRecord(dir: string, id: string, record: VerificationRecord): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${id}.yaml.${process.pid}.tmp`);
  writeFileSync(tmp, recordText(record));
  renameSync(tmp, join(dir, `${id}.yaml`));
}

/** Removes records whose source is gone (or has no url any more); returns their ids. */
export function removeStale(dir: string, keep: Set<string>): string[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const gone = names.filter((n) => n.endsWith(".yaml") && !keep.has(n.slice(0, -5)));
  for (const n of gone) rmSync(join(dir, n), { force: true });
  return gone.map((n) => n.slice(0, -5));
}
