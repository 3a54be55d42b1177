/**
 * No crash without a location (SECURITY.md): values the code relies on later are
 * refused at the schema with a located error, never met first by a later step that
 * throws. Each table row is a payload and the located line it must produce.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtureFiles, loadWith, fact } from "./support/content.ts";
import { displayUrl } from "../scripts/lib/html.ts";

const site = fixtureFiles().get("content/site.yaml")!;
const withSite = (key: string, value: string) => site.replace(new RegExp(`^${key}: .*$`, "m"), `${key}: ${value}`);
const long = "a".repeat(101);

// [name, overrides, expected error line prefix (file:line:col  error  [rule])]
const CASES: [string, Record<string, string>, string][] = [
  // URLs the schema's pattern once accepted and new URL() rejects.
  ["a url with an unclosed IPv6 host", { "content/site.yaml": withSite("url", '"https://["') }, "content/site.yaml:3:6  error  [invalid-value]  \"url\" is not a valid URL"],
  ["a url with a port over 65535", { "content/site.yaml": withSite("url", "https://example.org:99999/") }, "content/site.yaml:3:6  error  [invalid-value]  \"url\" is not a valid URL"],
  ["a url with a bad %-escape in the host", { "content/site.yaml": withSite("url", "https://exa%zzmple.org/") }, "content/site.yaml:3:6  error  [invalid-value]  \"url\" is not a valid URL"],
  ["a repository url with user info behind look-alike slashes", { "content/site.yaml": withSite("repository", "https://github.com∕example∕x@evil.example/") }, "content/site.yaml:4:13  error  [invalid-value]  \"repository\" must not contain a user name or password before \"@\" (this one would go to evil.example)"],
  ["a url with a backslash", { "content/site.yaml": withSite("url", "https://evil.example\\\\@example.org/") }, "content/site.yaml:3:6  error  [invalid-value]  \"url\" must not contain a backslash"],
  ["a url with a right-to-left override", { "content/site.yaml": withSite("url", '"https://example.org/\u202egpj.exe"') }, "content/site.yaml:3:6  error  [invalid-value]  \"url\" must not contain invisible"],
  // Length caps: ids, slugs, language tags.
  ["a language tag of 200 characters", { "content/site.yaml": withSite("language", `en-${"abcdefgh-".repeat(22)}x1`) }, "content/site.yaml:5:11  error  [invalid-value]  \"language\" must be a language tag like en or en-GB (at most 35 characters)"],
  ["a topic id of 101 characters", { "content/topics.yaml": `${long}:\n  title: T\n  description: D\n` + fixtureFiles().get("content/topics.yaml")! }, `content/topics.yaml:1:1  error  [bad-id]  id "${"a".repeat(40)}…" is 101 characters long; ids are at most 100`],
  ["a figure id of 101 characters", { "content/facts/long.md": fact(`figures:\n  ${long}:\n    label: L\n    value: 1\n    unit: count\n    source: politico-2025-02-15\n`) }, "content/facts/long.md:8:3  error  [bad-id]"],
  ["a file name of 101 characters", { [`content/facts/${long}.md`]: fact("") }, `content/facts/${long}.md:1:1  error  [bad-filename]  file name "${"a".repeat(40)}….md" is 101 characters long; the limit is 100`],
  // Lists that would put one element on a page twice.
  ["a chart listed twice in headline_charts", { "content/site.yaml": withSite("headline_charts", "[ownership-split, ownership-split]") }, "content/site.yaml:9:36  error  [invalid-value]  \"headline_charts.1\" lists \"ownership-split\" a second time"],
  ["a figure listed twice in key_figures", { "content/site.yaml": withSite("key_figures", "[us-ownership-proposed, us-ownership-proposed]") }, "content/site.yaml:8:38  error  [invalid-value]  \"key_figures.1\" lists \"us-ownership-proposed\" a second time"],
  // Invisible and text-direction characters, in any text field and in bodies.
  ["a title with a right-to-left override", { "content/facts/bidi.md": fact("").replace("title: A fact", "title: \"A \u202efact\"") }, "content/facts/bidi.md:2:8  error  [invalid-value]  \"title\" must not contain invisible"],
  ["a source publisher with a zero-width space", { "content/sources.yaml": fixtureFiles().get("content/sources.yaml")!.replace(/publisher: .*/, "publisher: \"Polit\u200bico\"") }, "content/sources.yaml:3:14  error  [invalid-value]  \"politico-2025-02-15.publisher\" must not contain invisible"],
  ["a body with a bidi isolate", { "content/facts/bidi-body.md": fact("", "Line one.\nThe deal was \u2067signed\u2069 [@politico-2025-02-15].\n") }, "content/facts/bidi-body.md:9:14  error  [invisible-character]  the text holds an invisible or text-direction control character (U+2067)"],
];

for (const [name, overrides, expected] of CASES) {
  test(`located error, no crash: ${name}`, () => {
    const { lines } = loadWith(overrides);
    assert.ok(lines.some((l) => l.startsWith(expected)), `expected a line starting ${JSON.stringify(expected)}, got ${JSON.stringify(lines)}`);
  });
}

test("URLs are shown as the parser reads them: punycode for look-alike hosts", () => {
  assert.equal(displayUrl("https://www.stаte.gov/fact"), "https://www.xn--stte-63d.gov/fact");
  assert.equal(displayUrl("https://example.org/a b"), "https://example.org/a%20b");
  assert.equal(displayUrl("https://EXAMPLE.org"), "https://example.org/");
  const { lines } = loadWith({ "content/sources.yaml": fixtureFiles().get("content/sources.yaml")!.replace(/url: .*/, "url: https://www.stаte.gov/fact") });
  assert.deepEqual(lines, []);
});
