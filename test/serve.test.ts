/**
 * `npm start` as a contributor uses it: PORT honoured (and the real port named when it is
 * taken), deleted and added facts rebuild the site, broken content shows its problems on
 * every page with the site's own title and footer, and a fixed file brings the pages back.
 * One server for the whole file; every wait is a bounded poll.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { REPO, tempDir } from "./support/build.ts";

const TSX = join(REPO, "node_modules", ".bin", "tsx");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `ok` holds for the page, at most `tries` times; returns the last response. */
async function until(url: string, ok: (status: number, body: string) => boolean, tries = 120) {
  let last = { status: 0, body: "" };
  for (let i = 0; i < tries; i++) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
      last = { status: r.status, body: await r.text() };
      if (ok(last.status, last.body)) return last;
    } catch { /* not listening yet */ }
    await sleep(500);
  }
  return last;
}

function occupy(): Promise<Server> {
  return new Promise((resolve) => { const s = createServer().listen(0, "::", () => resolve(s)); });
}

test("dev server: PORT, deletions, additions, renames and problems on every page", async () => {
  const root = tempDir("serve");
  cpSync(join(REPO, "test/fixtures/site-min/content"), join(root, "content"), { recursive: true });
  const blocker = await occupy();
  const taken = (blocker.address() as { port: number }).port;
  let child: ChildProcess | undefined;
  try {
    child = spawn(TSX, [join(REPO, "scripts/cli/serve.ts"), "--root", root], {
      cwd: REPO, detached: true, stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PORT: String(taken), FACTSHEET_SOCIAL_IMAGES: "0" },
    });
    let out = "";
    child.stdout!.on("data", (b) => { out += b; });
    child.stderr!.on("data", (b) => { out += b; });
    let port = 0;
    for (let i = 0; i < 240 && !port; i++) {
      port = Number(/preview: http:\/\/localhost:(\d+)\//.exec(out)?.[1] ?? 0);
      if (!port) await sleep(500);
    }
    assert.ok(port, "the server printed its address");
    // The requested port was taken: the line names the port really served, and says why.
    assert.notEqual(port, taken);
    assert.match(out, new RegExp(`preview: http://localhost:${port}/ \\(port ${taken} was taken\\)`));
    const base = `http://localhost:${port}`;
    const fact = `${base}/facts/trump-500-billion/`;
    assert.equal((await until(fact, (s) => s === 200)).status, 200);

    // Deleting a fact rebuilds, and its page is gone from the served site.
    const factFile = join(root, "content/facts/trump-500-billion.md");
    const saved = readFileSync(factFile, "utf8");
    unlinkSync(factFile);
    assert.equal((await until(fact, (s) => s === 404)).status, 404, "deleted fact's page still served");

    // Adding it back under a new name (a rename, in two steps) builds the new page.
    writeFileSync(join(root, "content/facts/trump-ask.md"), saved);
    assert.equal((await until(`${base}/facts/trump-ask/`, (s) => s === 200)).status, 200);
    renameSync(join(root, "content/facts/trump-ask.md"), join(root, "content/facts/trump-asks.md"));
    assert.equal((await until(`${base}/facts/trump-ask/`, (s) => s === 404)).status, 404, "old name still served after a rename");
    assert.equal((await until(`${base}/facts/trump-asks/`, (s) => s === 200)).status, 200);

    // Broken content: every page, including the one being edited, shows the problems,
    // never the last good version; the page keeps the site's title and footer.
    const edited = join(root, "content/facts/us-proposed-50-percent.md");
    const good = readFileSync(edited, "utf8");
    writeFileSync(edited, good.replace("date: 2025-02-12", "date: 2025-02-30"));
    const line = "content/facts/us-proposed-50-percent.md:6:7  error  [bad-date]";
    for (const path of ["/facts/us-proposed-50-percent/", "/facts/trump-asks/", "/timeline/", "/"]) {
      const page = await until(`${base}${path}`, (_s, b) => b.includes(line));
      assert.ok(page.body.includes("The content has problems"), `${path} does not show the problems`);
      assert.ok(page.body.includes(line), `${path} does not list the error`);
      assert.match(page.body, /<title>Fixture fact sheet<\/title>/);
      assert.match(page.body, /rel="license">CC BY 4\.0<\/a>/);
    }
    // Fixed: the pages come back.
    writeFileSync(edited, good);
    const back = await until(`${base}/facts/us-proposed-50-percent/`, (s, b) => s === 200 && !b.includes("The content has problems"));
    assert.match(back.body, /US proposed owning 50%/);
  } finally {
    if (child?.pid) { try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ } }
    blocker.close();
    rmSync(root, { recursive: true, force: true });
  }
});
