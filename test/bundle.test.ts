import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as ChartJs from "chart.js";
import { CHART_TYPES, CHART_TYPE_NAMES, type ChartType } from "../scripts/lib/chart-types.ts";
import { bundleClient, componentsFor, entrySource } from "../scripts/site/bundle.ts";

const exported = ChartJs as unknown as Record<string, unknown>;

/** A Chart.js component's registered id as esbuild writes it (`X.id = "bar"` or `"id","bar"`). */
const registeredId = (id: string) => new RegExp(`["']?id["']?\\s*[,=:]\\s*["']${id}["']`);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "bundle-test-"));
}

test("every component CHART_TYPES names is a registrable Chart.js export", () => {
  for (const [type, spec] of Object.entries(CHART_TYPES)) {
    for (const name of [...spec.controllers, ...spec.elements, ...spec.scales]) {
      const value = exported[name];
      assert.ok(value !== undefined, `CHART_TYPES.${type}: chart.js exports no "${name}"`);
      const id = (value as { id?: unknown }).id;
      assert.equal(typeof id, "string", `CHART_TYPES.${type}: chart.js "${name}" has no registry id`);
    }
  }
  for (const name of ["Chart", "Tooltip", "Legend"]) assert.ok(exported[name], `chart.js exports no "${name}"`);
});

test("the generated entry registers exactly the components of the given types", () => {
  assert.deepEqual(componentsFor(["bar"]), ["BarController", "BarElement", "CategoryScale", "LinearScale", "Tooltip"]);
  assert.deepEqual(componentsFor(["doughnut"]), ["DoughnutController", "ArcElement", "Tooltip", "Legend"]);
  // Shared scales appear once; order does not depend on the order asked for.
  assert.deepEqual(componentsFor(["line", "bar", "bar"]), componentsFor(["bar", "line"]));
  assert.equal(componentsFor(["bar", "line"]).filter((n) => n === "LinearScale").length, 1);
  assert.deepEqual(componentsFor([]), []);
  const src = entrySource(["bar"]);
  assert.match(src, /Chart\.register\(BarController, BarElement, CategoryScale, LinearScale, Tooltip\)/);
  assert.doesNotMatch(src, /chart\.js\/auto|registerables/);
});

test('bundling ["bar"] ships the bar controller and not the doughnut or line ones', async () => {
  const dir = tempDir();
  try {
    const r = await bundleClient({ outDir: dir, types: ["bar"] });
    assert.equal(r.file, path.join(dir, "assets", "charts.js"));
    const js = fs.readFileSync(r.file, "utf8");
    assert.equal(r.bytes, Buffer.byteLength(js));
    assert.equal(r.gzipBytes, gzipSync(js, { level: 9 }).byteLength);
    assert.match(js, registeredId("bar"));
    assert.match(js, registeredId("category"));
    assert.doesNotMatch(js, registeredId("doughnut"));
    assert.doesNotMatch(js, registeredId("arc"));
    assert.doesNotMatch(js, registeredId("line"));
    assert.doesNotMatch(js, registeredId("legend"));
    assert.doesNotMatch(js, /sourceMappingURL/);
    assert.doesNotMatch(js, /@license|\/\*!/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("bundling every type works and stays under 80 KB gzip", async () => {
  const dir = tempDir();
  try {
    const r = await bundleClient({ outDir: dir, types: CHART_TYPE_NAMES });
    const js = fs.readFileSync(r.file, "utf8");
    for (const id of ["bar", "doughnut", "line", "arc", "point", "category", "linear", "tooltip", "legend"]) {
      assert.match(js, registeredId(id), `bundle lacks component "${id}"`);
    }
    assert.ok(r.gzipBytes > 0 && r.gzipBytes < 80 * 1024, `gzip size ${r.gzipBytes} bytes`);
    // ESM output, no Node built-ins, no stylesheet injection.
    assert.doesNotMatch(js, /\brequire\(|node:/);
    assert.doesNotMatch(js, /createElement\(["']style["']\)|insertRule|adoptedStyleSheets/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("no chart types: no file is written", async () => {
  const dir = tempDir();
  try {
    const r = await bundleClient({ outDir: dir, types: [] });
    assert.deepEqual(r, { file: "", bytes: 0, gzipBytes: 0 });
    assert.deepEqual(fs.readdirSync(dir), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an unknown chart type is an error", async () => {
  const dir = tempDir();
  try {
    await assert.rejects(bundleClient({ outDir: dir, types: ["pie" as ChartType] }), /unknown chart type "pie"/);
    assert.deepEqual(fs.readdirSync(dir), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
