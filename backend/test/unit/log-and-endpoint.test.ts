import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManagementClientCache, managementEndpoint } from '../../src/aws/management-client.js';
import { createLogger, errorFields, parseLogLevel } from '../../src/log.js';

test('management endpoint: the override, else https://{domainName}/{stage}; one client per endpoint', () => {
  assert.equal(
    managementEndpoint(undefined, { domainName: 'abc.execute-api.eu-west-1.amazonaws.com', stage: 'prod' }),
    'https://abc.execute-api.eu-west-1.amazonaws.com/prod',
  );
  assert.equal(
    managementEndpoint('http://127.0.0.1:8080/local', { domainName: 'x', stage: 'y' }),
    'http://127.0.0.1:8080/local',
  );
  assert.throws(() => managementEndpoint(undefined, {}), /MANAGEMENT_ENDPOINT/);
  const clientFor = createManagementClientCache('eu-west-1');
  assert.equal(clientFor('https://a/prod'), clientFor('https://a/prod'));
  assert.notEqual(clientFor('https://a/prod'), clientFor('https://b/prod'));
});

test('logs are one JSON line each, filtered by level, with the request fields', () => {
  const lines: string[] = [];
  const log = createLogger(parseLogLevel('WARN'), { fn: 'messages' }, (l) => lines.push(l)).child({
    requestId: 'r-1',
    connectionId: 'c-1',
  });
  log.info('hidden');
  log.warn('shown', { code: 'X' });
  log.error('failed', errorFields(new TypeError('bad')));
  assert.equal(lines.length, 2);
  const first = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.deepEqual(
    { ...first, time: undefined },
    { time: undefined, level: 'warn', msg: 'shown', fn: 'messages', requestId: 'r-1', connectionId: 'c-1', code: 'X' },
  );
  assert.deepEqual(JSON.parse(lines[1]!).errorName, 'TypeError');
  assert.ok(lines.every((l) => !l.includes('\n')));
  const silent: string[] = [];
  createLogger(parseLogLevel('silent'), {}, (l) => silent.push(l)).error('nothing');
  assert.equal(silent.length, 0);
  assert.equal(parseLogLevel('nonsense'), 'info');
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const out: string[] = [];
  createLogger('debug', {}, (l) => out.push(l)).info('cyclic', cyclic);
  assert.match(out[0]!, /not serialisable/);
});
