/**
 * The built sample site for browser tests: builds content/ into a temporary folder
 * with the real CLI (never into _site/), serves it, and crawls it the way a reader
 * would, by following in-site links from the home page.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { inPage } from "./browser.ts";
import { serveFolder, normalisePrefix, type StaticServer } from "./server.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

export interface BuiltSite {
  dir: string;
  prefix: string;
  server: StaticServer;
  /** Stops the server and deletes the build. */
  close(): Promise<void>;
}

/**
 * Builds the sample site (optionally under a path prefix) and serves it on 127.0.0.1.
 * `socialImages: false` skips rendering the PNG cards (faster) for tests that never
 * follow og:image.
 */
export async function buildAndServe(options: { prefix?: string; socialImages?: boolean; env?: Record<string, string> } = {}): Promise<BuiltSite> {
  const prefix = normalisePrefix(options.prefix);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "factsheet-browser-"));
  try {
    await run(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "scripts/cli/build.ts"), "--root", ROOT, "--output", dir, "--prefix", prefix, "--quiet"],
      {
        cwd: ROOT,
        env: { ...process.env, PATH_PREFIX: prefix, FACTSHEET_SOCIAL_IMAGES: options.socialImages === false ? "0" : "1", ...options.env },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: string; message: string };
    throw new Error(`building the sample site failed: ${e.stderr || e.message}`);
  }
  const server = await serveFolder(dir, { prefix });
  return {
    dir,
    prefix,
    server,
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every .html file the build wrote, as site paths ("/", "/facts/x/", "/404.html"). */
export function builtPages(dir: string): string[] {
  const pages: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(".html")) pages.push(`/${child.replace(/(^|\/)index\.html$/, "$1")}`);
    }
  };
  walk("");
  return pages.sort();
}

/** The built HTML of a site path ("/facts/x/" -> dir/facts/x/index.html). */
export function pageFile(dir: string, sitePath: string): string {
  return path.join(dir, sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath);
}

