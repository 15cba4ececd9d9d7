// The synthesized stacks applied to and destroyed from an AWS emulator (moto_server) through the real
// `npm run deploy` / `npm run destroy` path (src/deploy.ts: synth, lock file, terraform init + apply), with
// the real AWS provider from the local mirror: guest mode, token mode with the production settings, S3
// state (the native lock file must exist during the apply and be gone after), and the bootstrap stack.
// After each apply a second plan must show nothing but moto's known drift (MOTO_DRIFT in moto.ts).
// Skipped, saying why, where terraform, the mirror or moto_server are missing. One moto for every mode;
// the modes run concurrently (different stage names), each with one apply.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import {
  MOTO_ACCOUNT,
  MOTO_DRIFT,
  createBucket,
  deploy,
  driftOf,
  motoEnv,
  motoSkipReason,
  s3Get,
  s3Keys,
  startMoto,
  terraform,
} from './moto.js';
import type { Moto, Run } from './moto.js';

const skip = motoSkipReason();
const BUCKET = 'chat-room-state';
const tail = (r: Run) => `${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let moto: Moto;
let work: string;

/** Outputs and state of an applied stack. */
async function read(dir: string, env: NodeJS.ProcessEnv) {
  const outputs = JSON.parse((await terraform(dir, ['output', '-json'], env)).stdout);
  const state = JSON.parse((await terraform(dir, ['show', '-json'], env)).stdout);
  const resources = (state.values?.root_module?.resources ?? []) as { type: string; values: any }[];
  const value = (name: string) => outputs[name]?.value as string;
  return { value, resources };
}

/** A second plan right after the apply: only MOTO_DRIFT may show, every entry of which must show. */
async function checkDrift(t: TestContext, label: string, dir: string, env: NodeJS.ProcessEnv, expected = MOTO_DRIFT) {
  const plan = await terraform(dir, ['plan', '-input=false', '-no-color', '-out=drift.plan'], env);
  assert.equal(plan.status, 0, tail(plan));
  const drift = driftOf((await terraform(dir, ['show', '-json', 'drift.plan'], env)).stdout);
  const found = new Set(drift.flatMap((d) => d.attributes.map((a) => `${d.address.split('.')[0]}.${a}`)));
  t.diagnostic(
    `${label}: second plan ${/Plan: .*|No changes\./.exec(plan.stdout)?.[0] ?? '?'}; drift: ${[...found].join(', ') || 'none'}`,
  );
  for (const d of drift) assert.deepEqual(d.actions, ['update'], `${d.address} would be ${d.actions}`);
  assert.deepEqual([...found].sort(), expected.map((d) => `${d.type}.${d.attribute}`).sort());
}

describe('the stacks on moto (apply, outputs, drift, destroy)', { skip, timeout: 900_000, concurrency: true }, () => {
  before(async () => {
    moto = await startMoto();
    work = mkdtempSync(join(tmpdir(), 'chat-room-moto-'));
  });
  after(async () => {
    await moto?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const cases: { stage: string; settings: Record<string, string> }[] = [
    { stage: 'guest', settings: {} },
    {
      stage: 'token',
      settings: {
        AUTH_MODE: 'token',
        TOKEN_SECRET_PARAMETER: '/chat-room/token/secret',
        ALARM_EMAIL: 'ops@example.com',
        RESERVED_CONCURRENCY_MESSAGES: '5',
        MESSAGE_RETENTION_DAYS: '30',
        AWS_ALLOWED_ACCOUNT_IDS: MOTO_ACCOUNT,
      },
    },
    { stage: 's3', settings: { TF_STATE_BUCKET: BUCKET } },
  ];

  for (const { stage, settings } of cases) {
    it(`${stage}: npm run deploy applies, the outputs are right, a second plan shows only moto's drift, npm run destroy removes it all`, async (t) => {
      const outdir = join(mkdtempSync(join(work, `${stage}-`)), 'cdktf.out');
      const env = motoEnv(moto, outdir, { CHAT_ROOM_STAGE: stage, ...settings });
      const dir = join(outdir, 'stacks', `chat-room-${stage}`);
      const stateKey = `chat-room/${stage}/terraform.tfstate`;
      const s3 = Boolean(settings.TF_STATE_BUCKET);
      if (s3) await createBucket(moto, BUCKET);

      if (settings.AWS_ALLOWED_ACCOUNT_IDS) {
        const refused = await deploy(['plan', '-no-color'], { ...env, AWS_ALLOWED_ACCOUNT_IDS: '111111111111' });
        assert.equal(refused.status, 1, 'the provider refuses an account not in AWS_ALLOWED_ACCOUNT_IDS');
        assert.match(refused.stderr + refused.stdout, /AWS account ID not allowed: 123456789012/);
      }

      // While the apply runs, watch the bucket for Terraform's lock object, and check it really locks.
      const lock = { seen: false, body: '', concurrentPlan: undefined as Run | undefined };
      const applying = deploy(['apply', '-auto-approve', '-no-color'], env);
      let done = false;
      void applying.then(() => (done = true));
      while (s3 && !done) {
        if (!lock.seen && (await s3Keys(moto, BUCKET)).includes(`${stateKey}.tflock`)) {
          lock.seen = true;
          lock.body = (await s3Get(moto, BUCKET, `${stateKey}.tflock`)) ?? '';
          lock.concurrentPlan = await terraform(dir, ['plan', '-input=false', '-no-color', '-lock-timeout=0s'], env);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const apply = await applying;
      assert.equal(apply.status, 0, tail(apply));
      const summary = /Plan: (\d+) to add, 0 to change, 0 to destroy\./.exec(apply.stdout);
      assert.ok(summary, 'apply printed its plan');
      t.diagnostic(`${stage}: ${summary[0]} applied in ${seconds(apply.ms)} (synth + init + apply)`);
      assert.match(apply.stdout, new RegExp(`Apply complete! Resources: ${summary[1]} added, 0 changed, 0 destroyed`));

      const { value, resources } = await read(dir, env);
      const apiId = value('api_id');
      assert.match(apiId, /^[a-z0-9]+$/);
      assert.equal(value('websocket_url'), `wss://${apiId}.execute-api.us-east-1.amazonaws.com/${stage}`);
      assert.equal(value('management_endpoint'), `https://${apiId}.execute-api.us-east-1.amazonaws.com/${stage}`);
      assert.equal(value('connections_table'), `chat-room-${stage}-connections`);
      assert.equal(value('messages_table'), `chat-room-${stage}-messages`);
      assert.equal(value('alarm_topic_arn'), `arn:aws:sns:us-east-1:${MOTO_ACCOUNT}:chat-room-${stage}-alarms`);
      const of = (type: string) => resources.filter((r) => r.type === type);
      assert.equal(of('aws_lambda_function').length, 4);
      assert.equal(of('aws_cloudwatch_metric_alarm').length, 19);
      assert.equal(of('aws_apigatewayv2_stage')[0]!.values.route_settings.length, 2);

      if (settings.AUTH_MODE === 'token') {
        const parameterArn = `arn:aws:ssm:us-east-1:${MOTO_ACCOUNT}:parameter/chat-room/token/secret`;
        const readers = of('aws_iam_role_policy')
          .filter((p) => p.values.policy.includes(parameterArn))
          .map((p) => p.values.name)
          .sort();
        assert.deepEqual(readers, [`chat-room-${stage}-authorizer`, `chat-room-${stage}-connect`]);
        const messages = of('aws_lambda_function').find(
          (f) => f.values.function_name === `chat-room-${stage}-messages`,
        )!;
        assert.equal(messages.values.reserved_concurrent_executions, 5);
        assert.equal(messages.values.environment[0].variables.MESSAGE_RETENTION_DAYS, '30');
        assert.equal(of('aws_sns_topic_subscription')[0]!.values.endpoint, 'ops@example.com');
      }

      if (s3) {
        assert.ok(lock.seen, `${stateKey}.tflock never appeared in the bucket during the apply`);
        assert.match(lock.body, /"Operation":\s*"OperationTypeApply"/, lock.body);
        assert.equal(lock.concurrentPlan?.status, 1, 'a second Terraform could not take the lock');
        assert.match(lock.concurrentPlan!.stderr, /Error acquiring the state lock/);
        const keys = await s3Keys(moto, BUCKET);
        assert.ok(keys.includes(stateKey), keys.join());
        assert.ok(!keys.includes(`${stateKey}.tflock`), 'the lock is released after the apply');
      }

      await checkDrift(t, stage, dir, env);

      const destroy = await deploy(['destroy', '-auto-approve', '-no-color'], env);
      assert.equal(destroy.status, 0, tail(destroy));
      assert.match(destroy.stdout, new RegExp(`Destroy complete! Resources: ${summary[1]} destroyed`));
      t.diagnostic(`${stage}: destroyed in ${seconds(destroy.ms)} (synth + init + destroy)`);
      assert.equal((await terraform(dir, ['state', 'list'], env)).stdout.trim(), '');
      if (s3) {
        assert.ok(!(await s3Keys(moto, BUCKET)).includes(`${stateKey}.tflock`));
        assert.deepEqual(JSON.parse((await s3Get(moto, BUCKET, stateKey))!).resources, []);
      }
    });
  }

  it('bootstrap: npm run deploy:bootstrap sets the account logging role; a second plan is clean; destroy', async (t) => {
    const outdir = join(mkdtempSync(join(work, 'bootstrap-')), 'cdktf.out');
    const env = motoEnv(moto, outdir, {});
    const dir = join(outdir, 'stacks', 'chat-room-bootstrap');
    const apply = await deploy(['apply', '--bootstrap', '-auto-approve', '-no-color'], env);
    assert.equal(apply.status, 0, tail(apply));
    t.diagnostic(`bootstrap: ${/Plan: .*/.exec(apply.stdout)?.[0]} applied in ${seconds(apply.ms)}`);
    const { value, resources } = await read(dir, env);
    const role = `arn:aws:iam::${MOTO_ACCOUNT}:role/chat-room-apigw-logs-us-east-1`;
    assert.equal(value('cloudwatch_role_arn'), role);
    assert.equal(resources.find((r) => r.type === 'aws_api_gateway_account')?.values.cloudwatch_role_arn, role);
    await checkDrift(t, 'bootstrap', dir, env, []);
    const destroy = await deploy(['destroy', '--bootstrap', '-auto-approve', '-no-color'], env);
    assert.equal(destroy.status, 0, tail(destroy));
  });
});
