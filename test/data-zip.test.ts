/**
 * The data ZIP's pieces without a build: the archive (scripts/lib/zip.ts) is the same
 * bytes for the same files whatever their order and whatever the machine's time zone,
 * and unzips back to them; the README (data-readme.ts) names every file and field with
 * content escaped; DataExport (scripts/site/data-export.ts) writes the same archive
 * whether it computes it or reads it back from the build cache.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { deterministicZip, zipDate } from "../scripts/lib/zip.ts";
import { dataReadme } from "../scripts/lib/data-readme.ts";
import { DATA_DOCS, CHART_FIELDS } from "../scripts/lib/data-docs.ts";
import { loadSite } from "../scripts/io/load.ts";
import { BuildCache } from "../scripts/io/build-cache.ts";
import { DATA_ZIP } from "../scripts/site/data-export.ts";
import { FIXTURE_ROOT } from "./support/content.ts";

const files = new Map<string, string | Uint8Array>([
  ["figures.json", '{"a": "Україна & \\"q\\""}\n'], ["charts/b.csv", "label,value\r\n=1,2\r\n"], ["README.md", "# x\n"],
  ["bin", new Uint8Array([0, 255, 10, 13])],
]);

test("the same files give the same bytes in any order and any time zone, and unzip back to them", () => {
  const tz = process.env.TZ;
  try {
    process.env.TZ = "UTC";
    const a = deterministicZip(files, "2025-05-08");
    // Time zones whose offsets, DST rules and skipped midnights differ from UTC's.
    for (const zone of ["Pacific/Kiritimati", "America/Santiago", "Asia/Kathmandu", "America/St_Johns"]) {
      process.env.TZ = zone;
      const reversed = new Map([...files].reverse());
      assert.deepEqual(deterministicZip(reversed, "2025-05-08"), a, zone);
      const d = zipDate("2025-05-08");
      assert.deepEqual([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()], [2025, 4, 8, 12], zone);
    }
    const back = unzipSync(a);
    assert.deepEqual(Object.keys(back), ["README.md", "bin", "charts/b.csv", "figures.json"], "sorted names");
    for (const [name, data] of files) assert.deepEqual(back[name], typeof data === "string" ? new TextEncoder().encode(data) : data, name);
    assert.notDeepEqual(deterministicZip(files, "2025-05-09"), a, "the date is in the archive");
  } finally {
    if (tz === undefined) delete process.env.TZ; else process.env.TZ = tz;
  }
  // ZIP cannot say a year before 1980; an unreadable date is 1980-01-01 too, never "now".
  assert.equal(zipDate("1970-01-01").getFullYear(), 1980);
  assert.equal(zipDate("").getFullYear(), 1980);
});

test("the README names every file and field, the licence, the citation and the date, with content escaped", () => {
  const readme = dataReadme({
    siteTitle: "Site `code` *bold* <b>\n# heading", dataUrl: "https://example.org/x/data/", license: "CC BY 4.0",
    licenseUrl: "https://creativecommons.org/licenses/by/4.0/", cite: "Site. Last updated 8 May 2025.\nhttps://example.org/x/",
    date: "2025-05-08", charts: [{ id: "c-one", title: "Seats [1](javascript:x)" }],
  });
  for (const d of DATA_DOCS) for (const f of d.files) assert.ok(readme.includes(f), f);
  for (const d of DATA_DOCS) for (const [field] of d.fields) assert.ok(readme.includes(`- \`${field}\``), field);
  for (const [field] of CHART_FIELDS) assert.ok(readme.includes(`- \`${field}\``), field);
  assert.ok(readme.includes("- charts/c-one.csv: Seats \\[1\\](javascript:x)"));
  assert.ok(readme.startsWith("# Site \\`code\\` \\*bold\\* \\<b\\> \\# heading: data\n"), readme.slice(0, 80));
  assert.ok(readme.includes("CC BY 4.0: https://creativecommons.org/licenses/by/4.0/"));
  assert.ok(readme.includes("\n    Site. Last updated 8 May 2025. https://example.org/x/\n"), "the citation is one code line");
  assert.ok(readme.includes("Date of the data: 2025-05-08"));
});

test("DataExport writes the same ZIP computed or read back from the build cache, with a README for its own files", () => {
  const dir = mkdtempSync(join(tmpdir(), "data-zip-"));
  try {
    const cache = new BuildCache(join(dir, "cache"), "code-1");
    const zips = ["a", "b", "c"].map((out, i) => {
      const view = loadSite(FIXTURE_ROOT, { git: false }).view!;
      if (i < 2) view.reuse.data.cache = cache;
      view.reuse.data.writeTo(join(dir, out));
      return readFileSync(join(dir, out, DATA_ZIP));
    });
    assert.equal(cache.stats.writes, 1);
    assert.equal(cache.stats.hits, 1, "the second build read it back");
    assert.deepEqual(zips[1], zips[0]);
    assert.deepEqual(zips[2], zips[0], "computed without the cache: the same bytes");
    const entries = unzipSync(zips[0]!);
    const readme = strFromU8(entries["README.md"]!);
    for (const name of Object.keys(entries).filter((n) => n !== "README.md")) {
      assert.ok(readme.includes(name), `README names ${name}`);
      assert.deepEqual(entries[name], new Uint8Array(readFileSync(join(dir, "a", "data", name))), name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
