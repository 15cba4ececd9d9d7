import { readFileSync } from 'node:fs';

const DIR = new URL('../fixtures/apigw-websocket/', import.meta.url);

/**
 * An event captured from API Gateway, as a fresh copy: the repository's one copy of shared/fixtures/apigw-websocket
 * (see test/fixtures/apigw-websocket/README.md), used by the handler tests and the local gateway's event-shape tests.
 */
export function fixture(name: 'authorizer-connect.json' | 'disconnect.json' | 'message.json'): Record<string, any> {
  return JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Record<string, any>;
}
