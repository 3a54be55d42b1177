/**
 * The loader in-process, on every hostile fixture: it never throws, every problem is
 * located, the located problems are the ones the CLI prints, nothing runs, and no
 * prototype changes. Data files (sources.yaml, topics.yaml, site.yaml) are checked
 * here only: breaking one breaks every fact that cites it, which would bury the CLI
 * output in consequences.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { loadContent, type ContentFile } from "../../scripts/lib/loader.ts";
import { loadSite } from "../../scripts/io/load.ts";
import { readContent } from "../../scripts/io/read-content.ts";
import { formatProblem, type Problem } from "../../scripts/lib/problem.ts";
import { ACCEPTED, BODY_ERRORS, REJECTED, expectedLines, type Case } from "./cases.ts";
import { fixtureText } from "./fixture.ts";
import { canaries, clearCanaries, makeSite, removeSite } from "./workspace.ts";

/** Rules that only the file reader can report: the loader never sees these files' text. */
const READER_RULES = /\[(symlink|code-file|unexpected-file|encoding)\]/;
const errorLines = (problems: Problem[], path: string) =>
  problems.filter((p) => p.severity === "error" && p.file === path).map((p) => formatProblem(p).replace(/(\])  .*$/, "$1")).sort();

/** Appended to a data file: `expect` lines count from the fragment's first line. */
const DATA_FILES: (Case & { line: number; rule: string })[] = [
  { fixture: "rejected/sources-proto.yaml", to: "sources.yaml", append: true, expect: [], line: 3, rule: "[forbidden-key]" },
  { fixture: "rejected/sources-alias.yaml", to: "sources.yaml", append: true, expect: [], line: 3, rule: "[yaml-alias]" },
  { fixture: "rejected/topics-constructor.yaml", to: "topics.yaml", append: true, expect: [], line: 3, rule: "[forbidden-key]" },
  { fixture: "rejected/site-merge.yaml", to: "site.yaml", append: true, expect: [], line: 3, rule: "[yaml-merge]" },
];

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe("loadContent on hostile files, in-process", () => {
  const base = new Map<string, string>();
  const names = prototypeNames();
  let root = "";
  before(() => {
    clearCanaries();
    root = makeSite();
    for (const f of readContent(root).files) base.set(f.path, f.text);
  });
  after(() => removeSite(root));

  // The three data files are enough context for one fixture (problems elsewhere are ignored).
  const load = (c: Case, text: string) => {
    const path = `content/${c.to}`;
    const files = new Map([...base].filter(([p]) => p.endsWith(".yaml")));
    files.set(path, c.append ? (base.get(path) ?? "") + text : text);
    return loadContent([...files].map(([p, t]): ContentFile => ({ path: p, text: t })));
  };

  // Accepted files refer to each other (a source, a topic, a person): they load together, below.
  for (const c of [...REJECTED, ...BODY_ERRORS]) {
    const text = c.fixture && fixtureText(c.fixture, c.eol);
    if (text === undefined || c.expect.some((e) => READER_RULES.test(e))) continue;
    it(`content/${c.to} (${c.fixture})`, () => {
      const { problems } = load(c, text);
      for (const p of problems) {
        assert.ok(p.line >= 1 && p.column >= 1 && p.rule.length > 0 && p.file.length > 0, `not located: ${JSON.stringify(p)}`);
      }
      // Body problems appear only when bodies are rendered (below), not in loadContent.
      const expected = BODY_ERRORS.includes(c) ? [] : expectedLines([c]);
      assert.deepEqual(errorLines(problems, `content/${c.to}`), expected);
    });
  }

  for (const c of DATA_FILES) {
    it(`content/${c.to} with ${c.fixture} appended: ${c.rule}`, () => {
      const baseLines = (base.get(`content/${c.to}`) ?? "").split("\n").length - 1;
      const { problems } = load(c, fixtureText(c.fixture!)!);
      const lines = errorLines(problems, `content/${c.to}`);
      assert.ok(lines.length > 0 && lines.every((l) => l.endsWith(c.rule)), lines.join("\n"));
      assert.match(lines[0]!, new RegExp(`^content/${c.to}:${baseLines + c.line}:\\d+  error`));
    });
  }

  it("loads and renders every accepted hostile file without an error", () => {
    const site = makeSite(ACCEPTED);
    try {
      const { view, problems } = loadSite(site, { git: false });
      assert.deepEqual(problems.filter((p) => p.severity === "error").map(formatProblem), []);
      assert.ok(view && view.facts.some((f) => f.slug === "acc-contexts"));
    } finally {
      removeSite(site);
    }
  });

  it("renders every body-problem file and locates its problem", () => {
    const site = makeSite(BODY_ERRORS);
    try {
      const { problems } = loadSite(site, { git: false });
      const lines = problems.filter((p) => p.severity === "error").map((p) => formatProblem(p).replace(/(\])  .*$/, "$1")).sort();
      assert.deepEqual(lines, expectedLines(BODY_ERRORS));
    } finally {
      removeSite(site);
    }
  });

  it("leaves Object.prototype as it was", () => {
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(prototypeNames(), names);
  });

  it("runs nothing from content: no exploit left its canary file", () => {
    assert.deepEqual(canaries(), []);
  });
});
