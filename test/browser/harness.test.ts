/**
 * The browser tests' own harness: the static server behaves like GitHub Pages for a
 * project site (prefix, folders, 404 page, content types) and refuses paths that
 * climb out of the folder; the browser finder fails with a one-line install hint; and
 * the page watchers and axe really report what they exist to catch, on a page built
 * to break every rule (so a silent harness cannot pass the site's tests).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serveFolder, contentType, normalisePrefix, type StaticServer } from "../support/server.ts";
import { checkReferences, type Reference } from "../support/site.ts";
import { findBrowser, launchBrowser, newContext, watchPage, runAxe, INSTALL_HINT } from "../support/browser.ts";

let dir = "";
let server: StaticServer | undefined;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-test-"));
  const files: Record<string, string> = {
    "index.html": "<h1>home</h1>",
    "404.html": "<h1>Page not found</h1>",
    "facts/x/index.html": "<h1>x</h1>",
    "pagefind/wasm.en.pagefind": "\0wasm",
    "data/figures.csv": "a,b\n",
    // Breaks the CSP twice (inline script, inline style), logs an error, fetches a missing
    // file, and has an image without alt text.
    "bad/index.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'">
<title>bad</title><script src="/repo/bad/log.js"></script></head>
<body><main><h1 style="color: red">bad</h1><script>document.title = "ran";</script>
<img src="/repo/missing.png"></main></body></html>`,
    "bad/log.js": 'console.error("deliberate");',
  };
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  // A secret next to the served folder, which no URL may reach.
  fs.writeFileSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`), "secret");
  server = await serveFolder(dir, { prefix: "/repo/" });
});

after(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`), { force: true });
});

const get = (p: string, method = "GET") => fetch(server!.origin + p, { method, redirect: "manual" });

test("content types cover the site's and Pagefind's files", () => {
  const expected: Record<string, RegExp> = {
    "a.html": /^text\/html/, "a.css": /^text\/css/, "a.js": /^text\/javascript/, "a.json": /^application\/json/,
    "a.xml": /^application\/xml/, "a.csv": /^text\/csv/, "a.svg": /^image\/svg\+xml$/, "a.png": /^image\/png$/,
    "a.wasm": /^application\/wasm$/, "wasm.en.pagefind": /^application\/octet-stream$/, "a.unknown": /^application\/octet-stream$/,
  };
  for (const [file, type] of Object.entries(expected)) assert.match(contentType(file), type, file);
});

test("prefixes are normalised to /x/ form", () => {
  assert.equal(normalisePrefix(), "/");
  assert.equal(normalisePrefix(""), "/");
  assert.equal(normalisePrefix("repo"), "/repo/");
  assert.equal(normalisePrefix("/repo"), "/repo/");
  assert.equal(normalisePrefix("/a/b/"), "/a/b/");
});

test("serves files and folders under the prefix, with their content types", async () => {
  assert.equal(server!.url, `${server!.origin}/repo/`);
  const home = await get("/repo/");
  assert.equal(home.status, 200);
  assert.match(home.headers.get("content-type") ?? "", /^text\/html/);
  assert.equal(await home.text(), "<h1>home</h1>");
  assert.equal(await (await get("/repo/facts/x/")).text(), "<h1>x</h1>");
  const csv = await get("/repo/data/figures.csv");
  assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
  assert.equal((await get("/repo/pagefind/wasm.en.pagefind")).headers.get("content-type"), "application/octet-stream");
  const head = await get("/repo/", "HEAD");
  assert.equal(head.status, 200);
  assert.equal(await head.text(), "");
});

test("redirects a folder without its slash, as GitHub Pages does", async () => {
  for (const [from, to] of [["/repo/facts/x", "/repo/facts/x/"], ["/repo", "/repo/"]] as const) {
    const res = await get(from);
    assert.equal(res.status, 301, from);
    assert.equal(res.headers.get("location"), to, from);
  }
});

test("answers 404 with the site's 404.html for missing files and anything outside the prefix", async () => {
  for (const p of ["/repo/nope/", "/repo/nope.css", "/facts/x/", "/index.html"]) {
    const res = await get(p);
    assert.equal(res.status, 404, p);
    assert.equal(await res.text(), "<h1>Page not found</h1>", p);
  }
});

test("refuses paths that climb out of the folder, encoded or not", async () => {
  const secret = `${path.basename(dir)}-secret.txt`;
  for (const p of [`/repo/../${secret}`, `/repo/%2e%2e/${secret}`, `/repo/..%2f${secret}`, `/repo/%2e%2e%2f${secret}`]) {
    const res = await get(p);
    assert.notEqual(res.status, 200, p);
    assert.doesNotMatch(await res.text(), /secret/, p);
  }
  assert.equal((await get("/repo/", "POST")).status, 405);
});

test("the page watcher reports CSP violations, console errors and failed requests; axe reports violations", async () => {
  const browser = await launchBrowser();
  try {
    const page = await (await newContext(browser)).newPage();
    const watch = await watchPage(page);
    await page.goto(`${server!.url}bad/`);
    const csp = await watch.cspViolations();
    assert.ok(csp.some((v) => v.startsWith("script-src")), `no script-src violation in ${JSON.stringify(csp)}`);
    assert.ok(csp.some((v) => v.startsWith("style-src")), `no style-src violation in ${JSON.stringify(csp)}`);
    assert.equal(await page.title(), "bad", "the inline script ran despite the CSP");
    assert.ok(watch.problems.includes("console error: deliberate"), JSON.stringify(watch.problems));
    assert.ok(watch.problems.some((p) => /^HTTP 404: .*\/repo\/missing\.png$/.test(p)), JSON.stringify(watch.problems));
    // axe runs under the page's CSP (no bypass) and finds the image without alt text.
    const axe = await runAxe(page);
    assert.ok(axe.some((l) => l.includes("[axe image-alt]")), JSON.stringify(axe));
  } finally {
    await browser.close();
  }
});

test("the link checker flags broken, escaping and malformed references, and passes good ones", async () => {
  const base = server!.url;
  const ref = (tag: string, attr: string, raw: string): Reference => {
    let url = "";
    try {
      url = new URL(raw, `${base}facts/x/`).href;
    } catch {
      url = "";
    }
    return { tag, attr, raw, url };
  };
  const refs = [
    ref("a", "href", "/repo/facts/x/"), // fine
    ref("a", "href", "#local"), // in-page: not this checker's job
    ref("a", "href", "https://example.org/page"), // external, fine
    ref("a", "href", "mailto:someone@example.org"), // fine in a link
    ref("a", "href", "/repo/nope/"), // 404
    ref("a", "href", "/facts/x/"), // escapes the prefix
    ref("a", "href", "javascript:alert(1)"),
    ref("a", "href", "http://localhost:8080/"),
    ref("script", "src", "https://cdn.example.org/x.js"), // an asset from another site
    ref("meta", "content", "https://example.github.io/repo/data/figures.csv"), // public URL of this build: fine
    ref("a", "href", "/repo/facts/x/#fig-a"), // fragment: handed back for the id check
  ];
  const { problems, fragments } = await checkReferences(refs, { url: base, prefix: "/repo/", publicUrl: "https://example.github.io/repo/" }, new Map());
  assert.deepEqual(problems, [
    'a[href="/repo/nope/"]  [link-status]  answers HTTP 404',
    'a[href="/facts/x/"]  [link-prefix]  escapes the path prefix /repo/ (resolves to /facts/x/)',
    'a[href="javascript:alert(1)"]  [link-form]  uses javascript: (only http: and https:)',
    'a[href="http://localhost:8080/"]  [link-form]  points at a local host',
    'script[src="https://cdn.example.org/x.js"]  [asset-offsite]  assets must be served by the site itself',
  ]);
  assert.deepEqual(fragments, [{ raw: "/repo/facts/x/#fig-a", path: "/facts/x/", id: "fig-a" }]);
});

test("the browser finder names a missing CHROME_PATH and says how to install one", () => {
  assert.throws(() => findBrowser({ CHROME_PATH: "/nonexistent/chrome" }), (err: Error) => {
    assert.match(err.message, /CHROME_PATH=\/nonexistent\/chrome does not exist/);
    assert.ok(err.message.includes(INSTALL_HINT));
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
  assert.match(INSTALL_HINT, /apt-get install chromium/);
});
