/**
 * `npm run verify` end to end against a loopback server of hostile pages: every case
 * ends with a record and the right status and found, never a crash; the records then
 * feed the checker and the built pages. Timeouts are small so the suite stays fast.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { execFile } from "node:child_process";
import { parse } from "yaml";
import { startHostileServer, QUOTE, CYRILLIC, HUGE_BYTES, type HostileServer } from "./support/hostile-server.ts";
import { REPO, runCli, tempDir } from "./support/build.ts";
import { fetchPage } from "../scripts/net/fetch-page.ts";
import { Limiter } from "../scripts/net/limiter.ts";
import type { VerificationRecord } from "../scripts/lib/verification.ts";

// [source id, path, quote, expected status, expected found (undefined: no quotes read)]
const CASES: [string, string, string, string, boolean | undefined][] = [
  ["exact", "/exact", QUOTE, "live", true],
  ["typographic", "/typographic", QUOTE, "live", true],
  ["hidden-words", "/hidden", QUOTE, "live", false],
  ["cp1251-header", "/cp1251-header", CYRILLIC, "live", true],
  ["cp1251-meta", "/cp1251-meta", CYRILLIC, "live", true],
  ["gzipped", "/gzip", QUOTE, "live", true],
  ["redirect-chain", "/r301", QUOTE, "redirected", true],
  ["redirect-loop", "/loop-a", QUOTE, "unreachable", undefined],
  ["too-many-redirects", "/many", QUOTE, "unreachable", undefined],
  ["not-found", "/404", QUOTE, "unreachable", undefined],
  ["gone", "/410", QUOTE, "unreachable", undefined],
  ["server-error", "/500", QUOTE, "unreachable", undefined],
  ["soft-404", "/soft404", QUOTE, "live", false],
  ["never-ends", "/hang", QUOTE, "unreachable", undefined],
  ["huge", "/huge", QUOTE, "live", false],
  ["binary", "/binary", QUOTE, "live", false],
  ["robots-disallowed", "/private/page", QUOTE, "blocked", undefined],
];

let server: HostileServer;
let root: string;
const content = () => join(root, "content");

function writeContent(dir: string, base: string, cases = CASES) {
  mkdirSync(join(dir, "facts"), { recursive: true });
  writeFileSync(join(dir, "site.yaml"), "title: Verify fixture\ndescription: Hostile pages.\nurl: https://example.org/v\nrepository: https://github.com/example/verify-fixture\nlanguage: en\nlicense: CC BY 4.0\n");
  writeFileSync(join(dir, "topics.yaml"), "deal-terms:\n  title: Deal terms\n  description: Terms.\n");
  writeFileSync(join(dir, "sources.yaml"), cases.map(([id, path]) => `${id}:\n  title: Case ${id}\n  publisher: Test server\n  url: ${base}${path}\n`).join(""));
  for (const [id, , quote] of cases) {
    writeFileSync(join(dir, "facts", `${id}.md`), `---\ntitle: Case ${id}\nsummary: A case.\ndate: 2025-02-12\nstatus: reported\ntopics: [deal-terms]\nfigures:\n  fig-${id}:\n    label: A figure\n    value: 50\n    unit: percent\n    source: ${id}\n    quote: "${quote.replace(/"/g, '\\"')}"\n---\nText {{< fig fig-${id} >}} [@${id}].\n`);
  }
}
const record = (id: string, dir = content()) => parse(readFileSync(join(dir, "verification", `${id}.yaml`), "utf8")) as VerificationRecord;
/** Asynchronous, unlike runCli: the test server lives in this process and must keep answering. */
function runAsync(script: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(join(REPO, "node_modules", ".bin", "tsx"), [join(REPO, "scripts", "cli", script), ...args], { cwd: REPO, env: { ...process.env, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => done({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}
const verify = (args: string[], today: string, extra: Record<string, string> = {}) =>
  runAsync("verify.ts", ["--root", root, "--content", "content", "--timeout-ms", "300", "--max-bytes", "200000", ...args], { VERIFY_TODAY: today, VERIFY_SAVE_ENDPOINT: `${server.base}/save/`, ...extra });

before(async () => {
  server = await startHostileServer();
  root = tempDir("verify");
  writeContent(content(), server.base);
});
after(async () => { await server.close(); rmSync(root, { recursive: true, force: true }); });

test("every hostile page ends with a record with the right status and found", async () => {
  const run = await verify(["--allow-loopback", "--archive"], "2026-11-27");
  assert.equal(run.status, 0, run.stderr + run.stdout);
  for (const [id, path, quote, status, found] of CASES) {
    const r = record(id);
    assert.equal(r.url, `${server.base}${path}`, id);
    assert.equal(r.checked, "2026-11-27", id);
    assert.equal(r.status, status, `${id}: ${JSON.stringify(r)}`);
    if (id === "soft-404") {
      // Not on the live page, but on the archived copy Save Page Now named.
      assert.equal(r.archive_url, `${server.base}/web/20261201000000/${server.base}/soft404`);
      assert.deepEqual(r.quotes, [{ text: quote, found: true, where: "archive" }]);
      continue;
    }
    if (found === undefined) assert.equal(r.quotes, undefined, `${id}: no page read, so nothing is said about the words`);
    else assert.deepEqual(r.quotes, [found ? { text: quote, found: true, where: "live" } : { text: quote, found: false }], id);
    assert.equal(r.archive_url, undefined, `${id}: no snapshot is recorded unless Save Page Now names one`);
  }
  assert.equal(record("redirect-chain").final_url, `${server.base}/exact`);
  assert.equal(record("not-found").http_status, 404);
  assert.equal(record("gone").http_status, 410);
  assert.equal(record("server-error").http_status, 500);
  assert.equal(record("not-found").dead_since, "2026-11-27");
  assert.ok([...server.stats.userAgents].every((ua) => ua === "factsheet-verify/1.0 (+https://github.com/example/verify-fixture)"), [...server.stats.userAgents].join());
  assert.ok(server.stats.hugeBytesSent < HUGE_BYTES / 4, `the 50 MB body was cut off early (${server.stats.hugeBytesSent} bytes sent)`);
  assert.ok(server.stats.maxInFlight <= 4, `at most 4 requests at once (saw ${server.stats.maxInFlight})`);
  for (const [host, n] of server.stats.maxPerHost) assert.ok(n <= 2, `at most 2 at once to ${host} (saw ${n})`);
});

test("a failing address is unreachable until it failed on two checks three days apart, then dead", async () => {
  await verify(["--allow-loopback", "--only", "not-found,exact"], "2026-11-29");
  assert.equal(record("not-found").status, "unreachable", "two days later: still only unreachable");
  assert.equal(record("not-found").dead_since, "2026-11-27");
  await verify(["--allow-loopback", "--only", "not-found"], "2026-12-01");
  assert.deepEqual(record("not-found"), { url: `${server.base}/404`, checked: "2026-12-01", status: "dead", http_status: 404, dead_since: "2026-11-27" });
  assert.equal(record("gone").checked, "2026-11-27", "--only leaves other records alone");
});

test("the checker warns at the quote's line and the source's line; --strict fails", () => {
  const check = runCli("check.ts", ["--root", root, "--content", "content"]);
  assert.equal(check.status, 0, check.stderr);
  const lines = check.stderr.split("\n");
  assert.ok(lines.includes(`content/facts/hidden-words.md:13:12  warning  [quote-not-found]  these words were not found at ${server.base}/hidden when checked on 27 November 2026: copy them exactly from the page (then npm run verify -- --only hidden-words), or cite the archived copy`), check.stderr);
  const deadLine = readFileSync(join(content(), "sources.yaml"), "utf8").split("\n").indexOf("not-found:") + 1;
  assert.ok(lines.some((l) => l.startsWith(`content/sources.yaml:${deadLine}:1  warning  [source-dead]  source "not-found" has not answered since 27 November 2026`)), check.stderr);
  const strict = runCli("check.ts", ["--root", root, "--content", "content", "--strict"]);
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, /error {2}\[quote-not-found\]/);
});

test("the built pages show found, not-found and unchecked", () => {
  const out = join(root, "site");
  // An unchecked quote: a new source added after the run.
  writeFileSync(join(content(), "sources.yaml"), readFileSync(join(content(), "sources.yaml"), "utf8") + `unchecked-source:\n  title: Case unchecked\n  publisher: Test server\n  url: ${server.base}/exact?new\n`);
  writeFileSync(join(content(), "facts", "exact.md"), readFileSync(join(content(), "facts", "exact.md"), "utf8").replace("---\nText", `  fig-new:\n    label: Another\n    value: 1\n    unit: count\n    source: unchecked-source\n    quote: "rare earths"\n---\nText [@unchecked-source]`));
  const build = runCli("build.ts", ["--content", relative(REPO, content()), "--output", out, "--quiet"]);
  assert.equal(build.status, 0, build.stderr);
  const html = readFileSync(join(out, "facts", "exact", "index.html"), "utf8");
  assert.match(html, /data-verified="found">“half of Ukraine&#39;s rare earths”<\/a> <span class="verified verified-found">found at the source on 29 November 2026<\/span>/);
  assert.match(html, /data-verified="unchecked">“rare earths”<\/a> <span class="verified verified-unchecked">not yet checked<\/span>/);
  assert.match(readFileSync(join(out, "facts", "hidden-words", "index.html"), "utf8"), /data-verified="not-found">.*not found at the source when checked on 27 November 2026/);
  assert.match(readFileSync(join(out, "facts", "soft-404", "index.html"), "utf8"), /href="[^"]*\/web\/20261201000000\/[^"]*#:~:text=[^"]*" class="ref-quote" data-verified="found">.*found in the archived copy on 27 November 2026/);
  const sources = readFileSync(join(out, "sources", "index.html"), "utf8");
  assert.match(sources, /class="verify-summary">Checked by machine: 10 live, 1 dead, 5 not answering, 1 refusing automated checks, 1 not yet checked; 7 of 18 quotes found at their sources, 3 not found\./);
});

test("names that resolve to loopback, literal private addresses and redirects to them are blocked", async () => {
  const second = await startHostileServer("127.0.0.2");
  try {
    const opts = { userAgent: "t", timeoutMs: 300, maxBytes: 100_000, allowLoopback: false, limiter: new Limiter() };
    const viaName = await fetchPage(`http://news.example:${server.port}/exact`, { ...opts, resolve: async () => "127.0.0.1" });
    assert.equal(viaName.kind, "blocked");
    assert.match(viaName.reason, /news\.example resolves to 127\.0\.0\.1, which is not a public address/);
    // 127.0.0.2 stands in for a public address; it redirects to 127.0.0.1, which is refused.
    const hop = await fetchPage(`http://news.example:${second.port}/to-loopback?port=${server.port}`, { ...opts, resolve: async () => "127.0.0.2", isPublic: (a) => a === "127.0.0.2" });
    assert.equal(hop.kind, "blocked", JSON.stringify(hop));
    const hop2 = await fetchPage(`http://news.example:${second.port}/exact`, { ...opts, resolve: async (h) => (h === "news.example" ? "127.0.0.2" : "127.0.0.1"), isPublic: (a) => a === "127.0.0.2" });
    assert.equal(hop2.kind, "ok", "the stand-in public address itself is fetched");
    const cap = await fetchPage(`${server.base}/huge`, { ...opts, allowLoopback: true, maxBytes: 100_000 });
    assert.equal(cap.truncated, true);
    assert.ok(cap.bytesRead <= 100_000 + 64 * 1024, `read ${cap.bytesRead} bytes`);
    assert.ok(cap.body!.length <= 100_000);
  } finally { await second.close(); }
  // The CLI without --allow-loopback refuses the test server's own address and records it.
  const dir = tempDir("verify-blocked");
  try {
    writeContent(join(dir, "content"), server.base, [CASES[0]!]);
    const run = await runAsync("verify.ts", ["--root", dir, "--timeout-ms", "300"], { VERIFY_TODAY: "2026-12-01" });
    assert.equal(run.status, 0, run.stderr);
    const r = record("exact", join(dir, "content"));
    assert.deepEqual(r, { url: `${server.base}/exact`, checked: "2026-12-01", status: "blocked" });
    assert.ok(!existsSync(join(dir, "content", "verification", ".exact.yaml.tmp")));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
