/**
 * A loopback HTTP server with every page a source can turn into: the quote exact and
 * typeset differently, hidden words, windows-1251, gzip, redirect chains and loops,
 * errors, a soft 404, a page that never ends, 50 MB, binary, robots.txt rules, and a
 * Save Page Now stand-in. It counts bytes sent and requests in flight per Host.
 */
import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";

export const QUOTE = "half of Ukraine's rare earths";
export const CYRILLIC = "рідкісноземельні метали України";
export const HUGE_BYTES = 50 * 1024 * 1024;

/** windows-1251 for the letters used here: А-я run from 0xC0, plus і ї є. */
function cp1251(s: string): Buffer {
  const extra: Record<string, number> = { і: 0xb3, ї: 0xbf, є: 0xba, І: 0xb2, Ї: 0xaf, Є: 0xaa };
  return Buffer.from([...s].map((c) => { const u = c.codePointAt(0)!; return u >= 0x410 && u <= 0x44f ? u - 0x410 + 0xc0 : extra[c] ?? u; }));
}

const page = (body: string) => `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;

export interface HostileServer {
  base: string; port: number; close(): Promise<void>;
  stats: { hugeBytesSent: number; maxInFlight: number; maxPerHost: Map<string, number>; userAgents: Set<string> };
}

export async function startHostileServer(host = "127.0.0.1"): Promise<HostileServer> {
  const stats = { hugeBytesSent: 0, maxInFlight: 0, maxPerHost: new Map<string, number>(), userAgents: new Set<string>() };
  let inFlight = 0;
  const perHost = new Map<string, number>();
  const open: Set<http.ServerResponse> = new Set();
  const server = http.createServer((req, res) => {
    const hostHeader = String(req.headers.host).replace(/:\d+$/, "");
    stats.userAgents.add(String(req.headers["user-agent"]));
    inFlight++; perHost.set(hostHeader, (perHost.get(hostHeader) ?? 0) + 1);
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    stats.maxPerHost.set(hostHeader, Math.max(stats.maxPerHost.get(hostHeader) ?? 0, perHost.get(hostHeader)!));
    open.add(res);
    res.on("close", () => { inFlight--; perHost.set(hostHeader, perHost.get(hostHeader)! - 1); open.delete(res); });
    const path = (req.url ?? "/").split("?")[0]!;
    const html = (body: string | Buffer, type = "text/html; charset=utf-8", status = 200) => {
      // A short pause lets requests overlap, so the concurrency limits are exercised.
      setTimeout(() => { res.writeHead(status, { "content-type": type }); res.end(body); }, 20);
    };
    const go = (status: number, to: string) => { res.writeHead(status, { location: to }); res.end(); };
    switch (true) {
      case path === "/robots.txt": return html("User-agent: factsheet-verify\nDisallow: /private\n\nUser-agent: *\nDisallow:\n", "text/plain");
      case path === "/exact": return html(page(`<p>Trump wants ${QUOTE}.</p>`));
      case path === "/typographic": return html(page(`<p>Trump wants half&nbsp;of <em>Ukraine&rsquo;s</em>\nrare ear&shy;ths.</p>`));
      case path === "/hidden": return html(page(`<p>Nothing here.</p><script>var q = "${QUOTE}";</script><!-- ${QUOTE} --><div hidden><p>${QUOTE}</p></div>`));
      case path === "/cp1251-header": return html(Buffer.concat([Buffer.from("<!doctype html><p>"), cp1251(CYRILLIC), Buffer.from("</p>")]), "text/html; charset=windows-1251");
      case path === "/cp1251-meta": return html(Buffer.concat([Buffer.from('<!doctype html><html><head><meta charset="windows-1251"></head><body><p>'), cp1251(CYRILLIC), Buffer.from("</p></body></html>")]), "text/html");
      case path === "/gzip": {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" });
        return res.end(zlib.gzipSync(page(`<p>${QUOTE}</p>`)));
      }
      case path === "/r301": return go(301, "/r302");
      case path === "/r302": return go(302, `http://${req.headers.host}/exact`);
      case path === "/to-loopback": return go(302, `http://127.0.0.1:${new URL(req.url!, "http://x").searchParams.get("port")}/exact`);
      case path === "/loop-a": return go(302, "/loop-b");
      case path === "/loop-b": return go(302, "/loop-a");
      case path === "/many": return go(302, "/many1");
      case /^\/many\d$/.test(path): return go(302, `/many${Number(path.slice(5)) + 1}`);
      case path === "/404": return html(page("<p>Not found</p>"), undefined, 404);
      case path === "/410": return html(page("<p>Gone</p>"), undefined, 410);
      case path === "/500": return html(page("<p>Oops</p>"), undefined, 500);
      case path === "/soft404": return html(page("<h1>Page not found</h1><p>Try the search.</p>"));
      case path === "/hang": { res.writeHead(200, { "content-type": "text/html" }); res.write("<p>half of"); return; }
      case path === "/huge": {
        res.writeHead(200, { "content-type": "text/html" });
        const chunk = Buffer.alloc(64 * 1024, "a ");
        const pump = () => {
          while (stats.hugeBytesSent < HUGE_BYTES && !res.destroyed) {
            stats.hugeBytesSent += chunk.length;
            if (!res.write(chunk)) { res.once("drain", pump); return; }
          }
          if (!res.destroyed) res.end(`<p>${QUOTE}</p>`);
        };
        return pump();
      }
      case path === "/binary": return html(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), "text/html");
      case path === "/private/page": return html(page(`<p>${QUOTE}</p>`));
      case path.startsWith("/save/"): {
        // Save Page Now stand-in: names a snapshot only for the soft 404 page.
        const saved = path.slice("/save/".length);
        if (saved.includes("soft404")) { res.writeHead(302, { location: `/web/20261201000000/${saved}` }); return res.end(); }
        return html("<p>Saving failed.</p>");
      }
      case path.startsWith("/web/20261201000000/"): return html(page(`<p>Archived: ${QUOTE}.</p>`));
      default: return html(page("<p>?</p>"), undefined, 404);
    }
  });
  await new Promise<void>((ok) => server.listen(0, host, ok));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://${host}:${port}`, port, stats,
    close: () => new Promise((ok) => { for (const r of open) r.destroy(); server.closeAllConnections(); server.close(() => ok()); }),
  };
}
