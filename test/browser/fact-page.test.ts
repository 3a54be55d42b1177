/**
 * One fact page with charts, notes and citations, read three ways: by keyboard (Tab
 * from the top: skip link first, then main, every link reachable, focus always
 * visible), by screen reader (accessible names of citations, notes and back-links,
 * chart tables, heading outline), and on paper (print styles, a PDF).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, inPage, headingOutline } from "../support/browser.ts";
import { buildAndServe, builtPages, pageFile, type BuiltSite } from "../support/site.ts";

let site: BuiltSite | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let factPath = "";

/** The first fact page whose HTML has a chart, a note and a citation. */
function pickFactPage(dir: string): string {
  const found = builtPages(dir).find((p) => {
    if (!p.startsWith("/facts/")) return false;
    const html = fs.readFileSync(pageFile(dir, p), "utf8");
    return html.includes('class="chart ') && html.includes('class="note-ref"') && html.includes('role="doc-noteref"');
  });
  if (!found) throw new Error("no fact page in the sample content has a chart, a note and a citation; add one so these checks run");
  return found;
}

/** Tag, id and classes of the focused element, e.g. `a.skip-link` or `main#main`. */
const focused = (tab: Page) =>
  inPage(tab, () => {
    const el = document.activeElement;
    if (!el || el === document.body) return { name: "body", inMain: false, outline: "", href: "" };
    const css = getComputedStyle(el);
    const visible = css.outlineStyle !== "none" && parseFloat(css.outlineWidth) > 0;
    return {
      name: el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + Array.from(el.classList, (c) => `.${c}`).join(""),
      inMain: !!el.closest("main"),
      outline: visible ? "" : `outline ${css.outlineStyle} ${css.outlineWidth}`,
      href: el.getAttribute("href") ?? "",
    };
  }, undefined);

