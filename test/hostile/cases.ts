/**
 * Every hostile case: which fixture, where it goes in content/, and what must happen.
 * `expect` lists the located problems the checker must print for that file, as
 * "line:column [rule]"; an empty list means the file is accepted. Adding a case is
 * adding a fixture and a line here.
 */
import type { Placement } from "./workspace.ts";

// These suites test what the loader and renderer do with hostile input by themselves:
// editorial checks (raw HTML or template braces shown as text, no source cited...) are
// warnings here, so such content is built and proven inert. Their errors are tested in
// test/fixtures/checker/. Child processes inherit the setting.
process.env.FACTSHEET_LINT = "warn";

export interface Case extends Placement { expect: string[] }

const fact = (name: string, ...expect: string[]): Case => ({ fixture: `rejected/${name}.md`, to: `facts/${name}.md`, expect });
const file = (fixture: string, to: string, ...expect: string[]): Case => ({ fixture: `rejected/${fixture}`, to, expect });

/** Refused while loading: one `check` run reports them all, each at its own place. */
export const REJECTED: Case[] = [
  // Front matter engines: only a plain --- line opens (YAML) front matter.
  ...["js", "javascript", "js-upper", "js-spaced", "js-after-bom", "node", "json", "toml"].map((e) => fact(`fm-engine-${e}`, "1:4 [front-matter-engine]")),
  // Keys Eleventy would obey.
  ...["permalink", "layout", "template-engine-override", "eleventy-computed", "pagination", "exclude-from-collections"].map((k) => fact(`fm-key-${k}`, "7:1 [unknown-key]")),
  // Prototype pollution and YAML beyond plain data.
  fact("fm-proto", "7:1 [forbidden-key]"),
  fact("fm-proto-nested", "9:5 [forbidden-key]"),
  fact("fm-constructor-prototype", "7:1 [forbidden-key]", "8:3 [forbidden-key]"),
  fact("fm-merge-key", "7:1 [yaml-merge]"),
  fact("fm-alias", "7:14 [yaml-alias]", "10:12 [yaml-alias]"),
  fact("fm-billion-laughs", "3:7 [yaml-alias]", "4:8 [yaml-alias]"),
  fact("fm-tag-js-function", "6:11 [yaml-tag]"),
  fact("fm-tag-binary", "7:10 [yaml-tag]"),
  fact("fm-tag-custom", "7:9 [yaml-tag]"),
  fact("fm-tag-verbatim", "7:9 [yaml-tag]"),
  fact("fm-complex-key", "7:3 [bad-key]"),
  fact("fm-duplicate-key", "7:1 [duplicate-key]"),
  fact("fm-deep-flow", "7:49 [yaml-depth]"),
  fact("fm-deep-map", "7:169 [yaml-depth]"),
  fact("fm-deep-block", "8:161 [yaml-depth]"),
  // Files that are not text, not whole, or too big.
  fact("fm-twenty-megabytes", "1:1 [file-too-large]"),
  fact("fm-unclosed", "1:1 [front-matter-unclosed]"),
  fact("fm-missing", "1:1 [front-matter-missing]"),
  fact("empty", "1:1 [empty-file]"),
  fact("fm-nul-byte", "8:13 [binary-content]"),
  fact("fm-lone-surrogate", "1:1 [encoding]"),
  // Values.
  ...["nan", "inf", "1e999", "number-as-string", "number-in-words", "date-unit-number"].map((v) => fact(`val-${v}`, "10:12 [invalid-value]")),
  fact("val-unknown-unit", "11:11 [invalid-value]"),
  fact("val-impossible-date", "4:7 [bad-date]"),
  fact("val-date-with-time", "4:7 [bad-date]"),
  ...["dotdot", "uppercase", "space", "lookalike"].map((v) => fact(`val-id-${v}`, "8:3 [bad-id]")),
  fact("val-id-proto", "8:3 [forbidden-key]"),
  fact("val-topic-dotdot", "6:10 [invalid-value]"),
  fact("val-status-proto", "5:9 [invalid-value]"),
  fact("val-control-character", "2:8 [invalid-value]"),
  fact("val-escaped-lone-surrogate", "2:8 [invalid-value]"),
  // Bidi and invisible characters in a body: one error per line, at the first one.
  fact("body-invisible", "8:20 [invisible-character]", "9:20 [invisible-character]", "10:10 [invisible-character]"),
  // Names: slugs only, so two files can never differ only in case or look alike.
  file("filename-case-original.md", "facts/case-clash.md"),
  file("filename-case-twin.md", "facts/Case-Clash.md", "1:1 [bad-filename]"),
  file("filename-lookalike.md", "facts/lookalike-f\u0430ct.md", "1:1 [bad-filename]"),
  file("filename-space.md", "facts/space in name.md", "1:1 [bad-filename]"),
  // Code and template files: never read, never run.
  file("evil.11tydata.js", "facts/facts.11tydata.js", "1:1 [code-file]"),
  file("evil.11tydata.json", "pages/pages.11tydata.json", "1:1 [code-file]"),
  file("evil.js", "facts/evil.js", "1:1 [code-file]"),
  file("evil.cjs", "evil.cjs", "1:1 [code-file]"),
  file("evil.mjs", "people/evil.mjs", "1:1 [code-file]"),
  file("evil-config.js", ".eleventy.js", "1:1 [code-file]"),
  file("eleventy-dir-data.json", "facts/facts.json", "1:1 [unexpected-file]"),
  file("evil.njk", "facts/evil.njk", "1:1 [unexpected-file]"),
  file("evil.liquid", "pages/evil.liquid", "1:1 [unexpected-file]"),
  // Links: refused whatever they point at, never followed.
  { to: "facts/passwd.md", symlink: "/etc/passwd", expect: ["1:1 [symlink]"] },
  { to: "people/etc", symlink: "/etc", expect: ["1:1 [symlink]"] },
  { to: "facts/inside.md", symlink: "../pages/about.md", expect: ["1:1 [symlink]"] },
];

