/**
 * The only code that talks to the web: one polite GET with redirects followed by hand
 * (each hop checked again), gzip/brotli, a timeout and a byte cap per request, and a
 * refusal to connect to any address that is not public. The address checked is the
 * one the socket connects to (our own DNS lookup), so a public-looking name that
 * resolves to 127.0.0.1 is refused too.
 */
import http from "node:http";
import https from "node:https";
import { lookup as dnsLookup } from "node:dns";
import { isIP } from "node:net";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import { isPublicAddress } from "./address.ts";
import { Limiter } from "./limiter.ts";

export type Resolve = (hostname: string) => Promise<string>;

export interface FetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  allowLoopback: boolean;
  limiter: Limiter;
  /** Hostname -> address; tests inject one, otherwise the system resolver. */
  resolve?: Resolve;
  /** Asked before every hop; false refuses it (robots.txt). */
  allowed?: (url: URL) => Promise<boolean>;
  maxRedirects?: number;
  /** Which resolved addresses count as public; tests stand a second loopback address in for a public one. */
  isPublic?: (address: string) => boolean;
}

export interface FetchResult {
  kind: "ok" | "http-error" | "blocked" | "failed";
  reason: string;
  status?: number;
  finalUrl: string;
  contentType?: string;
  body?: Buffer;
  /** Body bytes taken from the network and after decompression, whichever is larger. */
  bytesRead: number;
  truncated: boolean;
}

class Refused extends Error {}

const systemResolve: Resolve = (host) => new Promise((ok, fail) => dnsLookup(host, (err, addr) => (err ? fail(err) : ok(addr))));

interface Response { status: number; headers: http.IncomingHttpHeaders; body: Buffer; bytesRead: number; truncated: boolean }

export function requestOnce(url: URL, opts: FetchOptions, readBody: (status: number) => boolean): Promise<Response> {
  const resolve = opts.resolve ?? systemResolve;
  return new Promise((done, fail) => {
    const lib = url.protocol === "https:" ? https : http;
    const req = lib.request(url, {
      method: "GET",
      headers: { "user-agent": opts.userAgent, accept: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1", "accept-encoding": "gzip, br" },
      agent: false,
      // Our own lookup: the address returned here is the one connected to, so it is the one judged.
      lookup: (hostname: string, o: { all?: boolean }, cb: (e: Error | null, a?: unknown, f?: number) => void) => {
        resolve(hostname).then((addr) => {
          if (!opts.allowLoopback && !(opts.isPublic ?? isPublicAddress)(addr)) cb(new Refused(`${hostname} resolves to ${addr}, which is not a public address`));
          // Node asks for a list when it may try several addresses; we give it only the one judged.
          else if (o?.all) cb(null, [{ address: addr, family: isIP(addr) || 4 }]);
          else cb(null, addr, isIP(addr) || 4);
        }, (e: Error) => cb(e));
      },
    } as http.RequestOptions);
    const timer = setTimeout(() => req.destroy(new Error(`no complete answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    const finish = (err: Error | null, res?: Response) => { clearTimeout(timer); if (err) fail(err); else done(res!); };
    req.on("error", (e) => finish(e));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if (!readBody(status)) { res.destroy(); req.destroy(); finish(null, { status, headers: res.headers, body: Buffer.alloc(0), bytesRead: 0, truncated: false }); return; }
      const enc = String(res.headers["content-encoding"] ?? "").toLowerCase().trim();
      const decoder = enc === "gzip" || enc === "x-gzip" ? zlib.createGunzip() : enc === "br" ? zlib.createBrotliDecompress() : enc === "deflate" ? zlib.createInflate() : undefined;
      let raw = 0;
      let size = 0;
      const chunks: Buffer[] = [];
      let ended = false;
      const stop = (truncated: boolean) => {
        if (ended) return;
        ended = true;
        res.destroy(); req.destroy(); decoder?.destroy();
        finish(null, { status, headers: res.headers, body: Buffer.concat(chunks), bytesRead: Math.max(raw, size), truncated });
      };
      res.on("data", (c: Buffer) => { raw += c.length; if (raw > opts.maxBytes) stop(true); });
      const out: Readable = decoder ? res.pipe(decoder) : res;
      out.on("data", (c: Buffer) => {
        if (ended) return;
        const room = opts.maxBytes - size;
        chunks.push(c.length > room ? c.subarray(0, room) : c);
        size += Math.min(c.length, room);
        if (c.length >= room && size >= opts.maxBytes) stop(true);
      });
      out.on("end", () => stop(false));
      out.on("error", (e) => { if (!ended) { ended = true; req.destroy(); finish(e); } });
      res.on("error", (e) => { if (!ended) { ended = true; finish(e); } });
    });
    req.end();
  });
}

/** GET with redirects followed by hand, each hop judged like the first. Never throws. */
export async function fetchPage(start: string, opts: FetchOptions): Promise<FetchResult> {
  const max = opts.maxRedirects ?? 5;
  const seen = new Set<string>();
  let url: URL;
  try { url = new URL(start); } catch { return { kind: "failed", reason: "not a valid URL", finalUrl: start, bytesRead: 0, truncated: false }; }
  for (let hop = 0; ; hop++) {
    const base = { finalUrl: url.href, bytesRead: 0, truncated: false };
    if (url.protocol !== "http:" && url.protocol !== "https:") return { ...base, kind: "blocked", reason: `${url.protocol} addresses are not fetched` };
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && !opts.allowLoopback && !(opts.isPublic ?? isPublicAddress)(host)) return { ...base, kind: "blocked", reason: `${host} is not a public address` };
    if (seen.has(url.href)) return { ...base, kind: "failed", reason: "redirect loop" };
    seen.add(url.href);
    try {
      if (opts.allowed && !(await opts.allowed(url))) return { ...base, kind: "blocked", reason: "robots.txt disallows this address for our User-Agent" };
      const res = await opts.limiter.run(url.host, () => requestOnce(url, opts, (s) => s >= 200 && s < 300));
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location) {
        if (hop >= max) return { ...base, kind: "failed", status: res.status, reason: `more than ${max} redirects` };
        url = new URL(location, url);
        continue;
      }
      if (res.status < 200 || res.status >= 300) return { ...base, kind: "http-error", status: res.status, reason: `HTTP ${res.status}` };
      return {
        kind: "ok", reason: res.truncated ? `read the first ${opts.maxBytes} bytes only` : `HTTP ${res.status}`, status: res.status,
        finalUrl: url.href, contentType: String(res.headers["content-type"] ?? ""), body: res.body, bytesRead: res.bytesRead, truncated: res.truncated,
      };
    } catch (e) {
      const err = e as Error & { cause?: unknown };
      if (err instanceof Refused || err.cause instanceof Refused) return { ...base, kind: "blocked", reason: err.message };
      return { ...base, kind: "failed", reason: err.message || String(e) };
    }
  }
}
