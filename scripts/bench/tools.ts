/**
 * The three builds the bench compares, each set up in its own folder from one synthetic
 * site: the project's full build, bare Eleventy 3 (no config, no layout) and Hugo (a
 * minimal site with one single-page layout) on the same plain Markdown files.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeTree, type SynthSite } from "./synth.ts";
import type { RunSpec } from "./measure.ts";

export const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const TSX = join(REPO, "node_modules/tsx/dist/cli.mjs");
export const TOOL_NAMES = ["project", "eleventy", "hugo"] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export interface Tool {
  name: ToolName;
  spec: RunSpec;
  out: string;
  /** Throws unless the output holds the pages this site must produce. */
  verify(): void;
}

/** Every index.html / *.html below `dir`. */
export function countHtml(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith(".html")) n++;
  return n;
}

function countDirs(dir: string): number {
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "index.html"))).length : 0;
}

function expect(label: string, what: string, got: number, want: number) {
  if (got !== want) throw new Error(`${label}: expected ${want} ${what} in the output, found ${got}: the build is incomplete`);
}

export function hugoVersion(): string | null {
  const r = spawnSync("hugo", ["version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Whether build.ts can skip its search index (then the bench times the index apart). */
export function buildSearchMode(): "none" | "flag" | "inline" {
  const src = readFileSync(join(REPO, "scripts/cli/build.ts"), "utf8");
  if (/["']?no-search["']?\s*:/.test(src) || src.includes("FACTSHEET_SEARCH_INDEX")) return "flag";
  return /pagefind|search-index|writeSearchIndex/i.test(src) ? "inline" : "none";
}

/** A project root in a temp folder: real content/, the rest linked to this checkout. */
export function projectRoot(dir: string, site: SynthSite): string {
  const root = join(dir, "project");
  mkdirSync(root, { recursive: true });
  for (const name of ["templates", "scripts", "node_modules", ".eleventy.js"]) symlinkSync(join(REPO, name), join(root, name));
  writeTree(root, site.content);
  return root;
}

export function projectTool(dir: string, site: SynthSite): Tool {
  const root = existsSync(join(dir, "project")) ? join(dir, "project") : projectRoot(dir, site);
  const out = join(root, "_out");
  const mode = buildSearchMode();
  // Without a --no-search flag the index is part of the build; its summary line (not
  // printed with --quiet) gives the index's own wall time.
  const args = [TSX, "scripts/cli/build.ts", "--root", root, "--output", out, ...(mode === "inline" ? [] : ["--quiet"])];
  const env: NodeJS.ProcessEnv = { FACTSHEET_SOCIAL_IMAGES: "0", FACTSHEET_CACHE: "0" };
  if (mode === "flag") env.FACTSHEET_SEARCH_INDEX = "0";
  return {
    name: "project", out,
    // Social images would be measured separately; the budget is about the pages.
    // Cold builds: the build cache (measured in the cache section) is off.
    spec: { label: "project build", cmd: process.execPath, args, cwd: root, env },
    verify() {
      const c = site.counts;
      if (!existsSync(join(out, "index.html"))) throw new Error(`project build: no index.html in ${out}`);
      expect("project build", "fact pages", countDirs(join(out, "facts")), c.facts);
      expect("project build", "people pages", countDirs(join(out, "people")), c.people);
      expect("project build", "topic pages", countDirs(join(out, "topics")), c.topics);
    },
  };
}

/** The search index on its own, over the project's output (only when build.ts can skip it). */
export function searchSpec(out: string): RunSpec {
  return { label: "search index", cmd: process.execPath, args: [join(REPO, "node_modules/pagefind/lib/runner/bin.cjs"), "--site", out], cwd: REPO };
}

export function eleventyTool(dir: string, site: SynthSite): Tool {
  const base = join(dir, "eleventy");
  if (!existsSync(base)) writeTree(join(base, "src"), site.plain);
  const out = join(base, "out");
  return {
    name: "eleventy", out,
    // cwd is a folder without any config file: Eleventy's defaults (Liquid over Markdown included).
    spec: { label: "bare Eleventy", cmd: process.execPath, args: [join(REPO, "node_modules/@11ty/eleventy/cmd.cjs"), "--input=src", "--output=out", "--quiet"], cwd: base },
    verify() { expect("bare Eleventy", "HTML pages", countHtml(out), site.plain.size); },
  };
}

const HUGO_CONFIG = `# Minimal site for the benchmark: only the pages, no lists, feeds or taxonomies.
baseURL = "https://example.org/"
title = "Benchmark"
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
`;
const HUGO_SINGLE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
`;

export function hugoTool(dir: string, site: SynthSite): Tool {
  const base = join(dir, "hugo");
  if (!existsSync(base)) {
    writeTree(join(base, "content"), site.plain);
    mkdirSync(join(base, "layouts/_default"), { recursive: true });
    writeFileSync(join(base, "hugo.toml"), HUGO_CONFIG);
    writeFileSync(join(base, "layouts/_default/single.html"), HUGO_SINGLE);
  }
  const out = join(base, "public");
  return {
    name: "hugo", out,
    spec: { label: "Hugo", cmd: "hugo", args: ["--quiet", "--source", base, "--destination", out], cwd: base },
    verify() { expect("Hugo", "HTML pages", countHtml(out), site.plain.size); },
  };
}

export function makeTool(name: ToolName, dir: string, site: SynthSite): Tool {
  return name === "project" ? projectTool(dir, site) : name === "eleventy" ? eleventyTool(dir, site) : hugoTool(dir, site);
}

export function clean(tool: Tool): void {
  rmSync(tool.out, { recursive: true, force: true });
}