/** A page is an in-site URL that names a folder or an .html file; the rest are assets. */
export function isPageUrl(url: URL): boolean {
  return url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

/** The links and asset references of the current document, raw and resolved. */
export interface Reference {
  tag: string;
  attr: string;
  raw: string;
  url: string;
}

export function collectReferences(page: Page): Promise<Reference[]> {
  return inPage(page, () => {
    const out: { tag: string; attr: string; raw: string; url: string }[] = [];
    const add = (el: Element, attr: string, raw: string) => {
      let url = "";
      try {
        url = new URL(raw, document.baseURI).href;
      } catch {
        url = "";
      }
      out.push({ tag: el.tagName.toLowerCase(), attr, raw, url });
    };
    for (const el of Array.from(document.querySelectorAll("[href], [src], [srcset], form[action], object[data]"))) {
      for (const attr of ["href", "src", "action", "data"]) {
        const v = el.getAttribute(attr);
        if (v !== null && !(attr === "data" && el.tagName !== "OBJECT")) add(el, attr, v);
      }
      const srcset = el.getAttribute("srcset");
      if (srcset) for (const part of srcset.split(",")) add(el, "srcset", part.trim().split(/\s+/)[0] ?? "");
    }
    // Absolute addresses for other sites to fetch: checked against this build too.
    for (const el of Array.from(document.querySelectorAll("meta[property='og:image'], meta[property='og:url']"))) {
      add(el, "content", el.getAttribute("content") ?? "");
    }
    return out;
  }, undefined);
}

export interface Visit {
  /** The site path, e.g. "/facts/x/" (without the prefix). */
  path: string;
  url: string;
  status: number;
  /** The page's links and asset references, as loaded. */
  refs: Reference[];
}

/**
 * Breadth-first crawl from the site root over in-site page links, plus `extra` paths
 * that nothing links to (the 404 page). `onPage` runs once per page, after load, with
 * `tab` showing it. Returns the visits in crawl order.
 */
export async function crawl(
  tab: Page,
  site: { url: string; prefix: string },
  onPage: (visit: Visit) => Promise<void>,
  extra: string[] = ["/404.html"],
): Promise<Visit[]> {
  const root = new URL(site.url);
  const queue = ["/", ...extra];
  const seen = new Set(queue);
  const visits: Visit[] = [];
  for (let sitePath = queue.shift(); sitePath !== undefined; sitePath = queue.shift()) {
    const url = new URL(site.prefix + sitePath.slice(1), root).href;
    const response = await tab.goto(url, { waitUntil: "load" });
    const visit = { path: sitePath, url, status: response?.status() ?? 0, refs: await collectReferences(tab) };
    visits.push(visit);
    await onPage(visit);
    for (const ref of visit.refs) {
      if (ref.tag !== "a" || !ref.url) continue;
      const target = new URL(ref.url);
      if (target.origin !== root.origin || !target.pathname.startsWith(site.prefix) || !isPageUrl(target)) continue;
      const next = `/${decodeURI(target.pathname).slice(site.prefix.length)}`;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return visits;
}

/** Hosts an external link must not point at: this machine or a private network name. */
const LOCAL_HOST = /^(localhost|.*\.localhost|.*\.local|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+)$/i;

/**
 * Checks a page's references as a reader's browser would follow them: in-site URLs
 * must answer 200 from the local server (no redirect) and stay under the prefix; other
 * URLs are checked for form only (http/https, or mailto: in links, never localhost or
 * javascript:); assets (script, img, ...) must not come from other sites at all. Links
 * with a fragment to another page are returned in `fragments` to check once its ids are
 * known. Statuses are cached per URL in `statuses`.
 */
export async function checkReferences(
  refs: Reference[],
  site: { url: string; prefix: string; publicUrl?: string },
  statuses: Map<string, number>,
): Promise<{ problems: string[]; fragments: { raw: string; path: string; id: string }[] }> {
  const root = new URL(site.url);
  const problems: string[] = [];
  const fragments: { raw: string; path: string; id: string }[] = [];
  for (const ref of refs) {
    const where = `${ref.tag}[${ref.attr}="${ref.raw}"]`;
    if (ref.raw.startsWith("#")) continue; // in-page anchors: checked with the page's ids
    if (!ref.url) {
      problems.push(`${where}  [link-form]  is not a valid URL`);
      continue;
    }
    // The site's public address (canonical, og:image) stands for this build.
    const pub = site.publicUrl;
    const url = new URL(pub && ref.url.startsWith(pub) ? site.url + ref.url.slice(pub.length) : ref.url);
    if (url.origin !== root.origin) {
      const isLink = ref.tag === "a" || ref.tag === "link" || ref.tag === "meta";
      if (!isLink) problems.push(`${where}  [asset-offsite]  assets must be served by the site itself`);
      else if (url.protocol === "mailto:" && ref.tag === "a") continue;
      else if (url.protocol !== "https:" && url.protocol !== "http:") problems.push(`${where}  [link-form]  uses ${url.protocol} (only http: and https:)`);
      else if (!url.hostname || LOCAL_HOST.test(url.hostname)) problems.push(`${where}  [link-form]  points at a local host`);
      continue;
    }
    if (!url.pathname.startsWith(site.prefix)) {
      problems.push(`${where}  [link-prefix]  escapes the path prefix ${site.prefix} (resolves to ${url.pathname})`);
      continue;
    }
    const target = url.origin + url.pathname + url.search;
    let status = statuses.get(target);
    if (status === undefined) {
      status = (await fetch(target, { method: "HEAD", redirect: "manual" })).status;
      statuses.set(target, status);
    }
    if (status !== 200) problems.push(`${where}  [link-status]  answers HTTP ${status}`);
    else if (url.hash && !url.hash.startsWith("#:~:") && isPageUrl(url)) {
      const path = `/${decodeURI(url.pathname).slice(site.prefix.length)}`;
      fragments.push({ raw: ref.raw, path, id: decodeURIComponent(url.hash.slice(1)) });
    }
  }
  return { problems, fragments };
}

/** Every id in the current document (targets for links from other pages). */
export function collectIds(page: Page): Promise<string[]> {
  return inPage(page, () => Array.from(document.querySelectorAll("[id]"), (el) => el.id), undefined);
}

/** Formats findings as one line each, or "" when there are none. */
export function report(findings: string[]): string {
  const sorted = [...findings].sort();
  return sorted.length === 0 ? "" : `${sorted.length} problem(s):\n  ${sorted.join("\n  ")}`;
}
