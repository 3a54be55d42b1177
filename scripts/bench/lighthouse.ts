/**
 * Lighthouse on the built sample site, served from 127.0.0.1: the home page, a fact
 * page with a chart and the figures page, with the mobile (default) and desktop
 * presets. Records the four category scores and, for each score under 100, the audits
 * that cost points and the items they name.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse, { desktopConfig, type Config, type Result } from "lighthouse";
import { serveStatic } from "./static-server.ts";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const CANDIDATES = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export interface Holdback { category: string; audit: string; title: string; score: number; display?: string; items: string[] }
export interface LighthouseRun { page: string; path: string; preset: "mobile" | "desktop"; scores: Record<string, number>; holdbacks: Holdback[] }

export function findChrome(): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error("no Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH");
  return found;
}

/** Starts headless Chromium with a DevTools port and returns the port once it listens. */
async function launchChrome(): Promise<{ port: number; proc: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "bench-chrome-"));
  const proc = spawn(findChrome(), [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${dir}`, "--remote-debugging-port=0", "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise<number>((ok, fail) => {
    let err = "";
    const timer = setTimeout(() => fail(new Error(`Chromium did not open a DevTools port in 30 s:\n${err}`)), 30_000);
    proc.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) { clearTimeout(timer); ok(Number(m[1])); }
    });
    proc.on("exit", (code) => { clearTimeout(timer); fail(new Error(`Chromium exited (${code}) before it listened:\n${err}`)); });
  });
  return { port, proc, dir };
}

/** One line per item the audit lists (a URL, an element, a value), so the report says why. */
function itemsOf(audit: Result["audits"][string]): string[] {
  const details = audit.details as { items?: Record<string, unknown>[] } | undefined;
  return (details?.items ?? []).slice(0, 4).map((item) => {
    const node = item.node as { snippet?: string; selector?: string; explanation?: string } | undefined;
    const parts = [item.url, node?.selector, node?.snippet, node?.explanation, item.description, item.label]
      .filter((x): x is string => typeof x === "string" && x.length > 0);
    return parts.join(" | ").replace(/\s+/g, " ").slice(0, 300);
  }).filter(Boolean);
}

export function holdbacks(lhr: Result): Holdback[] {
  const out: Holdback[] = [];
  for (const id of CATEGORIES) {
    const cat = lhr.categories[id];
    if (!cat) continue;
    for (const ref of cat.auditRefs) {
      const a = lhr.audits[ref.id];
      if (!a || ref.weight === 0 || a.score === null || a.score >= 1) continue;
      out.push({ category: id, audit: ref.id, title: a.title, score: Math.round(a.score * 100), display: a.displayValue, items: itemsOf(a) });
    }
  }
  return out;
}

export async function runLighthouse(site: string, pages: { page: string; path: string }[]): Promise<LighthouseRun[]> {
  const server = await serveStatic(site);
  const chrome = await launchChrome();
  const runs: LighthouseRun[] = [];
  try {
    for (const p of pages) {
      for (const preset of ["mobile", "desktop"] as const) {
        const config: Config | undefined = preset === "desktop" ? desktopConfig : undefined;
        const url = new URL(p.path, server.url).href;
        const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] }, config);
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
        const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
        runs.push({ page: p.page, path: p.path, preset, scores, holdbacks: holdbacks(lhr) });
        process.stdout.write(`lighthouse ${p.page} (${preset}): ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(", ")}\n`);
      }
    }
  } finally {
    const gone = new Promise((ok) => chrome.proc.once("exit", ok));
    chrome.proc.kill("SIGTERM");
    await Promise.race([gone, new Promise((ok) => setTimeout(ok, 5_000))]);
    await server.close();
    // Chromium may still be flushing its profile: a leftover temp folder is no failure.
    try { rmSync(chrome.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } catch { /* left in tmp */ }
  }
  return runs;
}
