import type http from 'node:http';

export interface ParsedQuery {
  /** Last value of each key, as API Gateway's `queryStringParameters`. */
  single: Record<string, string>;
  multi: Record<string, string[]>;
  empty: boolean;
}

export interface ParsedHeaders {
  /** Header names as the client sent them; the last value of a repeated header. */
  single: Record<string, string>;
  multi: Record<string, string[]>;
}

export function parseQuery(search: string): ParsedQuery {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  let empty = true;
  for (const [key, value] of new URLSearchParams(search)) {
    empty = false;
    single[key] = value;
    (multi[key] ??= []).push(value);
  }
  return { single, multi, empty };
}

/** Headers from `rawHeaders`, keeping the case the client sent (Node lower-cases `req.headers`). */
export function parseHeaders(rawHeaders: readonly string[]): ParsedHeaders {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const nameByLower = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const sent = rawHeaders[i]!;
    const value = rawHeaders[i + 1]!;
    const lower = sent.toLowerCase();
    const name = nameByLower.get(lower) ?? sent;
    nameByLower.set(lower, name);
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

/** Adds a header API Gateway adds in front of the integration, unless the client sent it. */
export function addHeader(headers: ParsedHeaders, name: string, value: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers.single)) if (key.toLowerCase() === lower) return;
  headers.single[name] = value;
  headers.multi[name] = [value];
}

export function headerValue(headers: ParsedHeaders, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers.single)) if (key.toLowerCase() === lower) return headers.single[key];
  return undefined;
}

export function sourceIpOf(req: http.IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
