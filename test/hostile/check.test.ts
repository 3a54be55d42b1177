/**
 * The real `npm run check` on a copy of the sample site with every hostile file added
 * at once: the checker reports every problem in one run, so each case is one located
 * line in that run's output, and nothing else may appear.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { ACCEPTED, BODY_ERRORS, LOG_INJECTION, REJECTED, expectedLines, type Case } from "./cases.ts";
import { canaries, clearCanaries, locatedProblems, makeSite, removeSite, runCli, snapshot, type Run } from "./workspace.ts";

const errors = (run: Run) => locatedProblems(run.stderr).filter((l) => l.includes("  error  ")).sort();
const ownLines = (run: Run, c: Case) => errors(run).filter((l) => l.startsWith(`content/${c.to}:`));
/** How a name with control characters is printed: escaped, on one line. */
const escaped = (path: string) => path.replace(/[\u0000-\u001f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

function checkRun(cases: Case[]) {
  const state = { root: "", run: { code: null, stdout: "", stderr: "" } as Run, before: new Map<string, string>(), after: new Map<string, string>() };
  before(async () => {
    clearCanaries();
    state.root = makeSite(cases);
    state.before = snapshot(state.root);
    state.run = await runCli(state.root, "check");
    state.after = snapshot(state.root);
  });
  after(() => removeSite(state.root));
  return state;
}

describe("npm run check refuses hostile files, each with its own located message", () => {
  const s = checkRun([...REJECTED, ...LOG_INJECTION]);

  it("exits 1", () => assert.equal(s.run.code, 1, s.run.stderr.slice(-2000)));

  for (const c of REJECTED) {
    it(`content/${c.to}: ${c.expect.join(", ") || "accepted"}`, () => {
      assert.deepEqual(ownLines(s.run, c), expectedLines([c]));
    });
  }

  it("reports nothing else: the sample site itself is clean", () => {
    assert.deepEqual(errors(s.run), [...expectedLines(REJECTED), ...expectedLines(LOG_INJECTION, (c) => escaped(`content/${c.to}`))].sort());
  });

  it("prints names and keys with control characters escaped, so no output line is a CI command", () => {
    const printed = expectedLines(LOG_INJECTION, (c) => escaped(`content/${c.to}`));
    assert.deepEqual(errors(s.run).filter((l) => printed.includes(l)), printed);
    const lines = (s.run.stdout + s.run.stderr).split("\n");
    assert.deepEqual(lines.filter((l) => l.trimStart().startsWith("::")), []);
    assert.deepEqual(lines.filter((l) => /[\u0000-\u0008\u000b-\u001f\u007f]/.test(l)), []);
  });

  it("never reads through a link: nothing from /etc/passwd is printed", () => {
    assert.doesNotMatch(s.run.stdout + s.run.stderr, /root:.*:0:0:/);
  });

  it("runs nothing from content: no exploit left its canary file", () => {
    assert.deepEqual(canaries(), []);
  });

  it("writes nothing", () => {
    assert.deepEqual([...s.after], [...s.before]);
  });
});

describe("npm run check reports body problems at their file line, CRLF and BOM files alike", () => {
  const s = checkRun(BODY_ERRORS);

  it("exits 1", () => assert.equal(s.run.code, 1, s.run.stderr.slice(-2000)));

  for (const c of BODY_ERRORS) {
    it(`content/${c.to}: ${c.expect.join(", ")}`, () => {
      assert.deepEqual(ownLines(s.run, c), expectedLines([c]));
    });
  }

  it("reports nothing else", () => assert.deepEqual(errors(s.run), expectedLines(BODY_ERRORS)));

  it("quotes ids with terminal escapes escaped", () => {
    assert.doesNotMatch(s.run.stderr, /\u001b/);
    assert.match(s.run.stderr, /figure "\\u001b\[2J\\u001b\[31mred" is not defined/);
  });
});

describe("npm run check accepts the hostile content that is allowed", () => {
  const s = checkRun(ACCEPTED);
  it("exits 0 with no errors", () => {
    assert.equal(s.run.code, 0, s.run.stderr.slice(-2000));
    assert.deepEqual(errors(s.run), []);
  });
});
