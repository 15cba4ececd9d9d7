import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultBundlesDir } from '../src/bundles.js';
import { strings, synthesize } from './synth.js';
import type { Synthesized } from './synth.js';
import { zipEntries } from './zip.js';

/** Every `type.name` a Terraform expression inside `${...}` refers to (resources, data sources, vars, locals). */
function referencesIn(expression: string): string[] {
  const withoutStrings = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const refs =
    withoutStrings.match(/\b(?:data\.[a-z0-9_]+\.[\w-]+|aws_[a-z0-9_]+\.[\w-]+|var\.[\w-]+|local\.[\w-]+)/g) ?? [];
  return refs;
}

/** The `${...}` interpolations of a string, honouring nested braces. */
function interpolations(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 2)) {
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) {
        out.push(text.slice(i + 2, j));
        break;
      }
    }
  }
  return out;
}

for (const [mode, env] of [
  ['guest', {}],
  [
    'token + S3 state + every production setting',
    {
      AUTH_MODE: 'token',
      TOKEN_SECRET_PARAMETER: '/chat/secret',
      TF_STATE_BUCKET: 'state-bucket',
      ALARM_EMAIL: 'ops@example.com',
      RESERVED_CONCURRENCY_MESSAGES: '50',
      MESSAGE_RETENTION_DAYS: '30',
      AWS_ALLOWED_ACCOUNT_IDS: '123456789012',
      CUSTOM_DOMAIN: 'chat.example.com',
      CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
    },
  ],
] as const) {
  describe(`references and assets (${mode})`, () => {
    let s: Synthesized;
    let declared: Set<string>;
    before(() => {
      s = synthesize(env);
      declared = new Set<string>();
      for (const [type, rs] of Object.entries(s.json.resource ?? {}))
        for (const name of Object.keys(rs as object)) declared.add(`${type}.${name}`);
      for (const [type, ds] of Object.entries(s.json.data ?? {}))
        for (const name of Object.keys(ds as object)) declared.add(`data.${type}.${name}`);
      for (const name of Object.keys(s.json.variable ?? {})) declared.add(`var.${name}`);
      for (const name of Object.keys(s.json.locals ?? {})) declared.add(`local.${name}`);
    });
    after(() => s.cleanup());

    it('has no unresolved cdktf token', () => {
      assert.doesNotMatch(s.text, /TfToken|\$\{Token\[|#\{Token/);
    });

    it('every ${...} reference names a declared resource, data source, variable or local', () => {
      let checked = 0;
      for (const { path, value } of strings(s.json)) {
        for (const expression of interpolations(value)) {
          const refs = referencesIn(expression);
          assert.ok(
            refs.length > 0 || /^[a-z]+\(/.test(expression),
            `${path}: \${${expression}} refers to nothing known`,
          );
          for (const r of refs) {
            assert.ok(declared.has(r), `${path}: \${${expression}} refers to undeclared ${r}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 50, `only ${checked} references checked`);
    });

    it('every depends_on entry is a declared resource', () => {
      for (const [type, rs] of Object.entries(s.json.resource)) {
        for (const [name, value] of Object.entries(rs as Record<string, { depends_on?: string[] }>)) {
          for (const dep of value.depends_on ?? [])
            assert.ok(declared.has(dep), `${type}.${name} depends on undeclared ${dep}`);
        }
      }
    });

    it('every route targets a declared integration of the same API', () => {
      const routes = s.resources('aws_apigatewayv2_route');
      assert.ok(Object.keys(routes).length >= 6);
      for (const [name, route] of Object.entries(routes)) {
        const match = /^integrations\/\$\{(aws_apigatewayv2_integration\.[\w-]+)\.id\}$/.exec(route.target ?? '');
        assert.ok(match, `route ${name} (${route.route_key}) has no integration target`);
        assert.ok(declared.has(match[1]!), `route ${name} targets undeclared ${match[1]}`);
        const integration = s.json.resource.aws_apigatewayv2_integration[match[1]!.split('.')[1]!];
        assert.equal(integration.api_id, route.api_id, `route ${name} and its integration are on different APIs`);
      }
    });

    it('every function package exists after synth and holds the built bundle', () => {
      const bundles = process.env.CHAT_ROOM_BUNDLES_DIR ?? defaultBundlesDir();
      for (const fn of Object.values(s.resources('aws_lambda_function'))) {
        const zip = join(s.stackDir, fn.filename);
        assert.ok(existsSync(zip) && statSync(zip).size > 0, `missing package ${zip}`);
        const name = fn.function_name.replace('chat-room-dev-', '');
        const entries = zipEntries(zip);
        assert.ok(entries.includes('index.mjs'), `${fn.function_name}: no index.mjs in its package`);
        assert.deepEqual(
          entries.sort(),
          readdirSync(join(bundles, name)).sort(),
          `${fn.function_name}: the package is its bundle folder`,
        );
      }
    });

    it('outputs only refer to declared resources', () => {
      for (const [name, output] of Object.entries(s.json.output as Record<string, { value: string }>)) {
        for (const expression of interpolations(output.value))
          for (const r of referencesIn(expression)) assert.ok(declared.has(r), `output ${name}: ${r}`);
      }
    });
  });
}