/**
 * Content that would forge lines in CI logs (GitHub reads "::error ...::" lines as
 * commands): names and keys with newlines. The printed path is escaped, so `expect`
 * for these is matched against the escaped path.
 */
export const LOG_INJECTION: Case[] = [
  { fixture: "rejected/filename-newline.md", to: "facts/x\n::error file=README.md,line=1::forged.md", expect: ["1:1 [bad-filename]"] },
  fact("fm-key-newline", "7:1 [bad-key]"),
];

/** Refused while rendering bodies, which only happens once every file loads. */
export const BODY_ERRORS: Case[] = [
  ["unknown-figure", "8:14 [unknown-figure]"],
  ["figure-constructor", "8:12 [unknown-figure]"],
  ["unknown-chart", "10:1 [unknown-chart]"],
  ["unknown-shortcode", "8:5 [unknown-shortcode]"],
  ["chart-inline", "8:5 [chart-placement]"],
  ["cite-constructor", "8:8 [unknown-source]"],
  ["shortcode-control-characters", "8:5 [unknown-figure]"],
].map(([name, expect]) => ({ fixture: `body/body-${name}.md`, to: `facts/body-${name}.md`, expect: [expect!] }));
// Inline notes (^[...]) are not in the contract: each one is an error, found in one scan.
BODY_ERRORS.push({ fixture: "body/body-inline-notes.md", to: "facts/body-inline-notes.md", expect: ["8:15 [inline-note]", "10:15 [inline-note]", "10:30 [inline-note]"] });
// CRLF and BOM files are read exactly like LF files: same problems, same places.
BODY_ERRORS.push(
  { fixture: "body/body-unknown-figure.md", to: "facts/body-unknown-figure-crlf.md", eol: "crlf", expect: ["8:14 [unknown-figure]"] },
  { fixture: "body/body-unknown-figure-bom.md", to: "facts/body-unknown-figure-bom.md", expect: ["8:14 [unknown-figure]"] },
);

const accepted = (name: string, to = `facts/${name}.md`, extra: Partial<Case> = {}): Case => ({ fixture: `accepted/${name}.md`, to, expect: [], ...extra });

/** Accepted, and built: the output must be inert and say exactly what the content says. */
export const ACCEPTED: Case[] = [
  accepted("acc-contexts"),
  { fixture: "accepted/acc-contexts-source.yaml", to: "sources.yaml", append: true, expect: [] },
  { fixture: "accepted/acc-contexts-topic.yaml", to: "topics.yaml", append: true, expect: [] },
  accepted("acc-contexts-person", "people/hostile-person.md"),
  accepted("acc-contexts-page", "pages/hostile-page.md"),
  accepted("acc-template-syntax"),
  accepted("acc-raw-html"),
  accepted("acc-javascript-links"),
  accepted("acc-other-schemes"),
  accepted("acc-headings"),
  accepted("acc-footnotes"),
  // Content ids that equal generated ids with the old single-hyphen namespace.
  accepted("acc-id-collisions"),
  accepted("acc-patho-asterisks"),
  accepted("acc-patho-brackets"),
  accepted("acc-patho-citations"),
  accepted("acc-patho-nesting"),
  accepted("acc-bom"),
  accepted("acc-crlf", "facts/acc-crlf.md", { eol: "crlf" }),
];

/** `content/<to>:<line>:<col>  error  [rule]`, as the checker prints it. */
export function expectedLines(cases: Case[], path: (c: Case) => string = (c) => `content/${c.to}`): string[] {
  return cases.flatMap((c) => c.expect.map((e) => {
    const [pos, rule] = e.split(" ");
    return `${path(c)}:${pos}  error  ${rule}`;
  })).sort();
}

/** The payload in every string of the acc-contexts fixtures (YAML escapes decoded). */
export const PAYLOAD = `</script><script>window.__pwned=1</script> <!--<script> "q" 'a' & {{ 7*7 }} \u2028 \u2029`;
/** The value of a hostile field: "Title <payload> end". */
export const hostile = (field: string) => `${field} ${PAYLOAD} end`;
