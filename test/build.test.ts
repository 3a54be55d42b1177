/** The build and check commands as a contributor runs them: exit codes, messages, atomic output. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { buildInto, runCli, tempDir, snapshotDir, REPO } from "./support/build.ts";

/** A copy of the fixture content inside the repo (the CLI reads --content relative to the root). */
function contentCopy(): { dir: string; rel: string } {
  mkdirSync(join(REPO, ".scratch"), { recursive: true });
  const dir = tempDir("x").replace(/.*\//, join(REPO, ".scratch") + "/");
  cpSync(join(REPO, "test/fixtures/site-min/content"), dir, { recursive: true });
  return { dir, rel: relative(REPO, dir) };
}

test("check prints located errors, GitHub annotations in Actions, and exits 1", () => {
  const { dir, rel } = contentCopy();
  try {
    writeFileSync(join(dir, "facts/bad.md"), "---\ntitle: Bad\nsummary: S\ndate: 2025-02-30\nstatus: reported\ntopics: [deal-terms]\n---\nSee [@nbc-2025].\n");
    const r = runCli("check.ts", ["--content", rel], { GITHUB_ACTIONS: "true" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^content\/facts\/bad\.md:4:7  error  \[bad-date\]  "date": "2025-02-30" is not a day: February has 28 days in 2025$/m);
    assert.match(r.stderr, /^::error file=content\/facts\/bad\.md,line=4,col=7,title=bad-date::/m);
    // One run: the body is checked too, though the front matter has an error.
    assert.match(r.stderr, /^content\/facts\/bad\.md:8:6  error  \[unknown-source\]  "nbc-2025"/m);
    assert.match(r.stderr, /2 errors, 1 warning/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test("check reports body problems with their line, and passes clean content", () => {
  const { dir, rel } = contentCopy();
  try {
    assert.equal(runCli("check.ts", ["--content", rel]).status, 0);
    writeFileSync(join(dir, "facts/body.md"), "---\ntitle: B\nsummary: S\ndate: 2025-02-10\nstatus: reported\ntopics: [deal-terms]\n---\nFirst line [@politico-2025-02-15].\n\nThird {{< fig nope >}} [@nbc-2025].\n");
    const r = runCli("check.ts", ["--content", rel]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /content\/facts\/body\.md:10:7  error  \[unknown-figure\]/);
    assert.match(r.stderr, /content\/facts\/body\.md:10:25  error  \[unknown-source\]  "nbc-2025" is not in content\/sources\.yaml \(did you mean "nbc-2025-02-15"\?\)/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test("a failed build leaves the previous output exactly as it was", () => {
  const { dir, rel } = contentCopy();
  const out = join(tempDir("atomic"), "_site");
  try {
    assert.equal(buildInto(out, ["--content", rel]).status, 0);
    const before = snapshotDir(out);
    writeFileSync(join(dir, "facts/broken.md"), "---js\n{ title: require('fs').writeFileSync('/tmp/pwned', 'x') }\n---\n");
    const r = buildInto(out, ["--content", rel]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /content\/facts\/broken\.md:1:4  error  \[front-matter-engine\]/);
    assert.match(r.stderr, /_site\/ was left as it was/);
    const afterSnap = snapshotDir(out);
    assert.deepEqual([...afterSnap.keys()].sort(), [...before.keys()].sort());
    for (const [k, v] of before) assert.ok(v.equals(afterSnap.get(k)!), k);
    // No temporary folders are left beside the output.
    assert.deepEqual(readdirSync(join(out, "..")).filter((n) => n !== "_site"), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(out, ".."), { recursive: true, force: true });
  }
});

test("the same commit builds byte-identical output twice", () => {
  const a = join(tempDir("det-a"), "_site");
  const b = join(tempDir("det-b"), "_site");
  try {
    assert.equal(buildInto(a).status, 0);
    assert.equal(buildInto(b).status, 0);
    const sa = snapshotDir(a), sb = snapshotDir(b);
    assert.deepEqual([...sa.keys()].sort(), [...sb.keys()].sort());
    for (const [k, v] of sa) assert.ok(v.equals(sb.get(k)!), `${k} differs between two builds`);
  } finally {
    rmSync(join(a, ".."), { recursive: true, force: true });
    rmSync(join(b, ".."), { recursive: true, force: true });
  }
});

test("a path prefix reaches every in-site link and asset", () => {
  const out = join(tempDir("prefix"), "_site");
  try {
    assert.equal(buildInto(out, [], { PATH_PREFIX: "/us-ukraine-minerals/" }).status, 0);
    const html = snapshotDir(out).get("index.html")!.toString("utf8");
    const links = [...html.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]!);
    assert.ok(links.length > 10);
    for (const l of links) assert.ok(l.startsWith("/us-ukraine-minerals/"), `${l} escapes the prefix`);
    assert.ok(existsSync(join(out, "facts")));
  } finally { rmSync(join(out, ".."), { recursive: true, force: true }); }
});
