/**
 * Asks the Internet Archive's Save Page Now to archive a page, and returns the
 * snapshot's address only when the answer names one (a Location or Content-Location of
 * the form /web/<14-digit timestamp>/<url>). Never guesses an address.
 * VERIFY_SAVE_ENDPOINT points it elsewhere (tests use a local stand-in).
 */
import { isIP } from "node:net";
import { requestOnce, type FetchOptions } from "./fetch-page.ts";
import { isPublicAddress } from "./address.ts";

export const DEFAULT_SAVE_ENDPOINT = "https://web.archive.org/save/";
const SNAPSHOT = /^\/web\/\d{14}(?:id_)?\/https?:\/\//;

export async function saveToArchive(pageUrl: string, opts: FetchOptions, endpoint = process.env.VERIFY_SAVE_ENDPOINT || DEFAULT_SAVE_ENDPOINT): Promise<string | undefined> {
  try {
    const req = new URL(endpoint + pageUrl);
    if (isIP(req.hostname) && !opts.allowLoopback && !isPublicAddress(req.hostname)) return undefined;
    const res = await opts.limiter.run(req.host, () => requestOnce(req, opts, () => false));
    if (res.status < 200 || res.status >= 400) return undefined;
    for (const header of [res.headers["content-location"], res.headers.location]) {
      if (typeof header !== "string") continue;
      const snap = new URL(header, req);
      // Plain http only for the local stand-in that tests run with --allow-loopback.
      if (SNAPSHOT.test(snap.pathname) && (snap.protocol === "https:" || opts.allowLoopback)) return snap.href;
    }
  } catch { /* no answer: no snapshot */ }
  return undefined;
}
