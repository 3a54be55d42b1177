/**
 * The reference-manager exports of a real build, under a path prefix with SITE_URL set
 * and one fact made hostile (test/support/reuse-site.ts): every fact page links its
 * BibTeX, RIS and CSL-JSON files (each written, each for this fact), and carries the
 * Highwire citation_* tags, attribute-escaped, reading back to the fact's own title.
 * /data/ links one ZIP of every data file and a README: it unzips (fflate) to exactly the
 * files on the site, and a second build of the same content, in another time zone and
 * without the build cache, writes it byte for byte again.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { HOSTILE, buildSite, makeHostileContent, type Built } from "./support/reuse-site.ts";
import { strFromU8, unzipSync } from "fflate";
import { CITE_FORMATS } from "../scripts/lib/cite-formats.ts";

const ORIGIN = "https://reuse.example.org";
const PREFIX = "/reuse-prefix/";
let content: ReturnType<typeof makeHostileContent> | undefined;
let built: Built | undefined;
let again: Built | undefined;

before(() => {
  content = makeHostileContent();
  built = buildSite({ content: content.rel, prefix: PREFIX, env: { SITE_URL: ORIGIN, TZ: "UTC" } });
  again = buildSite({ content: content.rel, prefix: PREFIX, env: { SITE_URL: ORIGIN, TZ: "Pacific/Kiritimati", FACTSHEET_CACHE: "0" } });
});
after(() => { built?.cleanup(); again?.cleanup(); content?.cleanup(); });

const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#(\d+));/g, (_, e: string, n?: string) =>
  n ? String.fromCodePoint(Number(n)) : ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" } as Record<string, string>)[e]!);
const factSlugs = () => readdirSync(join(built!.out, "facts"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(built!.out, "facts", e.name, "citation.ris"))).map((e) => e.name);
const page = (slug: string) => readFileSync(join(built!.out, "facts", slug, "index.html"), "utf8");
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

test("every fact page links each citation file, which exists beside it and cites that fact", () => {
  const slugs = factSlugs();
  assert.ok(slugs.length > 20, `${slugs.length} facts`);
  for (const slug of slugs) {
    const html = page(slug);
    const links = [...html.matchAll(/<a href="([^"]+)" download="([^"]+)" type="([^"]+)" title="[^"]+">([^<]+)<\/a>/g)];
    assert.deepEqual(links.map((m) => m[4]), CITE_FORMATS.map((f) => f.label), `${slug}: one link per format, in order`);
    for (const [i, f] of CITE_FORMATS.entries()) {
      const [, href, download, type] = links[i]!;
      assert.equal(href, `${PREFIX}facts/${slug}/${f.file}`, `${slug}: ${f.label} under the prefix`);
      assert.equal(download, `${slug}.${f.ext}`);
      assert.equal(type, f.mime);
      const file = readFileSync(join(built!.out, "facts", slug, f.file), "utf8");
      assert.ok(file.includes(`${ORIGIN}${PREFIX}facts/${slug}/`), `${slug}/${f.file} names the fact's absolute address`);
    }
    const csl = JSON.parse(readFileSync(join(built!.out, "facts", slug, "citation.json"), "utf8"));
    const title = decode(/<meta name="citation_title" content="([^"]*)">/.exec(html)![1]!);
    assert.equal(csl[0].title, title, `${slug}: CSL and the meta tag give one title`);
    assert.match(readFileSync(join(built!.out, "facts", slug, "citation.ris"), "utf8"), new RegExp(`\\r\\nTI  - ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\r\\n`));
  }
});

test("the hostile fact's citation_* tags are escaped in the head and read back exactly", () => {
  const html = page(HOSTILE.slug);
  const headHtml = html.slice(0, html.indexOf("</head>"));
  const meta = new Map([...headHtml.matchAll(/<meta name="(citation_[a-z_]+|DC\.type)" content="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)]));
  assert.deepEqual([...meta.keys()], ["citation_title", "citation_publication_date", "citation_publisher", "citation_public_url", "citation_language", "DC.type"]);
  assert.equal(meta.get("citation_title"), oneLine(HOSTILE.title));
  assert.match(meta.get("citation_publication_date")!, /^\d{4}(\/\d{2}(\/\d{2})?)?$/);
  assert.equal(meta.get("citation_public_url"), `${ORIGIN}${PREFIX}facts/${HOSTILE.slug}/`);
  assert.equal(meta.get("citation_language"), "en");
  // Nothing the title holds reached the head unescaped.
  assert.doesNotMatch(headHtml, /<b>bold<\/b>|<!-- x/);
  const ris = readFileSync(join(built!.out, "facts", HOSTILE.slug, "citation.ris"), "utf8");
  assert.ok(ris.includes(`\r\nTI  - ${oneLine(HOSTILE.title)}\r\n`), ris);
  assert.equal(ris.split("\r\n").filter((l) => l.startsWith("ER  -")).length, 1);
  const bib = readFileSync(join(built!.out, "facts", HOSTILE.slug, "citation.bib"), "utf8");
  assert.match(bib, /^@misc\{reuse-prefix:us-proposed-50-percent-ownership,\n/);
  assert.ok(bib.includes("\\{b\\}\\_\\#\\textasciitilde{}\\textasciicircum{}\\textbackslash{} \\$\\%"), bib);
});

/** Every file under /data/ except the page and the ZIP itself, by path relative to /data/. */
function dataFilesOnSite(root: string, rel = ""): string[] {
  return readdirSync(join(root, "data", rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dataFilesOnSite(root, `${rel}${e.name}/`) : [`${rel}${e.name}`]).filter((n) => n !== "index.html" && n !== "factsheet-data.zip");
}

test("the data ZIP unzips to every data file, byte for byte, and a README that names each", () => {
  const zip = readFileSync(join(built!.out, "data", "factsheet-data.zip"));
  const entries = unzipSync(new Uint8Array(zip));
  const onSite = dataFilesOnSite(built!.out).sort();
  assert.ok(onSite.includes("figures.json") && onSite.some((n) => n.startsWith("charts/")), onSite.join(" "));
  assert.deepEqual(Object.keys(entries), ["README.md", ...onSite].sort(), "exactly the data files and the README, sorted");
  for (const name of onSite) assert.deepEqual(entries[name], new Uint8Array(readFileSync(join(built!.out, "data", name))), name);
  const readme = strFromU8(entries["README.md"]!);
  for (const name of onSite) assert.ok(readme.includes(name), `README names ${name}`);
  const license = JSON.parse(readFileSync(join(built!.out, "data", "facts.json"), "utf8")).license as string;
  assert.ok(readme.includes(license), "the licence");
  const newest = (JSON.parse(readFileSync(join(built!.out, "data", "facts.json"), "utf8")).facts as { updated: string }[]).map((f) => f.updated).sort().pop()!;
  assert.ok(readme.includes(`Date of the data: ${newest} `), "the date of the data is the newest content date");
  assert.ok(readme.includes(`${ORIGIN}${PREFIX}data/`), "where it was published");
});

test("a second build of the same content writes the same ZIP, in another time zone and without the cache", () => {
  const a = readFileSync(join(built!.out, "data", "factsheet-data.zip"));
  const b = readFileSync(join(again!.out, "data", "factsheet-data.zip"));
  assert.ok(a.byteLength > 1000);
  assert.ok(a.equals(b), "byte-identical");
});

test("/data/ links the ZIP under the prefix with its size, and the Dataset lists it", () => {
  const html = readFileSync(join(built!.out, "data", "index.html"), "utf8");
  const bytes = readFileSync(join(built!.out, "data", "factsheet-data.zip")).byteLength;
  const m = /<a href="([^"]+)" download type="application\/zip">Download every file as one ZIP<\/a> \((\d+(?:\.\d)?) (KB|MB)\)/.exec(html);
  assert.ok(m, "the ZIP link");
  assert.equal(m[1], `${PREFIX}data/factsheet-data.zip`);
  assert.equal(Number(m[2]), m[3] === "MB" ? Number((bytes / 1e6).toFixed(1)) : Math.round(bytes / 1e3), "the size of the file written");
  const ld = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1]!);
  assert.ok(ld.distribution.some((d: { contentUrl: string; encodingFormat: string }) => d.contentUrl === `${ORIGIN}${PREFIX}data/factsheet-data.zip` && d.encodingFormat === "application/zip"));
});
