import { isErrorCode } from './codes.js';
import { MESSAGE_FIELDS, SERVER_FRAME_FIELDS, type FieldKind, type FrameFields } from './frame-fields.js';
import type { ServerFrame } from './frames.js';
import { MAX_TIMESTAMP } from './limits.js';
import { isJsonObject, own, reject, run, type JsonObject, type Validation } from './validation.js';

// What `ChatClient` applies to every frame it receives: JSON text, a known `type`, and every field of
// SERVER_FRAME_FIELDS the client relies on present with the JSON type of its kind. Unknown fields are dropped
// and only own properties are read. (ChatClient also drops messages of another room.)
//
// The content rules (username characters, trimmed text, id alphabets) are the server's to enforce on what it
// stores; strict-frames.ts checks them too, for conformance tests. The client renders text only, so they
// guard nothing there, and a browser should not pay for them twice.

/** Whether `value` has the JSON type of its kind (`messages`: an array; its entries are read one by one). */
function hasTypeOf(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'timestamp':
      // A whole number of epoch ms that a `Date` can show.
      return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_TIMESTAMP;
    case 'historyLimit':
      return Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'errorCode':
      return isErrorCode(value);
    case 'messages':
      return Array.isArray(value);
    default:
      // Ids, names and texts: a non-empty string.
      return typeof value === 'string' && value !== '';
  }
}

/** Copies the `fields` of `data` into `into`, checking each; fails with the path of the first bad one. */
function readFields(data: unknown, fields: FrameFields, path: string, into: JsonObject = {}): JsonObject {
  if (!isJsonObject(data)) reject(`${path || 'frame'} is not an object`);
  for (const [name, field] of Object.entries(fields)) {
    const fieldPath = path ? `${path}.${name}` : name;
    const value = own(data, name);
    if (value === undefined && field.optional) continue;
    if (!hasTypeOf(field.kind, value)) reject(`${fieldPath} is missing or invalid`);
    into[name] =
      field.kind === 'messages'
        ? (value as unknown[]).map((message, index) => readFields(message, MESSAGE_FIELDS, `${fieldPath}[${index}]`))
        : value;
  }
  return into;
}

/**
 * Parses a server → client text frame and checks its structure (see above); the check `ChatClient` applies.
 * Never throws: a bad frame gives `{ ok: false, code: 'INVALID_MESSAGE', reason }` naming the field at fault.
 */
export function readServerFrame(raw: unknown): Validation<ServerFrame> {
  return run(() => {
    if (typeof raw !== 'string') reject('frame is not text');
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      reject('frame is not JSON');
    }
    const type = isJsonObject(data) ? own(data, 'type') : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(SERVER_FRAME_FIELDS, type)) reject('frame has no known "type"');
    const fields: FrameFields = SERVER_FRAME_FIELDS[type as ServerFrame['type']];
    return readFields(data, fields, '', { type }) as unknown as ServerFrame;
  });
}
