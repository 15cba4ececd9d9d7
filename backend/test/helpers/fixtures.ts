import { readFileSync } from 'node:fs';

const DIR = new URL('../fixtures/apigw-websocket/', import.meta.url);

/** An event captured from API Gateway (see test/fixtures/apigw-websocket/README.md), as a fresh copy. */
export function fixture(name: 'authorizer-connect.json' | 'disconnect.json' | 'message.json'): Record<string, any> {
  return JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Record<string, any>;
}
