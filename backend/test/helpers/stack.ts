import WebSocket from 'ws';
import { validateServerFrame, type ServerFrame } from '@chat-room/client-sdk/protocol';
import {
  DEFAULT_LAMBDA_DIR,
  missingBundles,
  startLocalStack,
  type LocalStack,
  type LocalStackOptions,
} from '../../src/local/stack.js';

/** Integration tests run the built bundles: say clearly when they are missing. */
export function requireBundles(): void {
  const missing = missingBundles(DEFAULT_LAMBDA_DIR);
  if (missing.length) {
    throw new Error(
      `integration tests need the Lambda bundles; missing ${missing.join(', ')}. Run "npm run build" first (npm test does).`,
    );
  }
}

export async function startTestStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  requireBundles();
  return startLocalStack({ port: 0, persist: false, quiet: true, ...options });
}

const TIMEOUT_MS = 15_000;

export class TestClient {
  readonly frames: ServerFrame[] = [];
  readonly invalid: string[] = [];
  private waiters: (() => void)[] = [];
  closeCode: number | undefined;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = String(data);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        this.invalid.push(text);
        return;
      }
      const checked = validateServerFrame(parsed);
      if (checked.ok) this.frames.push(checked.value);
      else this.invalid.push(text);
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits for the first frame (from `from` on) matching `predicate`. */
  async next<T extends ServerFrame = ServerFrame>(
    predicate: (f: ServerFrame) => boolean,
    label = 'frame',
    from = 0,
  ): Promise<T> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const found = this.frames.slice(from).find(predicate);
      if (found) return found as T;
      if (this.closeCode !== undefined) throw new Error(`socket closed (${this.closeCode}) while waiting for ${label}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${label}; got ${JSON.stringify(this.frames).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a frame and waits for the next reply of the given type(s) after it. */
  async request<T extends ServerFrame = ServerFrame>(frame: unknown, types: ServerFrame['type'][]): Promise<T> {
    const from = this.frames.length;
    this.send(frame);
    return this.next<T>((f) => types.includes(f.type), types.join('|'), from);
  }

  messages(): Extract<ServerFrame, { type: 'message' }>[] {
    return this.frames.filter((f): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message');
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

export function connect(
  url: string,
  query: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TestClient> {
  const qs = new URLSearchParams(query).toString();
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(qs ? `${url}?${qs}` : url, { headers });
    const client = new TestClient(ws);
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode }));
    });
    ws.once('error', reject);
  });
}

/** The HTTP status of a refused upgrade (fails if the upgrade is accepted). */
export async function refusedStatus(
  url: string,
  query: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<number> {
  try {
    const client = await connect(url, query, headers);
    await client.close();
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status) return status;
    throw error;
  }
  throw new Error('the connection was accepted');
}

/** Polls `check` until it returns true (for effects with no frame to wait for). */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  label: string,
  timeoutMs = TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${label}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
