/**
 * The cheap YAML path (scripts/lib/yaml-fast.ts) against the full parse with positions
 * (parseSafeYamlWithPositions): whenever the cheap path gives data, the full parse accepts
 * the same text with no problem and exactly the same data; hostile YAML is never given
 * data by the cheap path (the full parse then refuses it with the usual located messages).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { stringify } from "yaml";
import { parseFastYaml } from "../scripts/lib/yaml-fast.ts";
import { parseSafeYaml, parseSafeYamlWithPositions, MAX_DEPTH } from "../scripts/lib/yaml-safe.ts";
import { synthesize } from "../scripts/bench/synth.ts";
import { splitFrontMatter } from "../scripts/lib/frontmatter.ts";

const RUNS = { numRuns: 300 };

/** The property: the cheap path gives data only where the full parse agrees exactly. */
function agrees(text: string): boolean {
  const fast = parseFastYaml(text);
  if (fast === undefined) return false;
  const full = parseSafeYamlWithPositions(text);
  assert.deepEqual(full.issues, [], `cheap path accepted what the full parse refuses:\n${text}`);
  assert.deepStrictEqual(fast, full.data, `cheap path and full parse disagree on:\n${text}`);
  return true;
}

// Scalars that probe the core schema's resolution and YAML's quoting rules.
const WORDS = ["a", "word", "two words", "null", "Null", "~", "true", "False", "TRUE", "yes", "no", "0", "007", "-5", "+5", "-.5", "1e3", "1E-2",
  "0x1F", "0o17", "0b1", ".inf", "-.Inf", ".nan", "1_000", "2025-01-01", "12:30", "1.0", "3.14", "-0", "https://example.org/a?b=c#d", "a:b", "a #b",
  "a#b", "a, b", "[x]", "x[y]", "{x}", "it's", 'say "hi"', "back\\slash", "- x", "-x", "? x", ": x", "@x", "`x", "%x", "&a", "*a", "!t", "|", ">",
  "Ünïcødé", "emoji 🎉", "  padded  ", "", "a: b", "x:", "'", '"', "''", "#"];
const scalar = fc.constantFrom(...WORDS);
const key = fc.constantFrom("title", "value", "k-1", "a_b", "x.y", "1", "true", "null", "Title", "k", "__proto__", "constructor", "<<", "a b", "e00001-a");
const quoting = fc.constantFrom("plain", "double", "single");
const quote = (s: string, how: string) => how === "double" ? `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"` : how === "single" ? `'${s.replace(/'/g, "''")}'` : s;

/** A document in (and around the edges of) the subset the cheap path reads. */
const doc = fc.letrec((tie) => ({
  value: fc.oneof(
    { weight: 4, arbitrary: fc.tuple(scalar, quoting).map(([s, q]) => ({ inline: quote(s, q) })) },
    { weight: 1, arbitrary: fc.array(fc.tuple(scalar, quoting), { maxLength: 4 }).map((xs) => ({ inline: `[${xs.map(([s, q]) => quote(s, q)).join(", ")}]` })) },
    { weight: 1, arbitrary: fc.array(fc.tuple(key, scalar, quoting), { maxLength: 3 }).map((xs) => ({ inline: `{ ${xs.map(([k, s, q]) => `${k}: ${quote(s, q)}`).join(", ")} }` })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(">-", ">", "|-", "|"), fc.array(fc.constantFrom("line one", "# not a comment", "", "  deeper", "x: y"), { minLength: 1, maxLength: 4 })).map(([h, ls]) => ({ scalarBlock: [h, ls] as const })) },
    { weight: 1, arbitrary: tie("map") },
    { weight: 1, arbitrary: tie("seq") },
  ),
  map: fc.array(fc.tuple(key, tie("value")), { minLength: 1, maxLength: 4 }).map((entries) => ({ map: entries })),
  seq: fc.array(tie("value"), { minLength: 1, maxLength: 3 }).map((items) => ({ seq: items })),
})).map as fc.Arbitrary<Node>;
type Node = { inline: string } | { scalarBlock: readonly [string, string[]] } | { map: [string, Node][] } | { seq: Node[] };

