import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaticHandler, resolveStaticPath } from '../../src/local/static.js';

let dir: string;
let server: http.Server;
let base: string;
let widget: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chat-room-static-'));
  mkdirSync(join(dir, 'site', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'site', 'index.html'), '<h1>hi</h1>');
  writeFileSync(join(dir, 'site', 'sub', 'app.js'), 'export {}');
  writeFileSync(join(dir, 'site', 'style.css'), 'a{}');
  writeFileSync(join(dir, 'site', '.env'), 'SECRET=1');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  widget = join(dir, 'widget.js');
  server = http.createServer(
    createStaticHandler({ root: join(dir, 'site'), widgetScript: widget, wsUrl: 'ws://x/local' }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

/** Raw path, not normalised by fetch/URL. */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/`, { method, path }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('files with their content types; / serves index.html', async () => {
  assert.deepEqual(await get('/'), { status: 200, type: 'text/html; charset=utf-8', body: '<h1>hi</h1>' });
  assert.equal((await get('/sub/app.js')).type, 'text/javascript; charset=utf-8');
  assert.equal((await get('/style.css?v=1')).type, 'text/css; charset=utf-8');
  assert.equal((await get('/sub')).status, 301);
  assert.equal((await get('/missing.html')).status, 404);
  assert.equal((await get('/', 'POST')).status, 405);
  assert.equal((await get('/', 'HEAD')).body, '');
});

test('no path traversal, no dot-files', async () => {
  for (const path of [
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/sub/../../secret.txt',
    '/.env',
    '/%00',
    '/..\\secret.txt',
    '/%E0%A4%A',
  ]) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.ok(!res.body.includes('outside') && !res.body.includes('SECRET'), path);
  }
  assert.equal(resolveStaticPath('/srv/site', '/a/../../etc/passwd'), undefined);
  assert.equal(resolveStaticPath('/srv/site', '/a/b.js'), '/srv/site/a/b.js');
});

test('/chat-room.js: a clear 503 until the widget is built, then the script', async () => {
  const missing = await get('/chat-room.js');
  assert.equal(missing.status, 503);
  assert.match(missing.body, /not built yet.*npm run build/);
  writeFileSync(widget, 'customElements.define("chat-room", class extends HTMLElement {})');
  const built = await get('/chat-room.js');
  assert.equal(built.status, 200);
  assert.equal(built.type, 'text/javascript; charset=utf-8');
});

test('without an index.html, / is a built-in page pointing at the WebSocket URL', async () => {
  rmSync(join(dir, 'site', 'index.html'));
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(page.body, /<chat-room/);
  assert.match(page.body, /ws:\/\/x\/local/);
  assert.match(page.body, /src="\/chat-room.js"/);
});