before(async () => {
  site = await buildAndServe({ socialImages: false });
  factPath = pickFactPage(site.dir);
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const url = () => new URL(factPath.slice(1), site!.server.url).href;

test("keyboard: the first Tab focuses the skip link, which moves focus to main", async () => {
  await page!.goto(url());
  await page!.keyboard.press("Tab");
  const first = await focused(page!);
  assert.equal(first.name, "a.skip-link", `${factPath}: the first Tab focuses ${first.name}, not the skip link`);
  assert.equal(first.outline, "", `${factPath}: a.skip-link has no visible focus outline (${first.outline})`);
  const box = await page!.locator("a.skip-link").boundingBox();
  assert.ok(box && box.y >= 0 && box.height > 0, `${factPath}: a.skip-link is focused but off screen (${JSON.stringify(box)})`);
  await page!.keyboard.press("Enter");
  const target = await focused(page!);
  assert.equal(target.name, "main#main", `${factPath}: after the skip link, focus is on ${target.name}, not main#main`);
  await page!.keyboard.press("Tab");
  const next = await focused(page!);
  assert.ok(next.inMain, `${factPath}: the Tab after the skip link focuses ${next.name}, outside main`);
});

test("keyboard: Tab reaches every link in main, each with a visible focus outline", async () => {
  await page!.goto(url());
  const expected = await inPage(page!, () =>
    Array.from(document.querySelectorAll("main a[href], main [tabindex='0']"))
      .filter((el) => (el as HTMLElement).checkVisibility())
      .map((el) => el.getAttribute("href") ?? el.tagName.toLowerCase()), undefined);
  const reached: string[] = [];
  const problems: string[] = [];
  for (let i = 0; i < expected.length + 60; i++) {
    await page!.keyboard.press("Tab");
    const f = await focused(page!);
    if (f.name === "body") break;
    if (f.outline) problems.push(`${factPath}  ${f.name}[href="${f.href}"]  [focus-visible]  focused without a visible outline (${f.outline})`);
    if (f.inMain) reached.push(f.href || f.name.split(/[#.]/)[0]!);
  }
  assert.deepEqual(problems, []);
  const missing = expected.filter((h) => !reached.includes(h));
  assert.deepEqual(missing, [], `${factPath}: Tab never reaches these links in main: ${missing.join(", ")}`);
});

test("screen reader: citations read 'Reference N', notes 'Note x', back-links 'Back to text'", async () => {
  await page!.goto(url());
  const cites = await page!.locator("sup.cite a").evaluateAll((els) => els.map((a) => [a.getAttribute("href"), a.getAttribute("aria-label")]));
  assert.ok(cites.length > 0, `${factPath}: no citation links (sup.cite a)`);
  for (const [href, label] of cites) {
    assert.equal(label, `Reference ${href?.replace("#ref-", "")}`, `${factPath}  sup.cite a[href="${href}"]  [label]  is labelled ${JSON.stringify(label)}`);
  }
  // Accessible names as the browser's accessibility rules compute them, not just attributes.
  // Where popover works the link is hidden and a button with the same name opens the
  // preview (previews.ts): each citation is announced once, as one or the other.
  const named = await page!.getByRole("link", { name: /^Reference \d+$/ }).count()
    + await page!.getByRole("button", { name: /^Reference \d+$/ }).count();
  assert.equal(named, cites.length, `${factPath}: not every citation is announced as "Reference N"`);
  const notes = await page!.locator("sup.note-ref a").count();
  assert.ok(notes > 0, `${factPath}: no note links (sup.note-ref a)`);
  assert.equal(await page!.getByRole("link", { name: /^Note [a-z]+$/ }).count(), notes, `${factPath}: not every note link is announced as "Note x"`);
  const backlinks = await page!.locator("[role=doc-backlink]").count();
  assert.ok(backlinks >= cites.length / 2, `${factPath}: only ${backlinks} back-links for ${cites.length} citations`);
  assert.equal(await page!.getByRole("link", { name: /^Back to text/ }).count(), backlinks, `${factPath}: not every [role=doc-backlink] is announced as "Back to text..."`);
});

test("screen reader: each chart has a labelled image and a data table with row and column headers", async () => {
  await page!.goto(url());
  const charts = await inPage(page!, () =>
    Array.from(document.querySelectorAll("figure.chart"), (f) => {
      const island = JSON.parse(f.querySelector("script.chart-data")?.textContent ?? "{}") as { labels?: string[] };
      const canvas = f.querySelector("canvas");
      const table = f.querySelector("table.chart-table");
      return {
        id: f.id,
        name: f.getAttribute("aria-labelledby") ? document.getElementById(f.getAttribute("aria-labelledby")!)?.textContent ?? "" : "",
        canvas: canvas ? `${canvas.getAttribute("role")}|${canvas.getAttribute("aria-label") ?? ""}` : "",
        caption: table?.querySelector("caption")?.textContent ?? "",
        cols: table?.querySelectorAll("thead th[scope=col]").length ?? 0,
        rows: table?.querySelectorAll("tbody th[scope=row]").length ?? 0,
        labels: island.labels?.length ?? -1,
      };
    }), undefined);
  assert.ok(charts.length > 0, `${factPath}: no figure.chart`);
  for (const c of charts) {
    const where = `${factPath}  figure.chart#${c.id}`;
    assert.ok(c.name.trim(), `${where}  [name]  has no title through aria-labelledby`);
    assert.match(c.canvas, /^img\|.+/, `${where} canvas  [role]  needs role="img" and an aria-label (got ${c.canvas})`);
    assert.ok(c.caption.trim(), `${where} table.chart-table  [caption]  is missing or empty`);
    assert.ok(c.cols >= 2, `${where} table.chart-table  [th]  has ${c.cols} column headers`);
    assert.equal(c.rows, c.labels, `${where} table.chart-table  [th]  has ${c.rows} row headers for ${c.labels} data points`);
  }
});

test("screen reader: the headings form an outline (one h1, no skipped levels)", async () => {
  await page!.goto(url());
  assert.deepEqual((await headingOutline(page!)).map((p) => `${factPath}  ${p}`), []);
});

test("print: reference URLs show; site header, nav and footer are hidden; the PDF renders", async () => {
  await page!.goto(url());
  await page!.emulateMedia({ media: "print" });
  const state = await inPage(page!, () => ({
    refUrls: Array.from(document.querySelectorAll(".ref-url"), (el) => getComputedStyle(el).display),
    // Rendered or not: a nav inside a display:none header is hidden too.
    shown: Array.from(document.querySelectorAll("body > header, nav, body > footer, .skip-link"))
      .filter((el) => el.checkVisibility())
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${el.className.split(" ").join(".")}` : ""} (display:${getComputedStyle(el).display})`),
    present: document.querySelectorAll("body > header, nav, body > footer").length,
    tables: Array.from(document.querySelectorAll("table.chart-table"), (t) => (t as HTMLElement).checkVisibility()),
  }), undefined);
  assert.ok(state.refUrls.length > 0, `${factPath}: no .ref-url elements to print`);
  assert.ok(state.refUrls.every((d) => d !== "none"), `${factPath}  .ref-url  [print]  some are display:none in print`);
  assert.ok(state.present >= 3, `${factPath}: expected a site header, nav and footer to test`);
  assert.deepEqual(state.shown, [], `${factPath}  [print]  these should be display:none in print`);
  assert.ok(state.tables.length > 0 && state.tables.every(Boolean), `${factPath}  table.chart-table  [print]  not visible in print`);
  const pdf = await page!.pdf({ format: "A4" });
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-", `${factPath}: page.pdf() did not produce a PDF`);
  assert.ok(pdf.byteLength > 10_000, `${factPath}: the PDF is only ${pdf.byteLength} bytes`);
  await page!.emulateMedia({ media: "screen" });
});