function render(node: Node, indent: number, asItem = false): string {
  const pad = " ".repeat(indent);
  if ("map" in node) return node.map.map(([k, v], i) => `${i === 0 && asItem ? "" : pad}${k}:${after(v, indent)}`).join("");
  if ("seq" in node) return node.seq.map((v, i) => `${i === 0 && asItem ? "" : pad}-${"map" in v ? ` ${render(v, indent + 2, true)}` : after(v, indent)}`).join("");
  return "";
}
function after(v: Node, indent: number): string {
  if ("inline" in v) return ` ${v.inline}\n`.replace(/^  +\n$/, "\n").replace(/^ \n$/, "\n");
  if ("scalarBlock" in v) return ` ${v.scalarBlock[0]}\n${v.scalarBlock[1].map((l) => (l ? `${" ".repeat(indent + 2)}${l}` : "")).join("\n")}\n`;
  return `\n${render(v, indent + 2)}`;
}

test("the cheap path and the full parse agree on generated documents, and the cheap path reads many of them", () => {
  // Agreement on fresh random documents every run.
  fc.assert(fc.property(doc, (d) => { agrees(render(d, 0)); }), RUNS);
  // Not vacuous: plain documents do take the cheap path. Counted on a fixed sample, since
  // about one random document in ten is plain and a random sample of 300 may fall under it.
  let read = 0, total = 0;
  fc.assert(fc.property(doc, (d) => { total++; if (agrees(render(d, 0))) read++; }), { ...RUNS, seed: 20261203 });
  assert.ok(read > total / 10, `the cheap path read only ${read} of ${total} documents`);
});

test("the cheap path and the full parse agree on documents written by yaml's own stringify", () => {
  const json = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: "small" }, fc.constantFrom(...WORDS), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null),
      fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "b", "c-d", "e_1", "f.g"), tie("v"), { maxKeys: 3 })),
  })).v;
  fc.assert(fc.property(fc.dictionary(fc.constantFrom("title", "x", "y-z"), json, { minKeys: 1 }), fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_FOLDED", "BLOCK_LITERAL"), fc.boolean(),
    (v, defaultStringType, flow) => { agrees(stringify(v, { defaultStringType: defaultStringType as "PLAIN", collectionStyle: flow ? "flow" : "any", lineWidth: 40 })); }), RUNS);
});

test("the cheap path and the full parse agree on arbitrary text mixed from YAML fragments", () => {
  const piece = fc.constantFrom("a", "b: ", "c:", "\n", "\n  ", "\n- ", "- ", ": ", "'", '"', "\\", "[", "]", "{", "}", ", ", "#", " #", "&x ", "*x", "!!str ", "<<: ", "|", ">-", "\t", "---", "1", "~", "__proto__: ", "? ");
  fc.assert(fc.property(fc.array(piece, { maxLength: 25 }), (ps) => { agrees(`k: v\n${ps.join("")}\n`); }), RUNS);
});

