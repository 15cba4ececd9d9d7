import { isErrorCode } from './codes.js';
import { MAX_TIMESTAMP } from './limits.js';
import type { ServerFrame } from './frames.js';
import type { Validation } from './validate.js';

// What `ChatClient` applies to every frame it receives: JSON text, a known `type`, and every field the client
// relies on present with the right type (ids and texts non-empty strings, times whole epoch ms that a `Date`
// can hold, `messages` an array of messages, `code` a known error code). Unknown fields are dropped and only
// own properties are read. (ChatClient also drops messages of another room.)
//
// Content rules (username characters, trimmed text, id alphabets) are the server's to enforce on what it
// stores; `validateServerFrame` checks them too, for conformance tests. The client renders text only, so
// they guard nothing there, and a browser should not pay for them twice.

/** `s` a non-empty string, `n` a whole number of epoch ms (0 – MAX_TIMESTAMP, which `Date` can show), `b` a boolean, `c` an error code, `m` messages; `?` optional. */
type Spec = Record<string, string>;

const MESSAGE: Spec = {
  messageId: 's',
  roomId: 's',
  username: 's',
  userId: 's?',
  message: 's',
  timestamp: 'n',
  clientMessageId: 's?',
};
const FRAMES: Record<string, Spec> = {
  message: MESSAGE,
  ack: { clientMessageId: 's', messageId: 's', timestamp: 'n' },
  history: { roomId: 's', messages: 'm', hasMore: 'b', cursor: 's?' },
  error: { code: 'c', message: 's', clientMessageId: 's?' },
  pong: {},
};

const own = (o: object, key: string): unknown =>
  Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;

/** Copies the fields of `spec` out of `data`, checking each; throws the path of the first bad one. */
function read(data: unknown, spec: Spec, path: string, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (typeof data !== 'object' || !data || Array.isArray(data)) throw `${path || 'frame'} is not an object`;
  for (const key in spec) {
    const [kind, optional] = spec[key]!;
    const name = path ? `${path}.${key}` : key;
    let v = own(data, key);
    if (v === undefined && optional) continue;
    if (
      kind === 's'
        ? typeof v !== 'string' || !v
        : kind === 'n'
          ? !Number.isSafeInteger(v) || (v as number) < 0 || (v as number) > MAX_TIMESTAMP
          : kind === 'b'
            ? typeof v !== 'boolean'
            : kind === 'c'
              ? !isErrorCode(v)
              : !Array.isArray(v) || !(v = v.map((m, i) => read(m, MESSAGE, `${name}[${i}]`)))
    ) {
      throw `${name} is missing or invalid`;
    }
    out[key] = v;
  }
  return out;
}

/**
 * Parses a server → client text frame and checks its structure (see above); the check `ChatClient` applies.
 * Never throws: a bad frame gives `{ ok: false, reason }` naming the field at fault.
 */
export function readServerFrame(raw: unknown): Validation<ServerFrame> {
  try {
    if (typeof raw !== 'string') throw 'frame is not text';
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      throw 'frame is not JSON';
    }
    const type = own(Object(data), 'type');
    if (typeof type !== 'string' || !Object.hasOwn(FRAMES, type)) throw 'frame has no known "type"';
    return { ok: true, value: read(data, FRAMES[type]!, '', { type }) as unknown as ServerFrame };
  } catch (reason) {
    return { ok: false, code: 'INVALID_MESSAGE', reason: String(reason) };
  }
}
