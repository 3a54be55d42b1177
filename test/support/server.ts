/**
 * A tiny static server for browser tests: serves a built site from a folder on
 * 127.0.0.1 (ephemeral port), optionally under a path prefix, the way GitHub Pages
 * serves a project site: `/prefix/x/` serves `x/index.html`, `/prefix/x` redirects to
 * `/prefix/x/` when x is a folder, and anything missing gets the site's own 404.html
 * with status 404. No caching headers, no compression: tests want what is on disk.
 */
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";

/** Content types for every kind of file the site and Pagefind write. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  // Pagefind's index chunks: binary, fetched by its own loader.
  ".pagefind": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The site's root URL: origin + prefix, ending in `/`. */
  url: string;
  prefix: string;
  close(): Promise<void>;
}

/** Normalises "", "/", "x", "/x", "/x/" to "/" or "/x/". */
export function normalisePrefix(prefix = "/"): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

async function statOrNull(file: string) {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
}

export async function serveFolder(root: string, options: { prefix?: string } = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const prefix = normalisePrefix(options.prefix);

  const notFound = async (res: http.ServerResponse, head: boolean) => {
    const page = await fs.readFile(path.join(base, "404.html")).catch(() => Buffer.from("Not found\n"));
    res.writeHead(404, { "content-type": "text/html; charset=utf-8", "content-length": page.byteLength });
    res.end(head ? undefined : page);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return notFound(res, head);
    }
    // "/prefix" without its slash is the site root, as on GitHub Pages.
    if (`${pathname}/` === prefix) {
      res.writeHead(301, { location: prefix }).end();
      return;
    }
    if (!pathname.startsWith(prefix) || pathname.includes("\0")) return notFound(res, head);
    const file = path.resolve(base, `.${pathname.slice(prefix.length - 1)}`);
    // Refuse anything that resolves outside the folder (../, encoded or not).
    if (file !== base && !file.startsWith(base + path.sep)) return notFound(res, head);
    let stat = await statOrNull(file);
    let target = file;
    if (stat?.isDirectory()) {
      if (!pathname.endsWith("/")) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      target = path.join(file, "index.html");
      stat = await statOrNull(target);
    }
    if (!stat?.isFile()) return notFound(res, head);
    const body = await fs.readFile(target);
    res.writeHead(200, {
      "content-type": contentType(target),
      "content-length": body.byteLength,
      "cache-control": "no-store",
    });
    res.end(head ? undefined : body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + prefix,
    prefix,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
