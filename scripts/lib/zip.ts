/**
 * A deterministic ZIP of named files: the same names and bytes always give the same
 * archive, byte for byte. fflate (pure JavaScript, no native code, synchronous, typed)
 * writes it; what would vary is fixed here: entries are sorted by name, every entry
 * carries the one given date, the compression level is fixed, and nothing else (no
 * comment, no extra fields, no owner or permissions) is stored.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

/** fflate's default; the data files are text, and level 9 saves ~1% for ~2x the CPU. */
const LEVEL = 6;

/**
 * ZIP stores an entry's time as local wall-clock fields (MS-DOS format) and fflate reads
 * them from a Date in the machine's time zone; a Date made from local fields gives the
 * same fields in every zone. Noon, because in a few zones midnight is skipped by DST.
 * Before 1980 (or unreadable) ZIP cannot say: 1980-01-01.
 */
export function zipDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [1980, 1, 1];
  return y < 1980 || y > 2099 ? new Date(1980, 0, 1, 12) : new Date(y, mo - 1, d, 12);
}

/** `date`: YYYY-MM-DD, the date every entry says it was last changed. */
export function deterministicZip(files: Map<string, string | Uint8Array>, date: string): Uint8Array {
  const mtime = zipDate(date);
  const tree: Zippable = {};
  for (const name of [...files.keys()].sort()) {
    const data = files.get(name)!;
    tree[name] = [typeof data === "string" ? strToU8(data) : data, { level: LEVEL, mtime }];
  }
  return zipSync(tree);
}
