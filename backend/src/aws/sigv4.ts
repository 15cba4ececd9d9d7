/**
 * SigV4 signing for the @connections API (service `execute-api`) without an SDK client: `@smithy/signature-v4`
 * (the SDK's own signer) with SHA-256 / HMAC-SHA-256 from `node:crypto`, and the credentials Lambda puts in
 * the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Checksum, SourceData } from '@smithy/types';

function bytes(data: SourceData): Uint8Array | string {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** The `Checksum` the signer wants: SHA-256, or HMAC-SHA-256 when constructed with a secret. */
export class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }
  private create(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): Promise<Uint8Array> {
    const out = this.hash.digest();
    return Promise.resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  }
  reset(): void {
    this.hash = this.create();
  }
}

/** Credentials from the environment, read per request (cheap); a missing variable is a clear error. */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env): AwsCredentialIdentity {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('cannot sign @connections requests: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set');
  }
  const sessionToken = env.AWS_SESSION_TOKEN;
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/** A SigV4 signer for API Gateway's management API in `region`. */
export function createExecuteApiSigner(
  region: string,
  credentials: () => AwsCredentialIdentity = () => environmentCredentials(),
): SignatureV4 {
  if (!region) throw new Error('cannot sign @connections requests: no region (AWS_REGION)');
  return new SignatureV4({
    service: 'execute-api',
    region,
    sha256: NodeSha256,
    credentials: async () => credentials(),
    // As the SDK's ApiGatewayManagementApi client: the (already percent-encoded) path is escaped again.
    uriEscapePath: true,
  });
}
