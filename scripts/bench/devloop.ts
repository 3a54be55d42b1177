/**
 * The dev loop: start `npm start` (scripts/cli/serve.ts) on a synthetic site, wait for
 * its first build, then edit one fact file several times and time each edit from the
 * write to the moment the served page (polled over HTTP on 127.0.0.1) shows it. Each
 * save is made on an idle server: the next waits for the previous save's whole rebuild
 * (its "rebuilt:" line), whose time is recorded too (`settledMs`: listings, data files).
 * Skipped, with a note, while serve.ts does not exist.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO, TSX } from "./tools.ts";
import { median } from "./measure.ts";

export const DEV_LOOP_BUDGET_MS = 500;

export type DevLoopResult =
  | { skipped: string }
  | { entries: number; initialBuildSec: number; editsMs: number[]; medianMs: number; maxMs: number; budgetMs: number; settledMs?: number[] };

/** A port nothing listens on now; `host` is where the server will bind ("::" for the dev server's dual stack). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, host, ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

async function fetchText(url: string): Promise<string | undefined> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return r.ok ? await r.text() : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor(url: string, needle: string, timeoutMs: number, everyMs: number): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if ((await fetchText(url))?.includes(needle)) return true;
    await sleep(everyMs);
  }
  return false;
}

/** `root` is a project root holding a synthetic content/; `slug` a fact in it. */
export async function measureDevLoop(root: string, slug: string, entries: number, edits = 5): Promise<DevLoopResult> {
  if (!existsSync(join(REPO, "scripts/cli/serve.ts"))) return { skipped: "scripts/cli/serve.ts does not exist yet: the dev loop was not measured" };
  const port = await freePort();
  const started = performance.now();
  // Its own process group, so stopping it also stops the node process tsx starts.
  const child = spawn(process.execPath, [TSX, "scripts/cli/serve.ts", "--root", root, "--port", String(port)], {
    cwd: root, env: { ...process.env, FACTSHEET_SOCIAL_IMAGES: "0", PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"], detached: true,
  });
  let log = "";
  let rebuilds = 0;
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
    // What each save cost the server (scripts/site/plugin.ts: pages rendered, views rebuilt, where the time went).
    for (const line of d.toString().split("\n")) {
      if (line.startsWith("rebuilt: ")) rebuilds++;
      if (line.startsWith("rebuilt: ") || line.startsWith("saved: ")) process.stdout.write(`dev loop: server ${line}\n`);
    }
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited = false;
  child.on("exit", () => { exited = true; });
  const url = `http://127.0.0.1:${port}/facts/${slug}/`;
  const file = join(root, "content/facts", `${slug}.md`);
  const original = readFileSync(file, "utf8");
  try {
    const firstTitle = /^title: "(.*)"$/m.exec(original)?.[1];
    if (!firstTitle) throw new Error(`dev loop: no title line in ${file}`);
    if (!(await waitFor(url, firstTitle, 15 * 60_000, 250)) || exited) throw new Error(`dev loop: the server never served ${url}:\n${log}`);
    const initialBuildSec = (performance.now() - started) / 1000;
    const editsMs: number[] = [];
    const settledMs: number[] = [];
    for (let k = 1; k <= edits; k++) {
      await sleep(1_000); // let the watcher settle after the previous rebuild
      const marker = `edited ${k} ${Date.now().toString(36)}`;
      const before = rebuilds;
      const t0 = performance.now();
      writeFileSync(file, original.replace(/^title: "(.*)"$/m, `title: "$1 ${marker}"`));
      if (!(await waitFor(url, marker, 180_000, 10))) throw new Error(`dev loop: edit ${k} never showed on ${url} within 180 s:\n${log}`);
      editsMs.push(performance.now() - t0);
      // The next save comes once this one's whole rebuild is done: each is timed from an idle server.
      for (const end = performance.now() + 180_000; rebuilds === before && performance.now() < end;) await sleep(20);
      settledMs.push(performance.now() - t0);
      process.stdout.write(`dev loop: edit ${k} served after ${editsMs.at(-1)!.toFixed(0)} ms, rebuild done after ${settledMs.at(-1)!.toFixed(0)} ms\n`);
    }
    return { entries, initialBuildSec, editsMs, medianMs: median(editsMs), maxMs: Math.max(...editsMs), budgetMs: DEV_LOOP_BUDGET_MS, settledMs };
  } finally {
    writeFileSync(file, original);
    if (!exited && child.pid) {
      try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
      await Promise.race([new Promise((ok) => child.once("exit", ok)), sleep(5_000)]);
    }
  }
}
