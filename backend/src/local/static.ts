/**
 * Static files for the local stack: the `examples/` folder, and `/chat-room.js` from the widget's
 * build. Only GET/HEAD; paths are decoded and confined to the folder (no traversal, no dot-files);
 * a missing widget build is a clear 503, not a 404.
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

export interface StaticOptions {
  /** Folder served at `/` (the repository's `examples/`). */
  root: string;
  /** The widget's embed script, served at `/chat-room.js`. */
  widgetScript: string;
  /** WebSocket URL, for the built-in page shown when `root` has no index.html. */
  wsUrl: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, info: Stats): void {
  res.writeHead(200, {
    'content-type': contentType(path),
    'content-length': info.size,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Maps a URL path to a file under `root`, or undefined when it would leave it or is not allowed. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s.startsWith('.') || s === 'node_modules')) return undefined;
  const base = resolve(root);
  const path = resolve(base, ...segments);
  if (path !== base && !path.startsWith(base + sep)) return undefined;
  return path;
}

function builtInPage(wsUrl: string): string {
  const url = JSON.stringify(wsUrl).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>chat-room (local)</title>
<script src="/chat-room.js" defer></script>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}chat-room{display:block;height:70vh}</style></head>
<body><h1>chat-room, running locally</h1><p>WebSocket: <code id="ws"></code></p>
<chat-room room="lobby"></chat-room>
<script>const u=${url};document.getElementById('ws').textContent=u;document.querySelector('chat-room').setAttribute('url',u);</script>
</body></html>
`;
}

export function createStaticHandler(options: StaticOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'Method Not Allowed\n');
      return;
    }
    const pathname = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    if (pathname === '/chat-room.js') {
      const info = stat(options.widgetScript);
      if (!info?.isFile()) {
        send(res, 503, `/chat-room.js is not built yet: run "npm run build" (it builds ${options.widgetScript}).\n`);
        return;
      }
      sendFile(req, res, options.widgetScript, info);
      return;
    }
    const path = resolveStaticPath(options.root, pathname);
    if (!path) {
      send(res, 404, 'Not Found\n');
      return;
    }
    let info = stat(path);
    let file = path;
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: pathname + '/' });
        res.end();
        return;
      }
      file = join(path, 'index.html');
      info = stat(file);
    }
    if (info?.isFile()) {
      sendFile(req, res, file, info);
      return;
    }
    if (pathname === '/' || pathname === '/index.html') {
      send(res, 200, builtInPage(options.wsUrl), 'text/html; charset=utf-8');
      return;
    }
    send(res, 404, 'Not Found\n');
  };
}
