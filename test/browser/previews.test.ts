/**
 * Citation and figure previews (issue 17, item 1) in headless Chromium, with JavaScript
 * off and on, at 390 and 1280 px: a tap or click on a `[n]` or an inline figure opens its
 * box with the source, the quoted words as a text-fragment link and the full reference;
 * keyboard, one open at a time, accessible names, 24 px targets that keep the line's
 * height, geometry on a phone, dark mode under axe, key figures and the figures table,
 * and print. What a box should say comes from the site's own data files.
 *
 * Built so it cannot hang: one build and one browser for the file, every wait bounded
 * (preview-page.ts), every test bounded, each context closed in `finally`, and no polling: a popover
 * opens synchronously in the click, so its state is read straight after the action.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { parse as parseYaml } from "yaml";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, inPage, runAxe } from "../support/browser.ts";
import { buildAndServe, type BuiltSite } from "../support/site.ts";
import { pickFact, openPage, quotedControl as quotedControlOf, press, type Mode } from "../support/preview-page.ts";
import { siteData, shown, citationProblems, figureProblems, colours } from "../support/previews.ts";
import { targetProblems, lineBoxProblems, coversLine } from "../support/preview-geometry.ts";

const BOUND = { timeout: 300_000 };
const MODES = [390, 1280].flatMap((width) => [false, true].map((js) => ({ width, js, name: `${width} px, JavaScript ${js ? "on" : "off"}` })));
let site: BuiltSite | undefined;
let browser: Browser | undefined;
let data: ReturnType<typeof siteData>;
let FACT = "";

before(async () => {
  site = await buildAndServe({ socialImages: false });
  browser = await launchBrowser();
  data = siteData(site.dir);
  FACT = pickFact(site.dir);
}, { timeout: 600_000 });
after(async () => {
  await browser?.close();
  await site?.close();
});

const withPage = (path: string, mode: Mode, fn: (page: Page) => Promise<void>) => openPage(browser!, new URL(path, site!.server.url).href, mode, fn);
const quotedControl = (page: Page, selector: string) => quotedControlOf(page, selector, FACT);
const sourceOfRef = (page: Page, n: string) =>
  page.locator(`#ref-${n} a.ref-all`).getAttribute("href").then((h) => h!.replace(/^.*#src-/, ""));

for (const mode of MODES) {
  test(`${mode.name}: a [n] and an inline figure open their previews, one at a time, clear of the line they explain`, BOUND, async () => {
    await withPage(FACT, mode, async (page) => {
      const cite = await quotedControl(page, "sup.cite .pv-b");
      const fig = await quotedControl(page, ".pv-b.fig");
      const n = cite.id.replace("pv-ref-", "");
      const sourceId = await sourceOfRef(page, n);
      for (const block of ["top", "middle", "bottom"] as const) {
        await inPage(page, ([id, block]) => {
          const b = document.querySelector(`[popovertarget="${id}"]`)!.getBoundingClientRect();
          const want = block === "top" ? 120 : block === "middle" ? innerHeight / 2 : innerHeight - 60;
          window.scrollBy(0, b.top - want);
        }, [cite.id, block]);
        await press(page, cite.control);
        const got = await shown(page, cite.id);
        assert.ok(got.open, `${block}: the [${n}] box did not open`);
        assert.deepEqual(citationProblems(data, got, sourceId, n), [], `[${n}] box`);
        assert.deepEqual(await coversLine(page, cite.control, got.rect), [], `${block} of the screen`);
        await page.keyboard.press("Escape");
        assert.equal((await shown(page, cite.id)).open, false, "Escape did not close the box");
      }
      // One open at a time: the figure's box replaces the citation's.
      await press(page, cite.control);
      await press(page, fig.control);
      const got = await shown(page, fig.id);
      assert.ok(got.open, "the figure's box did not open");
      assert.equal(got.openCount, 1, "two boxes are open at once");
      assert.deepEqual(figureProblems(data, got, fig.id.replace("pv-fig-", ""), (h) => /^#ref-\d+$/.test(h)), [], `${fig.id} box`);
      assert.deepEqual(await coversLine(page, fig.control, got.rect), [], "figure box");
      // The full reference is one more tap away.
      await press(page, cite.control);
      await page.locator(`#${cite.id} .pv-more a`).click();
      assert.equal(new URL(page.url()).hash, `#ref-${n}`);
      assert.ok(await page.locator(`#ref-${n}`).isVisible(), "the reference is not on screen");
    });
  });

  test(`${mode.name}: keyboard: Tab reaches the [n], Enter and Space open it, Escape closes it and focus returns`, BOUND, async () => {
    await withPage(FACT, mode, async (page) => {
      const { control, id } = await quotedControl(page, "sup.cite .pv-b");
      await control.evaluate((b) => b.setAttribute("data-under-test", ""));
      let tabs = 0;
      while (!(await page.evaluate(() => document.activeElement?.hasAttribute("data-under-test"))) && tabs < 200) {
        await page.keyboard.press("Tab");
        tabs++;
      }
      assert.ok(tabs < 200, "Tab never reaches the citation's control");
      await page.keyboard.press("Enter");
      assert.ok((await shown(page, id)).open, "Enter did not open the box");
      await page.keyboard.press("Tab");
      assert.ok(await page.evaluate((id) => document.getElementById(id)!.contains(document.activeElement), id), "Tab after opening does not move into the box");
      await page.keyboard.press("Escape");
      assert.equal((await shown(page, id)).open, false, "Escape did not close the box");
      assert.ok(await page.evaluate(() => document.activeElement?.hasAttribute("data-under-test")), "focus did not return to the control");
      await page.keyboard.press("Space");
      assert.ok((await shown(page, id)).open, "Space did not open the box");
      await page.keyboard.press("Escape");
      assert.ok(await page.evaluate(() => document.activeElement?.hasAttribute("data-under-test")), "focus left the control");
    });
  });
}

test("any [n] or inline figure on the fact page opens its own box, alone, with quote links at the source and a reference on the page", BOUND, async () => {
  for (const mode of [{ width: 390, js: false }, { width: 1280, js: true }]) {
    await withPage(FACT, mode, async (page) => {
      const controls = page.locator("main .pv-b");
      const count = await controls.count();
      assert.ok(count > 2, `/${FACT}: only ${count} controls`);
      for (let i = 0; i < count; i++) {
        const control = controls.nth(i);
        if (!(await control.isVisible())) continue;
        const id = (await control.getAttribute("popovertarget"))!;
        await press(page, control);
        const got = await shown(page, id);
        const where = `${mode.width} px, control ${i + 1} (${id})`;
        assert.ok(got.open && got.openCount === 1, `${where}: open ${got.open}, ${got.openCount} boxes open`);
        for (const q of got.quotes) if (q.href) assert.match(q.href, /^https?:\/\/[^#]+#:~:text=./, `${where}: quote link`);
        const refs = got.more.filter((m) => /^#ref-\d+$/.test(m.href));
        assert.equal(refs.length, 1, `${where}: links ${JSON.stringify(got.more)}`);
        assert.equal(await page.locator(refs[0]!.href).count(), 1, `${where}: ${refs[0]!.href} is not on the page`);
        await page.keyboard.press("Escape");
      }
    });
  }
});

test("every control has a name that holds its visible words and says what it opens; every box is named", BOUND, async () => {
  for (const path of [FACT, "", "figures/"]) {
    await withPage(path, { width: 1280, js: false }, async (page) => {
      const controls = page.locator(".pv-b");
      let checked = 0;
      for (let i = 0; i < await controls.count(); i++) {
        const c = controls.nth(i);
        if (!(await c.isVisible())) continue;
        checked++;
        // The name as Chromium's accessibility tree computes it: `- button "name": text`, in YAML.
        const node = (parseYaml(await c.ariaSnapshot()) as Record<string, unknown>[])[0] ?? {};
        const name = JSON.parse(/^button ("(?:[^"\\]|\\.)*")$/.exec(Object.keys(node)[0] ?? "")?.[1] ?? '""') as string;
        const [visible, target] = [(await c.innerText()).trim(), (await c.getAttribute("popovertarget"))!];
        const where = `/${path} control ${i + 1} ("${visible}", ${target})`;
        // WCAG 2.5.3: the name holds the visible words; a figure's starts with them, as previews.ts claims.
        assert.ok(name.includes(visible), `${where}: name "${name}" does not hold its visible words`);
        if (target.startsWith("pv-ref-")) assert.match(name, new RegExp(`^Reference ${target.slice(7)}(, .+)?$`), where);
        else if (target.startsWith("pv-fig-")) {
          assert.ok(name.startsWith(visible), `${where}: name "${name}" does not start with its visible words`);
          assert.ok(name.includes(data.figures.get(target.slice(7))!.label), `${where}: name "${name}" does not name the figure`);
        }
        else assert.match(name, /^Source: .+/, where);
      }
      assert.ok(checked > 0, `/${path}: no visible preview controls`);
      const unnamed = await inPage(page, () => Array.from(document.querySelectorAll(".pv-pop"))
        .filter((p) => p.getAttribute("role") !== "dialog" || !/^(Source|Figure): \S/.test(p.getAttribute("aria-label") ?? "")).map((p) => p.id), undefined);
      assert.deepEqual(unnamed, [], `/${path}: boxes without a role and a name`);
    });
  }
});

for (const width of [390, 1280]) {
  test(`${width} px: every control is a 24 x 24 px target of its own, and the lines holding them keep their height`, BOUND, async () => {
    for (const path of [FACT, "", "figures/"]) {
      await withPage(path, { width, js: true }, async (page) => {
        assert.deepEqual(await targetProblems(page), [], `/${path}`);
        assert.deepEqual(await lineBoxProblems(page), [], `/${path}`);
      });
    }
  });
}

test("dark mode: an open preview passes axe (contrast included), is drawn dark, and looks the same without script", BOUND, async () => {
  for (const width of [390, 1280]) {
    const seen = new Map<string, string[]>();
    // axe needs script in the page, so it runs with script on; with script off the same boxes
    // must carry exactly the colours axe passed.
    for (const js of [true, false]) {
      await withPage(FACT, { width, js, scheme: "dark" }, async (page) => {
        for (const selector of ["sup.cite .pv-b", ".pv-b.fig"]) {
          const { control, id } = await quotedControl(page, selector);
          await press(page, control);
          assert.ok((await shown(page, id)).open, `${id} did not open`);
          const bg = await page.locator(`#${id}`).evaluate((e) => getComputedStyle(e).backgroundColor);
          const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
          assert.ok(r! + g! + b! < 3 * 80, `${width} px: the open box is not dark (${bg})`);
          if (js) {
            assert.deepEqual(await runAxe(page), [], `${width} px, dark, ${id} open`);
            seen.set(id, await colours(page, id));
          } else assert.deepEqual(await colours(page, id), seen.get(id), `${width} px: ${id} without script`);
          await page.keyboard.press("Escape");
        }
      });
    }
  }
});

test("key-figure cards and the figures table open their figure's preview", BOUND, async () => {
  for (const [path, selector] of [["", ".key-figure .pv-b"], ["figures/", ".figures-table .pv-b"]] as const) {
    for (const mode of [{ width: 390, js: false }, { width: 1280, js: true }]) {
      await withPage(path, mode, async (page) => {
        const controls = page.locator(selector);
        const count = await controls.count();
        assert.ok(count > 0, `/${path}: no ${selector}`);
        for (const i of new Set([0, count - 1])) {
          const control = controls.nth(i);
          await control.scrollIntoViewIfNeeded();
          const id = (await control.getAttribute("popovertarget"))!;
          await press(page, control);
          const got = await shown(page, id);
          assert.ok(got.open, `/${path} ${mode.width} px: ${id} did not open`);
          const f = data.figures.get(id.replace("pv-fig-", ""))!;
          assert.deepEqual(figureProblems(data, got, f.id, (h) => h.endsWith(`/sources/#src-${f.source.id}`)), [], `/${path} ${id}`);
          assert.deepEqual(await coversLine(page, control, got.rect), [], `/${path} ${id}`);
          await page.keyboard.press("Escape");
        }
      });
    }
  }
});

test("print: no preview box prints, open or not, and each control prints as its plain reference link", BOUND, async () => {
  await withPage(FACT, { width: 1280, js: true }, async (page) => {
    const { control, id } = await quotedControl(page, ".pv-b.fig");
    await press(page, control);
    assert.ok((await shown(page, id)).open);
    await page.emulateMedia({ media: "print" });
    const r = await inPage(page, () => ({
      boxes: Array.from(document.querySelectorAll("[popover]")).filter((p) => (p as HTMLElement).checkVisibility()).map((p) => p.id),
      buttons: Array.from(document.querySelectorAll(".pv-b")).filter((b) => (b as HTMLElement).checkVisibility()).length,
      links: Array.from(document.querySelectorAll(".pv-a")).filter((a) => !(a as HTMLElement).checkVisibility() || getComputedStyle(a).display !== "inline").length,
      total: document.querySelectorAll(".pv-a").length,
    }), undefined);
    assert.deepEqual(r.boxes, [], "preview boxes print");
    assert.equal(r.buttons, 0, "preview buttons print");
    assert.ok(r.total > 0);
    assert.equal(r.links, 0, `${r.links} of ${r.total} reference links do not print in line`);
  });
});
