/**
 * The real build on a copy of the sample site with every accepted hostile file added:
 * it succeeds, writes only into its output folder, runs nothing, and every page is
 * inert while showing exactly what the content says, in the files and in a browser.
 * Then a build of refused content into the same folder fails and leaves the previous
 * site as it was.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ACCEPTED, PAYLOAD, REJECTED, hostile, type Case } from "./cases.ts";
import { inertProblems } from "./inert.ts";
import { browserChecks } from "./browser-checks.ts";
import { attrsOf, bodyOf, filesIn, parseCsv, read, scriptsOf, textOf } from "./inspect.ts";
import { canaries, clearCanaries, locatedProblems, makeSite, removeSite, runCli, snapshot, type Run } from "./workspace.ts";

const notOutput = (rel: string) => rel === "out";
/** A chart label that a spreadsheet would run as a formula. */
const FORMULA = `=HYPERLINK("https://evil.example") ${PAYLOAD} end`;

describe("npm run build on accepted hostile content", () => {
  let root = "";
  let out = "";
  let run: Run;
  let treeBefore = new Map<string, string>();
  let treeAfter = new Map<string, string>();
  const page = (slug: string) => read(out, `facts/${slug}/index.html`);

  before(async () => {
    clearCanaries();
    root = makeSite(ACCEPTED);
    out = join(root, "out");
    treeBefore = snapshot(root, notOutput);
    run = await runCli(root, "build", ["--output", out, "--quiet"]);
    treeAfter = snapshot(root, notOutput);
  });
  after(() => removeSite(root));

  it("succeeds, pathological Markdown included, with a page for every hostile file", () => {
    assert.equal(run.code, 0, run.stderr.slice(-3000));
    for (const c of ACCEPTED.filter((x) => x.to.endsWith(".md"))) {
      const slug = c.to.replace(/^.*\//, "").replace(/\.md$/, "");
      const url = c.to.startsWith("facts/") ? `facts/${slug}` : c.to.startsWith("people/") ? `people/${slug}` : slug;
      assert.ok(existsSync(join(out, url, "index.html")), `no page for ${c.to}`);
    }
  });

  it("writes nothing outside its output folder (but the build cache) and leaves no temporary folder", () => {
    // The build cache (.cache/factsheet/, git-ignored) is the one other thing a build writes.
    const cache = (rel: string) => rel === ".cache/" || rel.startsWith(".cache/factsheet/");
    assert.ok([...treeAfter.keys()].some((rel) => rel.startsWith(".cache/factsheet/")), "the build cache was written");
    assert.deepEqual([...treeAfter].filter(([rel]) => !cache(rel)), [...treeBefore]);
    assert.deepEqual(readdirSync(root).filter((n) => n.startsWith("out")), ["out"]);
  });

  it("runs nothing from content: no exploit left its canary file", () => assert.deepEqual(canaries(), []));

  it("every page is inert: only our scripts, no on* attributes, no unsafe links, no duplicate ids", () => {
    const found = filesIn(out, ".html").flatMap((f) => inertProblems(read(out, f)).map((p) => `${f}: ${p}`));
    assert.deepEqual(found, []);
  });

  it("template syntax in a body is shown as typed, never run", () => {
    const body = bodyOf(page("acc-template-syntax"));
    assert.ok(body.includes("{{ 7*7 }}") && !body.includes("49"), body);
    assert.ok(body.includes("{% include &quot;/etc/passwd&quot; %}"), body);
    assert.ok(body.includes("{% render &quot;../../../etc/passwd&quot; %}"), body);
  });

  it("raw HTML in a body is escaped text", () => {
    const body = bodyOf(page("acc-raw-html"));
    for (const s of ["&lt;script&gt;window.__pwned = 1&lt;/script&gt;", "&lt;img src=x onerror=", "&lt;svg onload=", "&lt;iframe src=", "&lt;!--&lt;script&gt;"]) {
      assert.ok(body.includes(s), `missing ${s}`);
    }
  });

  it("javascript:, vbscript:, data: and off-site path links are never links", () => {
    for (const slug of ["acc-javascript-links", "acc-other-schemes"]) {
      // Web links stay; in-site paths must resolve inside the site ("/\evil" is encoded to "/%5Cevil").
      const hrefs = attrsOf(bodyOf(page(slug)), "a", "href");
      const inSite = (h: string) => new URL(h, "https://site.example/facts/x/").origin === "https://site.example";
      assert.ok(hrefs.every((h) => h.startsWith("https://") || inSite(h)), `${slug}: ${hrefs.join(" ")}`);
    }
    assert.match(bodyOf(page("acc-javascript-links")), /\[plain\]\(javascript:window\.__pwned=1\)/);
  });

  it("body heading ids are prefixed and unique, and note labels never reach ids", () => {
    const ids = attrsOf(bodyOf(page("acc-headings")), "h2", "id");
    assert.ok(ids.length > 0 && ids.every((id) => id.startsWith("section-")), ids.join(" "));
    assert.equal(new Set(ids).size, ids.length);
    assert.match(bodyOf(page("acc-headings")), /<h2 id="section-main">main<\/h2>/);
    const noteIds = attrsOf(page("acc-footnotes"), "li", "id").concat(attrsOf(page("acc-footnotes"), "a", "id"));
    assert.ok(noteIds.length >= 10 && noteIds.every((id) => /^(note|note-ref|cite|ref)-[\d-]+$/.test(id)), noteIds.join(" "));
  });

  it("CRLF and BOM files render exactly like LF files", () => {
    const bom = page("acc-bom");
    const crlf = page("acc-crlf");
    assert.equal(textOf(crlf, "h1"), "A file saved with CRLF is read like LF");
    assert.equal(textOf(bom, "h1"), "A file saved with BOM is read like LF");
    assert.equal(bodyOf(crlf), bodyOf(bom));
    assert.ok(!crlf.includes("\r") && !bom.includes("\uFEFF"));
  });

  it("hostile strings come out exactly as written in HTML text, attributes and meta tags", () => {
    const html = page("acc-contexts");
    assert.equal(textOf(html, "h1"), hostile("Title"));
    assert.ok(textOf(html, "title")!.startsWith(`${hostile("Title")} · `));
    assert.deepEqual(attrsOf(html, "meta", "content", (a) => a.get("name") === "description"), [hostile("Summary")]);
    assert.deepEqual(attrsOf(html, "meta", "content", (a) => a.get("property") === "og:title"), [hostile("Title")]);
    // The inline figure's link (the preview's fallback) says its label in its accessible name.
    const figNames = attrsOf(html, "a", "aria-label", (a) => (a.get("class") ?? "").split(" ").includes("fig"));
    assert.ok(figNames.length > 0 && figNames.every((n) => n.includes(`: ${hostile("Label")}. Show source`)), JSON.stringify(figNames));
    assert.equal(textOf(html, "dt"), hostile("Label"));
    assert.equal(textOf(read(out, "people/hostile-person/index.html"), "h1"), hostile("Person"));
    assert.equal(textOf(read(out, "hostile-page/index.html"), "h1"), hostile("Page"));
    assert.equal(textOf(read(out, "topics/hostile-topic/index.html"), "h1"), hostile("Topic"));
  });

  it("chart JSON and JSON-LD parse back to the original strings", () => {
    const html = page("acc-contexts");
    const islands = scriptsOf(html, "application/json").map((s) => JSON.parse(s) as { id: string; title: string; labels: string[] });
    const chart = islands.find((i) => i.id === "hostile-chart")!;
    assert.equal(chart.title, hostile("Chart"));
    assert.deepEqual(chart.labels, [FORMULA, hostile("Datum")]);
    for (const ld of scriptsOf(html, "application/ld+json")) {
      const data = JSON.parse(ld) as { headline?: string };
      if (data.headline !== undefined) assert.equal(data.headline, hostile("Title"));
    }
  });

  it("data files carry the original strings; CSV cells that a spreadsheet would run are defused", () => {
    const rows = parseCsv(read(out, "data/charts/hostile-chart.csv"));
    assert.equal(rows[1]![0], `'${FORMULA}`);
    assert.equal(rows[2]![0], hostile("Datum"));
    const figures = JSON.parse(read(out, "data/figures.json")) as { figures: { id: string; label: string; quote: string; attribution: string; source: { title: string } }[] };
    const f = figures.figures.find((x) => x.id === "hostile-figure")!;
    assert.deepEqual([f.label, f.quote, f.attribution, f.source.title], [hostile("Label"), hostile("Quote"), hostile("Attribution"), hostile("Source title")]);
    const facts = JSON.parse(read(out, "data/facts.json")) as { facts: { slug: string; title: string }[] };
    assert.equal(facts.facts.find((x) => x.slug === "acc-contexts")!.title, hostile("Title"));
  });

  it("XML files (feed, sitemap) hold no markup from content and carry the original strings", () => {
    for (const f of filesIn(out, ".xml")) {
      const xml = read(out, f);
      assert.doesNotMatch(xml, /<script|<!--<|javascript:/i, f);
      const titles = [...xml.matchAll(/<title[^>]*>([^<]*)<\/title>/g)].map((m) => m[1]!.replace(/&(lt|gt|quot|amp|#39|apos);/g, (_e, n: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&", "#39": "'", apos: "'" })[n]!));
      // corrections.xml lists corrected facts only; the hostile fact has no correction.
      if (titles.length > 1 && f !== "corrections.xml") assert.ok(titles.includes(hostile("Title")), `${f}: ${titles.join(" | ")}`);
    }
  });

  it("social images are drawn for hostile titles (their SVG source stays well-formed)", () => {
    assert.ok(existsSync(join(out, "social/acc-contexts.png")));
  });

  const site = { get out() { return out; } };
  browserChecks(site);

  describe("a failed build into the same folder", () => {
    const refused: Case[] = REJECTED.filter((c) => /fm-engine-js\.md|fm-key-permalink|facts\.11tydata\.js|passwd/.test(c.to));
    let second = "";
    let failed: Run;
    let outBefore = new Map<string, string>();
    before(async () => {
      outBefore = snapshot(out);
      second = makeSite(refused);
      failed = await runCli(second, "build", ["--output", out]);
    });
    after(() => removeSite(second));

    it("exits 1 with the located problems", () => {
      assert.equal(failed.code, 1);
      assert.ok(locatedProblems(failed.stderr).includes("content/facts/fm-engine-js.md:1:4  error  [front-matter-engine]"), failed.stderr);
      assert.equal(refused.length, 4);
    });

    it("leaves the previous output exactly as it was, with no temporary folder", () => {
      assert.deepEqual([...snapshot(out)], [...outBefore]);
      assert.deepEqual(readdirSync(root).filter((n) => n.startsWith("out")), ["out"]);
      assert.ok(!existsSync(join(second, "out")) && !existsSync(join(second, "_site")));
    });

    it("runs nothing from content", () => assert.deepEqual(canaries(), []));
  });
});
