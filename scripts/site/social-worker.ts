/**
 * A worker thread that renders social cards for social-render.ts, one at a time.
 * resvg-js 2.6 does not tell V8 about the ~3 MB of pixels behind each rendered image
 * (thx/resvg-js#216, fixed upstream only after 2.6.2), so V8 sees no reason to collect
 * them and a build of 1,000 cards held gigabytes. After each card this thread runs a
 * young-generation collection of its own small heap and lets Node run the finalizers
 * that collection queued (they free the image) before it answers.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { fontsFor, renderCard, type CardFonts } from "./social-render.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (options?: { type: "minor" | "major" }) => void;
const fonts = workerData as CardFonts;
const dropped = new Set(fonts.dropped);

parentPort!.on("message", ({ index, svg }: { index: number; svg: string }) => {
  let reply: { index: number; png?: Buffer; error?: string };
  try {
    reply = { index, png: renderCard(svg, fontsFor(svg, fonts, dropped)) };
  } catch (e) {
    reply = { index, error: (e as Error).message };
  }
  gc({ type: "minor" });
  // Finalizers run from Node's immediate queue: answered first, the next card would
  // arrive before them and the images would pile up (840 MiB over 400 cards, not 146).
  setImmediate(() => parentPort!.postMessage(reply));
});
