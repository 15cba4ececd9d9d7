import fc from 'fast-check';
import {
  CLIENT_MESSAGE_ID_MAX_LENGTH,
  MAX_TIMESTAMP,
  USERNAME_MAX_LENGTH,
  type ChatMessage,
} from '../src/protocol/index.js';

// Generators of valid protocol values, shared by the protocol and frame-reading tests.

export const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

export const visibleAscii = (max: number) => fc.stringMatching(new RegExp(`^[\\x21-\\x7e]{1,${max}}$`));
export const roomId = fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/);
export const username = fc
  .array(fc.constantFrom('a', 'Z', 'é', 'ß', 'Ж', '名', 'ك', '0', '9', '_', '.', '-', ' ', '\u0301'), {
    minLength: 1,
    maxLength: USERNAME_MAX_LENGTH,
  })
  .map((a) => a.join(''))
  .filter((s) => s === s.trim() && s.length > 0);
export const text = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 300 })
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  .map((s) => s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\r]/g, 'x').trim())
  .filter((s) => s.length > 0 && !LONE.test(s) && !CONTROL.test(s));
export const chatMessage: fc.Arbitrary<ChatMessage> = fc.record(
  {
    messageId: visibleAscii(128),
    roomId,
    username,
    userId: visibleAscii(128),
    message: text,
    timestamp: fc.integer({ min: 0, max: MAX_TIMESTAMP }),
    clientMessageId: visibleAscii(CLIENT_MESSAGE_ID_MAX_LENGTH),
  },
  { requiredKeys: ['messageId', 'roomId', 'username', 'message', 'timestamp'] },
);

/** Every field name of the protocol's frames, and keys that try prototype tricks: for objects that look like frames. */
export const frameKey = fc.constantFrom(
  'type',
  'action',
  'messageId',
  'roomId',
  'username',
  'userId',
  'message',
  'timestamp',
  'messages',
  'hasMore',
  'cursor',
  'code',
  'clientMessageId',
  'before',
  'after',
  'limit',
  '__proto__',
  'constructor',
);
