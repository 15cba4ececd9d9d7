// Test helper: synthesizes the real app for a given environment into a temporary folder (assets and all)
// and returns the parsed Terraform JSON with small lookup helpers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export type Json = any;

export interface Synthesized {
  outdir: string;
  stackDir: string;
  stackName: string;
  /** The bootstrap stack's folder (synthesized alongside). */
  bootstrapDir: string;
  json: Json;
  text: string;
  /** Every resource of a type, keyed by Terraform name. */
  resources(type: string): Record<string, Json>;
  /** The single resource of a type whose properties include `match` (throws unless exactly one). */
  resource(type: string, match?: Record<string, unknown>): { name: string; value: Json };
  /** Terraform address `${type}.${name}` of a resource found by `resource()`. */
  address(type: string, match?: Record<string, unknown>): string;
  cleanup(): void;
}

/** Environment every synth starts from: only what the test gives, plus the bundles override if one is set. */
export function testEnv(env: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = {};
  if (process.env.CHAT_ROOM_BUNDLES_DIR) base.CHAT_ROOM_BUNDLES_DIR = process.env.CHAT_ROOM_BUNDLES_DIR;
  return { ...base, ...env };
}

function matches(value: Json, match: Record<string, unknown>): boolean {
  return Object.entries(match).every(([key, expected]) => JSON.stringify(value?.[key]) === JSON.stringify(expected));
}

export function synthesize(env: Record<string, string> = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'chat-room-cdktf-'));
  const config = loadConfig(testEnv(env));
  const { stack, stackDir, bootstrapDir } = synthesizeApp(config, { outdir });
  const stackName = stack.node.id;
  const text = readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8');
  const json = JSON.parse(text);
  const resources = (type: string): Record<string, Json> => json.resource?.[type] ?? {};
  const resource = (type: string, match: Record<string, unknown> = {}) => {
    const found = Object.entries(resources(type)).filter(([, value]) => matches(value, match));
    if (found.length !== 1)
      throw new Error(`expected one ${type} matching ${JSON.stringify(match)}, found ${found.length}`);
    const [name, value] = found[0]!;
    return { name, value };
  };
  return {
    outdir,
    stackDir,
    stackName,
    bootstrapDir,
    json,
    text,
    resources,
    resource,
    address: (type, match) => `${type}.${resource(type, match).name}`,
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** `${aws_x.name.attr}` for a resource address and attribute. */
export const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;

/** Every string anywhere inside a JSON value, with its path. */
export function* strings(value: Json, path = '$'): Generator<{ path: string; value: string }> {
  if (typeof value === 'string') yield { path, value };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* strings(item, `${path}.${key}`);
}

/** The IAM statements of every `aws_iam_role_policy`, keyed by the role's function name. */
export function policies(
  synth: Synthesized,
): Record<string, { Sid: string; Effect: string; Action: string[]; Resource: string[]; Condition?: Json }[]> {
  const out: Record<string, Json[]> = {};
  for (const policy of Object.values(synth.resources('aws_iam_role_policy'))) {
    out[policy.name] = JSON.parse(policy.policy).Statement;
  }
  return out;
}