/** Hostile constructs, each dropped into an otherwise plain document: the full parse refuses every one. */
const HOSTILE: [string, (s: string) => string][] = [
  ["anchor and alias", (s) => `a: &x ${s}\nb: *x\n`],
  ["billion laughs", () => `a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n`],
  ["explicit tag", (s) => `a: !!str ${s}\n`],
  ["js tag", () => `a: !!js/function "function () { return 1 }"\n`],
  ["custom tag", (s) => `a: !custom ${s}\n`],
  ["verbatim tag", (s) => `a: !<tag:yaml.org,2002:str> ${s}\n`],
  ["merge key", (s) => `base:\n  x: ${s}\nother:\n  <<: {x: 1}\n`],
  ["__proto__", (s) => `__proto__:\n  polluted: ${s}\n`],
  ["nested __proto__", (s) => `a:\n  b:\n    __proto__: ${s}\n`],
  ["constructor", (s) => `constructor:\n  prototype: ${s}\n`],
  ["prototype", (s) => `prototype: ${s}\n`],
  ["duplicate key", (s) => `a: ${s}\nb: 1\na: 2\n`],
  // Maps in maps are refused by their indentation (yaml-safe.ts's depth probe: MAX_DEPTH * 8 columns).
  ["deep block nesting", (s) => `${Array.from({ length: MAX_DEPTH * 4 + 2 }, (_, i) => `${" ".repeat(2 * i)}k${i}:\n`).join("")}${" ".repeat(2 * (MAX_DEPTH * 4 + 2))}leaf: ${s}\n`],
  ["deep flow nesting", () => `a: ${"[".repeat(MAX_DEPTH * 3)}${"]".repeat(MAX_DEPTH * 3)}\n`],
  ["deep list nesting", (s) => `a:\n${Array.from({ length: MAX_DEPTH + 2 }, (_, i) => `${" ".repeat(2 * i + 2)}-\n`).join("")}${" ".repeat(2 * MAX_DEPTH + 6)}- ${s}\n`],
  ["huge scalar over the limit", () => `a: "${"x".repeat(300 * 1024)}"\n`],
  ["control character in a key", (s) => `"a\\u001bb": ${s}\n`],
  ["newline in a key", (s) => `"a\\nb": ${s}\n`],
  ["list as a key", (s) => `? [a, b]\n: ${s}\n`],
];

test("hostile YAML is never given data by the cheap path, and the full parse refuses it", () => {
  const plainScalar = fc.constantFrom("x", "1", "plain text", '"quoted"');
  for (const [name, make] of HOSTILE) {
    fc.assert(fc.property(plainScalar, (s) => {
      const text = make(s);
      assert.equal(parseFastYaml(text), undefined, `${name}: the cheap path gave data for\n${text.slice(0, 300)}`);
      const safe = parseSafeYaml(text);
      assert.ok(safe.issues.length > 0, `${name}: accepted`);
      assert.equal(safe.data, undefined);
    }), { numRuns: 20, includeErrorInReport: true });
  }
});

test("a huge plain scalar within the limit takes the cheap path and reads as the full parse reads it", () => {
  assert.ok(agrees(`a: "${"x".repeat(200 * 1024)}"\nb: ${"y ".repeat(20_000)}z\n`));
});

test("the bench's synthetic entries and the plain sample files take the cheap path", () => {
  const site = synthesize(40);
  let n = 0;
  for (const [path, text] of site.content) {
    const yaml = path.endsWith(".md") ? /^---\n([\s\S]*?\n)---\n/.exec(text)![1]! : text;
    assert.ok(agrees(yaml), `${path} did not take the cheap path`);
    n++;
  }
  assert.ok(n > 40);
  // Folded summaries, escaped quotes and flow lists of the real content/ read cheaply too.
  const real = readFileSync(new URL("../content/facts/rada-ratifies-338-votes.md", import.meta.url), "utf8");
  assert.ok(agrees(/^---\n([\s\S]*?\n)---\n/.exec(real)![1]!));
});

test("positions come from the full parse, on demand, exactly as before", () => {
  const text = "title: T\nfigures:\n  f-1:\n    value: 1\n    unit: count\n";
  const cheap = parseSafeYaml(text);
  const full = parseSafeYamlWithPositions(text);
  assert.deepStrictEqual(cheap.data, full.data);
  for (const path of [["figures", "f-1", "unit"], ["figures", "f-1"], ["title"], ["nope"]]) {
    assert.equal(cheap.offsetOf(path), full.offsetOf(path));
    assert.equal(cheap.offsetOf(path, "key"), full.offsetOf(path, "key"));
  }
  assert.deepEqual(cheap.position(30), full.position(30));
  // Through the front-matter split, which the loader uses: same data, same located body.
  const split = splitFrontMatter(`---\n${text}---\nBody\n`);
  assert.deepStrictEqual(split.yaml!.data, full.data);
  assert.equal(split.bodyLine, 8);
});
