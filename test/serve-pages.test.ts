/**
 * The dev server renders through the build's path: after saves (a fact's title, a
 * figure another fact shows, a deleted fact) the pages it wrote and serves are byte for
 * byte the pages `npm run build` writes for the same content, and each save re-rendered
 * only the pages that show what changed (counted from the server's "rebuilt:" lines).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, buildInto, snapshotDir, tempDir } from "./support/build.ts";
import { freePort } from "../scripts/bench/devloop.ts";

const TSX = join(REPO, "node_modules", ".bin", "tsx");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const env = { FACTSHEET_SOCIAL_IMAGES: "0", FACTSHEET_SEARCH_INDEX: "0", SITE_URL: "" };

test("dev server pages = build pages after each save, and a save renders only what it touched", { timeout: 600_000 }, async () => {
  const root = tempDir("serve-pages");
  cpSync(join(REPO, "test/fixtures/site-min/content"), join(root, "content"), { recursive: true });
  // The build renders the root's templates (the dev server its own checkout's): the same ones.
  for (const name of ["templates", "scripts", "node_modules", ".eleventy.js"]) symlinkSync(join(REPO, name), join(root, name));
  let child: ChildProcess | undefined;
  let out = "";
  try {
    const port = await freePort("::");
    child = spawn(TSX, [join(REPO, "scripts/cli/serve.ts"), "--root", root, "--port", String(port)], {
      cwd: REPO, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env },
    });
    child.stdout!.on("data", (b) => { out += b; });
    child.stderr!.on("data", (b) => { out += b; });
    const rebuilds = () => out.split("\n").filter((l) => l.startsWith("rebuilt: "));
    /** Waits for the next "rebuilt:" line after `n` of them, and returns it. */
    const next = async (n: number) => {
      for (let i = 0; i < 600 && rebuilds().length <= n; i++) await sleep(200);
      assert.ok(rebuilds().length > n, `the server rebuilt:\n${out}`);
      await sleep(300); // a second event for the same save would print another line: let it come
      return rebuilds().at(-1)!;
    };
    const counts = (line: string) => {
      const m = /pages: (\d+) entry pages, (\d+) from the cache, (\d+) rendered(?:, (\d+) unchanged)?(?: \((\d+) as written at the save\))?; fact views: (\d+) kept, (\d+) built/.exec(line);
      assert.ok(m, line);
      return { total: Number(m[1]), rendered: Number(m[3]), unchanged: Number(m[4] ?? 0), first: Number(m[5] ?? 0), built: Number(m[7]) };
    };
    const first = counts(await next(0));
    for (let i = 0; i < 100 && !out.includes(`preview: http://localhost:${port}/`); i++) await sleep(200);
    assert.ok(first.total >= 4 && first.built === 2, rebuilds()[0]);

    /** The server's _site/ against a fresh build of the same content: every page the same bytes. */
    const sameAsBuild = async (what: string) => {
      const built = join(root, "built");
      const r = buildInto(built, ["--root", root], env);
      assert.equal(r.status, 0, r.stderr);
      const b = snapshotDir(built);
      const s = snapshotDir(join(root, "_site"));
      const pages = (m: Map<string, Buffer>) => [...m.keys()].filter((p) => p.endsWith(".html")).sort();
      assert.deepEqual(pages(s), pages(b), `${what}: the same pages`);
      for (const p of pages(b)) assert.ok(s.get(p)!.equals(b.get(p)!), `${what}: ${p} differs from the build's`);
      // Every other file too (data files, their ZIP, chart CSVs, citation files, feed, sitemap):
      // the server skips writing unchanged ones (written-files.ts), so a missed change would show here.
      assert.deepEqual([...s.keys()].sort(), [...b.keys()].sort(), `${what}: the same files`);
      for (const [p, bytes] of b) assert.ok(s.get(p)!.equals(bytes), `${what}: ${p} differs from the build's`);
      // And what is served is that file (the dev server only adds its reload script).
      let served = "";
      for (let i = 0; i < 20 && !served; i++) {
        try { served = await (await fetch(`http://localhost:${port}/facts/trump-500-billion/`, { signal: AbortSignal.timeout(5000) })).text(); } catch { await sleep(250); }
      }
      const file = b.get("facts/trump-500-billion/index.html");
      if (file) assert.equal(served.replace(/<script type="module" src="\/\.11ty\/reload-client\.js"><\/script>/, ""), file.toString());
      rmSync(built, { recursive: true, force: true });
    };
    await sameAsBuild("first build");

    // A fact's title: its page and the person and topic pages listing it, one view rebuilt.
    const factFile = join(root, "content/facts/trump-500-billion.md");
    const text = readFileSync(factFile, "utf8");
    let n = rebuilds().length;
    writeFileSync(factFile, text.replace(/^title: (.*)$/m, "title: Trump asks for 500 billion (edited)"));
    const edit = counts(await next(n));
    assert.equal(edit.built, 1, "only the edited fact's view was rebuilt");
    // The saved fact's page is written at the save, before the run (scripts/site/saved-page.ts);
    // the run's own key for it was the same, so it left that page alone: what sameAsBuild
    // compares below is the page written at the save.
    assert.match(out, /^saved: wrote facts\/trump-500-billion\/index\.html /m);
    assert.equal(edit.first, 1, `the run kept the page written at the save: ${rebuilds().at(-1)}`);
    assert.ok(edit.rendered >= 1 && edit.rendered <= 3, `a title edit renders its cards' pages only: ${rebuilds().at(-1)}`);
    assert.equal(edit.unchanged + edit.rendered, edit.total);
    await sameAsBuild("after a title edit");

    // A save with an error is never written at the save: the run shows the problems, then the fix.
    const good = readFileSync(factFile, "utf8");
    const saves = () => out.split("\n").filter((l) => l.startsWith("saved: ")).length;
    const s0 = saves();
    const shown = () => out.split("every page of the preview shows these problems").length;
    const p0 = shown();
    writeFileSync(factFile, good.replace(/^status: .*$/m, "status: rumoured"));
    for (let i = 0; i < 600 && shown() === p0; i++) await sleep(200);
    assert.ok(saves() > s0, out);
    assert.doesNotMatch(out.split("\n").filter((l) => l.startsWith("saved: ")).at(-1)!, /wrote/, "a broken fact's page is left to the run");
    // The broken run writes its problems page after printing them.
    const home = () => readFileSync(join(root, "_site/index.html"), "utf8");
    for (let i = 0; i < 150 && !home().includes("The content has problems"); i++) await sleep(200);
    assert.match(home(), /The content has problems/);
    n = rebuilds().length;
    writeFileSync(factFile, good);
    await next(n);
    // The last load had errors: the page of the fixed fact is left to the run too.
    assert.doesNotMatch(out.split("\n").filter((l) => l.startsWith("saved: ")).at(-1)!, /wrote/);
    await sameAsBuild("after an error and its fix");

    // A figure placed by other facts: their views are rebuilt too, their pages re-rendered.
    const figFact = readdirSync(join(root, "content/facts")).map((f) => join(root, "content/facts", f))
      .find((f) => /^\s+label: /m.test(readFileSync(f, "utf8")))!;
    n = rebuilds().length;
    writeFileSync(figFact, readFileSync(figFact, "utf8").replace(/^(\s+label: )(.*)$/m, "$1Relabelled $2"));
    counts(await next(n));
    await sameAsBuild("after a figure's label");

    // A deleted fact: gone from the server's site as from the build's.
    n = rebuilds().length;
    unlinkSync(factFile);
    const del = counts(await next(n));
    assert.ok(del.total < first.total, "the fact's pages are gone from the plan");
    await sameAsBuild("after a deletion");
  } finally {
    if (child?.pid) { try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ } }
    rmSync(root, { recursive: true, force: true });
  }
});
