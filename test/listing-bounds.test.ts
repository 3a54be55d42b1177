/**
 * No page grows with the site: two synthetic sites, one four times the other, built with
 * the same small page size (FACTSHEET_PAGE_SIZE=5, so every listing spans pages in both)
 * have pages of the same kinds at the same gzip sizes, give or take the digits of the
 * counts they print. Sizes are compared, nothing is timed. (At the default sizes and
 * 4,000 entries the heaviest listing page is measured in BENCHMARKS.md.)
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { runCli, tempDir } from "./support/build.ts";
import { synthesize } from "../scripts/bench/synth.ts";
import { projectRoot } from "../scripts/bench/tools.ts";
import { HTML_CSS_BUDGET_GZIP } from "../scripts/bench/pageweight.ts";

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** The heaviest page of each kind (its path with entry names and page numbers left out), gzip bytes. */
function heaviestByKind(entries: number): Map<string, number> {
  const dir = tempDir(`bounds-${entries}`);
  dirs.push(dir);
  const root = projectRoot(dir, synthesize(entries));
  const out = join(dir, "out");
  const r = runCli("build.ts", ["--root", root, "--output", out, "--quiet"], { FACTSHEET_SEARCH_INDEX: "0", FACTSHEET_CACHE: "0", FACTSHEET_PAGE_SIZE: "5" });
  assert.equal(r.status, 0, r.stderr);
  const kinds = new Map<string, number>();
  for (const rel of readdirSync(out, { recursive: true }) as string[]) {
    if (!rel.endsWith(".html") || rel.startsWith("embed/")) continue;
    const kind = rel.replace(/^(facts|people|topics)\/[^/]+\//, "$1/*/").replace(/\/page\/\d+\//, "/page/*/");
    const gz = gzipSync(readFileSync(join(out, rel)), { level: 9 }).length;
    kinds.set(kind, Math.max(kinds.get(kind) ?? 0, gz));
  }
  return kinds;
}

test("pages of every kind weigh the same at 60 and at 240 entries (the listings are paged, not grown)", { timeout: 600_000 }, () => {
  const small = heaviestByKind(60);
  const large = heaviestByKind(240);
  for (const kind of ["timeline/page/*/index.html", "sources/page/*/index.html", "figures/page/*/index.html", "topics/*/page/*/index.html", "people/*/page/*/index.html"]) {
    assert.ok(large.has(kind) && small.has(kind), `${kind} is paged at both sizes`);
  }
  const grown = [...large].filter(([kind, gz]) => small.has(kind) && gz > small.get(kind)! * 1.05 + 200)
    .map(([kind, gz]) => `${kind}: ${small.get(kind)} -> ${gz} bytes gzip`);
  assert.deepEqual(grown, []);
  for (const [kind, gz] of large) assert.ok(gz < HTML_CSS_BUDGET_GZIP, `${kind}: ${gz} bytes gzip`);
});
