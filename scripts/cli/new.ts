/**
 * `npm run new -- fact "Title"` writes content/facts/<slug>.md;
 * `npm run new -- source <id>` appends a source to content/sources.yaml.
 * Never overwrites: an existing file or id is an error.
 */
import { parseArgs } from "node:util";
import { existsSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { slugify, factSkeleton, sourceSkeleton, checkId } from "../lib/scaffold.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { root: { type: "string", default: process.cwd() }, date: { type: "string" } },
});
const root = resolve(values.root!);
const today = values.date ?? new Date().toISOString().slice(0, 10);
const [kind, arg] = positionals;
const fail = (msg: string): never => { process.stderr.write(`new: ${msg}\n`); process.exit(1); };
const usage = 'usage: npm run new -- fact "Title of the fact"  |  npm run new -- source <id>';

if (kind === "fact") {
  if (!arg?.trim()) fail(usage);
  const slug = slugify(arg!);
  if (!slug) fail(`cannot make a file name from "${arg}": use a title with letters or digits`);
  const path = join(root, "content", "facts", `${slug}.md`);
  if (existsSync(path)) fail(`content/facts/${slug}.md already exists: edit it, or choose another title`);
  writeFileSync(path, factSkeleton(arg!.trim()), { flag: "wx" });
  process.stdout.write(`wrote content/facts/${slug}.md: replace every TODO, then run npm run check\n`);
} else if (kind === "source") {
  if (!arg) fail(usage);
  const bad = checkId(arg!);
  if (bad) fail(bad);
  const path = join(root, "content", "sources.yaml");
  const existing = existsSync(path) ? readFileSync(path, "utf8") : "";
  const doc = parseDocument(existing);
  if (doc.has(arg)) fail(`source "${arg}" already exists in content/sources.yaml`);
  appendFileSync(path, (existing && !existing.endsWith("\n") ? "\n" : "") + sourceSkeleton(arg!, today));
  process.stdout.write(`added "${arg}" to content/sources.yaml: fill in every TODO, then run npm run check\n`);
} else {
  fail(usage);
}
