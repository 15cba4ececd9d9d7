import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/**
 * Reads an SSM SecureString once (WithDecryption) and caches it for the container's life. A failed read
 * is not cached: the next invocation tries again.
 */
export function createSsmSecretReader(region: string, name: string): () => Promise<string> {
  let cached: Promise<string> | undefined;
  let client: SSMClient | undefined;
  return () => {
    if (!cached) {
      client ??= new SSMClient({ region });
      cached = client
        .send(new GetParameterCommand({ Name: name, WithDecryption: true }))
        .then((out) => {
          const value = out.Parameter?.Value;
          if (!value) throw new Error(`SSM parameter ${name} has no value`);
          return value;
        })
        .catch((error: unknown) => {
          cached = undefined;
          throw error;
        });
    }
    return cached;
  };
}
