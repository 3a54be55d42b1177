/**
 * `npm start`: build into _site/ and serve it at http://localhost:8080, rebuilding on
 * every save in content/, templates/ or scripts/client/. Content problems are printed
 * here and shown as the home page instead of stopping the server. Changes to the
 * generator's own TypeScript (scripts/lib, scripts/site...) need a restart.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import Eleventy from "@11ty/eleventy";
import { handoff } from "../site/plugin.ts";
import { printProblems } from "./report.ts";

const { values } = parseArgs({ options: {
  port: { type: "string", default: process.env.PORT ?? "8080" },
  root: { type: "string", default: process.cwd() },
} });
const root = resolve(values.root!);
Object.assign(handoff, {
  root,
  loaded: undefined,
  outputDir: resolve(root, "_site"),
  onLoad: (l: { problems: Parameters<typeof printProblems>[0] }) => {
    if (printProblems(l.problems, (s) => process.stdout.write(s + "\n"))) {
      process.stdout.write("the preview shows these problems on its home page until they are fixed\n");
    }
  },
});
const elev = new Eleventy(resolve(root, "templates"), resolve(root, "_site"), {
  configPath: resolve(root, ".eleventy.js"),
  quietMode: true,
  runMode: "serve",
});
await elev.init();
await elev.watch();
void elev.serve(Number(values.port));
process.on("SIGINT", async () => { await elev.stopWatch(); process.exit(0); });
process.stdout.write(`preview: http://localhost:${values.port}/ (Ctrl+C to stop)\n`);
