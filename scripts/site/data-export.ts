/**
 * The data downloads of one build: the files of data-files.ts and one ZIP of all of
 * them plus a README (/data/factsheet-data.zip). The plugin writes them before Eleventy
 * renders (eleventy.before) and drops the strings, so tens of megabytes of JSON and CSV
 * are not held while thousands of pages render; the /data/ page then only reads the
 * ZIP's size. `check` never asks for any of it, so it never pays for compression.
 *
 * Compressing ~22 MB of JSON and CSV at 4,000 entries costs about a second of CPU, so the
 * ZIP is kept in the build cache under the hash of the code and of exactly what goes in
 * (every name, every byte, the date): an unchanged rebuild reads it back.
 */
import { dataFiles } from "./data-files.ts";
import { makeHref, type SiteView } from "./site-view.ts";
import { dataReadme } from "../lib/data-readme.ts";
import { deterministicZip } from "../lib/zip.ts";
import { formatDate } from "../lib/units.ts";
import type { BuildCache } from "../io/build-cache.ts";
import { fileWriter, type WrittenFiles } from "./written-files.ts";

export const DATA_ZIP = "data/factsheet-data.zip";
/** The build cache ignores entries above 8 MiB (build-cache.ts): a bigger ZIP is not stored. */
const CACHEABLE_BYTES = 8 * 1024 * 1024 - 1024;

interface Made { files: Map<string, string>; zip: Uint8Array }

export class DataExport {
  private pending?: Made;
  private size?: number;
  private readonly written = new Set<string>();
  /** Set by the plugin; without it the ZIP is always computed. */
  cache?: BuildCache;

  constructor(private readonly view: SiteView, private readonly siteCite: string) {}

  /** The newest content date: the date of the data, in the README and on every ZIP entry. */
  get date(): string { return this.view.buildDate || "1980-01-01"; }

  get dateDisplay(): string { return formatDate(this.date); }

  /** Writes every data file and the ZIP under `outDir`, once per folder; `written`: skip files the dev server wrote unchanged. */
  writeTo(outDir: string, written?: WrittenFiles): void {
    if (this.written.has(outDir)) return;
    const made = this.pending ?? this.make();
    this.pending = undefined;
    const write = fileWriter(outDir, written);
    for (const [path, text] of made.files) write(path, text);
    write(DATA_ZIP, made.zip);
    this.size = made.zip.byteLength;
    this.written.add(outDir);
  }

  /** The ZIP's size in bytes; made (and held until written) when asked before writeTo. */
  get zipBytes(): number {
    if (this.size === undefined) { this.pending = this.make(); this.size = this.pending.zip.byteLength; }
    return this.size;
  }

  /** "2.6 MB", "84 KB": for the link on /data/. */
  get zipSize(): string {
    const b = this.zipBytes;
    return b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1e3))} KB`;
  }

  private make(): Made {
    const files = dataFiles(this.view);
    const readme = dataReadme({
      siteTitle: this.view.site.title, dataUrl: makeHref(this.view.absBase)("/data/"),
      license: this.view.site.license, licenseUrl: this.view.site.license_url,
      cite: this.siteCite, date: this.date, charts: this.view.charts.map((c) => ({ id: c.id, title: c.title })),
    });
    // Names relative to /data/: unzipping gives figures.json, charts/<id>.csv, README.md.
    const entries = new Map<string, string>([...files].map(([path, text]) => [path.replace(/^data\//, ""), text]));
    entries.set("README.md", readme);
    return { files, zip: this.zipOf(entries) };
  }

  private zipOf(entries: Map<string, string>): Uint8Array {
    const c = this.cache?.enabled ? this.cache : undefined;
    const names = [...entries.keys()].sort();
    const key = c?.key("data-zip", this.date, ...names.flatMap((n) => [n, entries.get(n)!]));
    const hit = key ? c!.get("data-zip", key) : undefined;
    if (hit) return new Uint8Array(hit.buffer, hit.byteOffset, hit.byteLength);
    const zip = deterministicZip(entries, this.date);
    if (key && zip.byteLength <= CACHEABLE_BYTES) c!.put("data-zip", key, zip);
    return zip;
  }
}
