/**
 * A worker thread that renders social cards for social-render.ts, one at a time.
 * resvg-js 2.6 does not tell V8 about the ~3 MB of pixels behind each rendered image
 * (thx/resvg-js#216, fixed upstream only after 2.6.2), so V8 sees no reason to collect
 * them and a build of 1,000 cards held gigabytes. After each card this thread runs a
 * young-generation collection of its own small heap, which frees the image at once.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { renderCard } from "./social-render.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (options?: { type: "minor" | "major" }) => void;
const { fonts } = workerData as { fonts: string[] };

parentPort!.on("message", ({ index, svg }: { index: number; svg: string }) => {
  try {
    const png = renderCard(svg, fonts);
    parentPort!.postMessage({ index, png });
  } catch (e) {
    parentPort!.postMessage({ index, error: (e as Error).message });
  }
  gc({ type: "minor" });
});
