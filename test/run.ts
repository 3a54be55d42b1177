/**
 * `npm test`: every test file, one at a time (the browser and build tests share one
 * machine's cores), the spec reporter's output, then one summary line per group and a
 * total. A group is a folder under test/ (browser, hostile); files directly in test/ are
 * "unit". Exit code 1 when anything failed.
 *
 *   npm test                        everything
 *   npm test -- hostile             one group (unit, hostile, browser)
 *   npm test -- test/serve.test.ts  one file (or several)
 */
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { Transform } from "node:stream";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const TEST = join(ROOT, "test");

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === "fixtures" || name === "node_modules" ? [] : allFiles(full);
    return name.endsWith(".test.ts") ? [full] : [];
  }).sort();
}

export function groupOf(file: string): string {
  const parts = relative(TEST, file).split(sep);
  return parts.length > 1 ? parts[0]! : "unit";
}

const args = process.argv.slice(2);
const every = allFiles(TEST);
const groups = [...new Set(every.map(groupOf))];
const files = args.length
  ? args.flatMap((a) => (groups.includes(a) ? every.filter((f) => groupOf(f) === a) : [resolve(ROOT, a)]))
  : every;
if (!files.length) { process.stderr.write(`no test files for: ${args.join(" ")} (groups: ${groups.join(", ")})\n`); process.exit(1); }

/**
 * Test names and assertion messages can carry content: control characters are written as
 * escapes and no line may start with "::" (CI would read it as a workflow command).
 * The reporter's own colours (SGR sequences) pass.
 */
const SAFE = new Transform({
  transform(chunk, _enc, done) {
    const text = String(chunk)
      .replace(/\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
      .replace(/^(\s*)::/gm, "$1\u00b7::");
    done(null, text);
  },
});

type Counts = { passed: number; failed: number };
const counts = new Map<string, Counts>(groups.map((g) => [g, { passed: 0, failed: 0 }]));
const tally = (file: string | undefined, key: keyof Counts) => {
  const c = counts.get(file ? groupOf(file) : "unit") ?? counts.get("unit")!;
  c[key]++;
};

const stream = run({ files, concurrency: 1 });
// Tests are counted, not suites (a suite passes or fails with its tests).
stream.on("test:pass", (d) => { if (d.details?.type !== "suite") tally(d.file, "passed"); });
stream.on("test:fail", (d) => { if (d.details?.type !== "suite") tally(d.file, "failed"); });
stream.on("end", () => {
  let passed = 0;
  let failed = 0;
  const lines = ["", "summary"];
  for (const [group, c] of counts) {
    if (!c.passed && !c.failed) continue;
    passed += c.passed;
    failed += c.failed;
    lines.push(`  ${group}: ${c.passed} passed, ${c.failed} failed`);
  }
  lines.push(`total: ${passed} passed, ${failed} failed`);
  // After the reporter's last line, whatever order the streams flush in.
  setImmediate(() => {
    process.stdout.write(lines.join("\n") + "\n");
    process.exitCode = failed ? 1 : 0;
  });
});
stream.compose(new spec()).pipe(SAFE).pipe(process.stdout);
