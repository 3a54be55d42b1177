/**
 * robots.txt, honoured for our User-Agent (RFC 9309 via robots-parser): fetched once per
 * origin and run. A missing file (4xx) allows everything; an unreachable one (5xx or no
 * answer) allows nothing, as the RFC asks.
 */
import { createRequire } from "node:module";
import { fetchPage, type FetchOptions } from "./fetch-page.ts";

// robots-parser is CommonJS whose module.exports is the function itself.
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, text: string) => { isAllowed(url: string, ua?: string): boolean | undefined };
const ROBOTS_MAX_BYTES = 500 * 1024;

export function robotsGate(opts: Omit<FetchOptions, "allowed">, product: string) {
  const cache = new Map<string, Promise<(url: string) => boolean>>();
  const load = async (origin: string) => {
    const res = await fetchPage(`${origin}/robots.txt`, { ...opts, maxBytes: Math.min(opts.maxBytes, ROBOTS_MAX_BYTES) });
    if (res.kind === "ok") {
      const robots = robotsParser(`${origin}/robots.txt`, (res.body ?? Buffer.alloc(0)).toString("utf8"));
      return (url: string) => robots.isAllowed(url, product) !== false;
    }
    // 4xx: no rules. A refused address: the page's own fetch is refused, with that reason.
    if (res.kind === "blocked" || (res.kind === "http-error" && res.status! >= 400 && res.status! < 500)) return () => true;
    return () => false;
  };
  return async (url: URL): Promise<boolean> => {
    if (url.pathname === "/robots.txt") return true;
    let rule = cache.get(url.origin);
    if (!rule) cache.set(url.origin, (rule = load(url.origin)));
    return (await rule)(url.href);
  };
}
