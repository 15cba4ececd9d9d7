/** Hostile values for the bad-input tests: every field of every frame and every connect parameter. */
import fc from 'fast-check';

export const HOSTILE_STRINGS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  'javascript:alert(1)',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31mred',
  '\r\n',
  '\u202Eevil\u202C',
  '\u2066\u2067\u2068\u2069',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF',
  '\u200B',
  '𝕏🙂',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '1e308',
  '-1',
  'NaN',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  "'; DROP TABLE messages; --",
  '%00',
  '~idem#guest:x#1',
  ' ',
  '',
  'a'.repeat(2001),
  'é'.repeat(9000),
];

export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.constantFrom(1e308, -1e308, -0, 0, -1, 101, 2 ** 53 + 1, 1.5, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(hostileString, fc.integer()), { maxLength: 3 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":1}}')),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a'), fc.oneof(fc.integer(), hostileString), {
    maxKeys: 3,
  }),
);

const ACTIONS = [
  'sendMessage',
  'getHistory',
  'ping',
  '$default',
  '$connect',
  '$disconnect',
  'shout',
  '__proto__',
  'constructor',
];

/** A frame object: any action (or none), any subset of the protocol's fields and pollution keys, hostile values. */
export const hostileFrame = fc
  .record(
    {
      action: fc.oneof(fc.constantFrom(...ACTIONS), hostileValue),
      message: hostileValue,
      clientMessageId: hostileValue,
      before: hostileValue,
      after: hostileValue,
      limit: hostileValue,
      roomId: hostileValue,
      username: hostileValue,
      type: hostileValue,
    },
    { requiredKeys: [] },
  )
  .chain((frame) =>
    fc.constantFrom<'none' | 'proto' | 'constructor'>('none', 'proto', 'constructor').map((pollute) => {
      // JSON text with a real "__proto__" key (an object literal's __proto__ would set the prototype instead).
      const json = JSON.stringify(frame);
      if (pollute === 'none') return json;
      const key =
        pollute === 'proto'
          ? '"__proto__":{"polluted":1,"isAdmin":true}'
          : '"constructor":{"prototype":{"polluted":1}}';
      return json === '{}' ? `{${key}}` : `{${key},${json.slice(1)}`;
    }),
  );

/** Anything a socket can carry as text: frames above, random JSON, random text. */
export const hostileText = fc.oneof(
  { weight: 6, arbitrary: hostileFrame },
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '{}',
    '"x"',
    '{"action":',
    '{"action":"sendMessage","message":"x"}garbage',
    '\u0000',
    '{"action":"sendMessage","message":"a","message":"b","clientMessageId":"dup"}',
  ),
);
