// Test helper: a moto_server (AWS emulator) on a free port, the real `npm run deploy` path pointed at it,
// and what a test reads back (S3 keys and objects, Terraform outputs and plans).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const cdktfDir = fileURLToPath(new URL('..', import.meta.url));
export const pluginDir = process.env.CHAT_ROOM_TF_PLUGIN_DIR ?? '/opt/tf-plugins';

/** moto's default account: what `aws_caller_identity` returns there. */
export const MOTO_ACCOUNT = '123456789012';

/**
 * What moto leaves out of its answers, so that a second `terraform plan` right after the apply shows a
 * change AWS would not: exactly these (resource type, top-level attribute) pairs are tolerated.
 */
export const MOTO_DRIFT: { type: string; attribute: string; why: string }[] = [
  {
    type: 'aws_lambda_function',
    attribute: 'logging_config',
    why: "moto's GetFunction omits LoggingConfig (log format, levels, log group), so the provider reads it back empty",
  },
];

/** The hashicorp/aws versions in the local mirror (`<pluginDir>/registry.terraform.io/hashicorp/aws/<v>`). */
export function mirrorVersions(): string[] {
  const dir = join(pluginDir, 'registry.terraform.io', 'hashicorp', 'aws');
  return existsSync(dir) ? readdirSync(dir).filter((v) => /^\d+\.\d+\.\d+$/.test(v)) : [];
}

/** Why the moto tests cannot run here, or false. */
export function motoSkipReason(): string | false {
  if (spawnSync('terraform', ['version'], { encoding: 'utf8' }).status !== 0) return 'terraform is not installed';
  if (mirrorVersions().length === 0)
    return `no local hashicorp/aws provider under ${pluginDir} (set CHAT_ROOM_TF_PLUGIN_DIR)`;
  const moto = spawnSync('moto_server', ['--help'], { encoding: 'utf8', timeout: 60_000 });
  if (moto.error || moto.status !== 0) return 'moto_server is not installed (pip install "moto[server]")';
  return false;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Moto {
  url: string;
  close(): Promise<void>;
}

/** Starts moto_server (with AWS-managed IAM policies loaded, as in a real account) and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) return { url, close };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`moto_server did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function createBucket(moto: Moto, bucket: string): Promise<void> {
  const response = await fetch(`${moto.url}/${bucket}`, { method: 'PUT', headers: AS_ACCOUNT });
  if (!response.ok) throw new Error(`creating bucket ${bucket}: ${response.status} ${await response.text()}`);
}

/**
 * Requests as the account (moto checks who asks, not the signature): objects Terraform wrote are private,
 * so an anonymous GET is refused with 403, as on AWS.
 */
const AS_ACCOUNT = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0',
};

export async function s3Keys(moto: Moto, bucket: string): Promise<string[]> {
  const xml = await (await fetch(`${moto.url}/${bucket}?list-type=2`, { headers: AS_ACCOUNT })).text();
  return [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);
}

export async function s3Get(moto: Moto, bucket: string, key: string): Promise<string | undefined> {
  const response = await fetch(`${moto.url}/${bucket}/${key}`, { headers: AS_ACCOUNT });
  return response.ok ? response.text() : undefined;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion without blocking this process (the test polls moto meanwhile). */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** `npm run deploy`'s own script: `node --import tsx src/deploy.ts <args>` in cdktf/. */
export const deploy = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, ['--import', 'tsx', 'src/deploy.ts', ...args], cdktfDir, env);

export const terraform = (dir: string, args: string[], env: NodeJS.ProcessEnv) => run('terraform', args, dir, env);

/** The environment pointing the deploy script and Terraform at moto, with the stack's own settings. */
export function motoEnv(moto: Moto, outdir: string, settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(AWS_|TF_|CHAT_ROOM_|CDKTF_)/.test(key)) env[key] = value;
  const version = mirrorVersions().sort().at(-1)!;
  return {
    ...env,
    AWS_ENDPOINT_URL: moto.url,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    // The provider from the local mirror (the registry is not reachable); the S3 backend path-style for moto.
    TF_CLI_ARGS_init: `-plugin-dir=${pluginDir}${settings.TF_STATE_BUCKET ? ' -backend-config=use_path_style=true' : ''}`,
    CDKTF_OUTDIR: outdir,
    AWS_PROVIDER_VERSION: version,
    ...(version.startsWith('5.') ? { LAMBDA_RUNTIME: 'nodejs22.x' } : {}),
    ...(process.env.CHAT_ROOM_BUNDLES_DIR ? { CHAT_ROOM_BUNDLES_DIR: process.env.CHAT_ROOM_BUNDLES_DIR } : {}),
    ...settings,
  };
}

export interface Drift {
  address: string;
  actions: string[];
  attributes: string[];
}

/** The changes of a saved plan (`terraform show -json`), with the top-level attributes each would change. */
export function driftOf(planJson: string): Drift[] {
  const plan = JSON.parse(planJson) as {
    resource_changes?: { address: string; change: { actions: string[]; before: any; after: any } }[];
  };
  return (plan.resource_changes ?? [])
    .filter((c) => c.change.actions.join() !== 'no-op' && c.change.actions.join() !== 'read')
    .map((c) => {
      const before = c.change.before ?? {};
      const after = c.change.after ?? {};
      const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
      const attributes = [...keys]
        .filter((key) => after[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(after[key]))
        .sort();
      return { address: c.address, actions: c.change.actions, attributes };
    });
}
