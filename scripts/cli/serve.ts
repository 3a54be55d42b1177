/**
 * `npm start`: build into _site/ and serve it at http://localhost:8080 (or PORT), rebuilding
 * when a file in content/, templates/ or scripts/client/ is saved, added, renamed or
 * deleted. While content has errors every page shows them (never a stale good page);
 * pages of deleted entries disappear. Changes to the generator's own TypeScript
 * (scripts/lib, scripts/site...) need a restart.
 * Usage: npm start [-- --port 8081] [-- --content <dir>]   (PORT=8081 npm start works too)
 */
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Eleventy from "@11ty/eleventy";
import { handoff } from "../site/plugin.ts";
import type { Loaded } from "../io/load.ts";
import { printProblems } from "./report.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
/** How long after a save Eleventy's whole run starts (another save within it restarts the wait). */
const RUN_DELAY_MS = 250;
const { values } = parseArgs({ options: {
  port: { type: "string", default: process.env.PORT ?? "8080" },
  root: { type: "string", default: process.cwd() },
  content: { type: "string", default: "content" },
  output: { type: "string", default: "_site" },
} });
const port = Number(values.port);
if (!/^\d+$/.test(values.port!) || port < 0 || port > 65535) {
  process.stderr.write(`start: PORT "${values.port}" is not a port number: use 0 to 65535, e.g. PORT=8081 npm start\n`);
  process.exit(1);
}
const root = resolve(values.root!);
const output = resolve(root, values.output!);
let current: Loaded | undefined;

Object.assign(handoff, {
  root,
  contentDir: values.content,
  loaded: undefined,
  outputDir: output,
  onWrite: (summary: string) => process.stdout.write(`rebuilt: ${summary}\n`),
  onLoad: (l: Loaded) => {
    current = l;
    if (printProblems(l.problems, (s) => process.stdout.write(s + "\n"))) {
      process.stdout.write("every page of the preview shows these problems until they are fixed\n");
    }
  },
});

/**
 * While content has errors, every page request gets the problems page (the home page the
 * broken build wrote), so no stale good version of the page being edited is ever shown.
 */
function problemsEverywhere(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const broken = current?.problems.some((p) => p.severity === "error");
  const path = (req.url ?? "/").split("?")[0]!;
  const isPage = path.endsWith("/") || path.endsWith(".html") || !/\.[a-z0-9]+$/i.test(path);
  if (!broken || !isPage || req.method !== "GET") return next();
  let html: string;
  try { html = readFileSync(join(output, "index.html"), "utf8"); } catch { return next(); }
  res.statusCode = 200;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(html);
}

const elev = new Eleventy(resolve(REPO, "templates"), output, {
  configPath: resolve(REPO, ".eleventy.js"),
  quietMode: true,
  runMode: "serve",
  config: (cfg: { setServerOptions(o: object): void; setChokidarConfig(o: object): void; setWatchThrottleWaitTime(ms: number): void }) => {
    // Our own start line below names the port really served (the dev server moves on when it is taken).
    cfg.setServerOptions({ middleware: [problemsEverywhere], messageOnStart: () => false });
    // Eleventy waits for a file to stay unchanged 150 ms before it reports a save; a third of
    // the half second a save may take. Editors write a file in one go: 30 ms is enough.
    cfg.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } });
    // The saved fact's page is written at once (below); the whole run starts a moment later,
    // so the page is served (and the browser reloads it) before the run takes the process.
    cfg.setWatchThrottleWaitTime(RUN_DELAY_MS);
  },
} as ConstructorParameters<typeof Eleventy>[2]);
await elev.init();
const rebuild = (await elev.watch()) as unknown as (path: string) => Promise<void>;
// Eleventy rebuilds on change and add but only forgets a deleted file; a deletion (or the
// old name of a rename) must rebuild too, or the deleted entry stays on the site.
const watcher = (elev as unknown as { watcher: { on(e: string, f: (p: string) => void): void } }).watcher;
watcher.on("unlink", (p) => void rebuild(p));
// A saved fact's page is written first (saved-page.ts), then Eleventy's run (started by its own
// listener, which runs before this one) settles the rest and reloads the browser again.
const serve = elev as unknown as { eleventyServe: { reload(e: object): Promise<void> } };
watcher.on("change", (p) => {
  const t0 = performance.now();
  void handoff.writeSaved?.(resolve(p)).then((what) => {
    process.stdout.write(`saved: ${what} (${Math.round(performance.now() - t0)} ms)\n`);
    if (what.startsWith("wrote ")) return serve.eleventyServe.reload({ files: [resolve(p)] });
  }).catch((e: Error) => process.stdout.write(`saved: left to the run (${e.message})\n`));
});
watcher.on("unlinkDir", (p) => void rebuild(p));
await elev.serve(port);
const server = (elev as unknown as { eleventyServe: { server: { ready(): Promise<void>; _server: { address(): AddressInfo } } } }).eleventyServe.server;
await server.ready();
const actual = server._server.address().port;
const moved = actual !== port && port !== 0 ? ` (port ${port} was taken)` : "";
process.stdout.write(`preview: http://localhost:${actual}/${moved} (Ctrl+C to stop)\n`);
process.on("SIGINT", async () => { await elev.stopWatch(); process.exit(0); });
process.on("SIGTERM", async () => { await elev.stopWatch(); process.exit(0); });
