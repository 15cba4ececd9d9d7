// Rollup plugins for the Lambda bundles (see rollup.config.js).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const NODE_CHAIN = '@aws-sdk/credential-provider-node';
const ENV_PROVIDER = '@aws-sdk/credential-provider-env';
const LAMBDA_CREDENTIALS = '\0lambda-env-credentials';

/**
 * Every SDK client's Node runtime config imports `defaultProvider` from `@aws-sdk/credential-provider-node`:
 * the whole default chain (env, SSO, ini files, credential_process, web identity, ECS/IMDS, plus the STS
 * and SSO clients they use), about two thirds of a bundle. On Lambda the execution role's credentials are
 * always in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), which is the
 * chain's first link, so the bundles get that link alone: the SDK's own `fromEnv`
 * (`@aws-sdk/credential-provider-env`, resolved from the chain's package so its version is the one the
 * chain would use). Without those variables a call fails with "Unable to find environment variable
 * credentials." The compiled library (`dist/`, not bundled) keeps the default chain.
 */
export function lambdaEnvCredentials() {
  let chainEntry;
  return {
    name: 'lambda-env-credentials',
    async resolveId(source, importer) {
      if (source === NODE_CHAIN) {
        chainEntry ??= (await this.resolve(NODE_CHAIN, importer, { skipSelf: true }))?.id;
        if (!chainEntry) this.error(`cannot resolve ${NODE_CHAIN} from ${importer}`);
        return { id: LAMBDA_CREDENTIALS, moduleSideEffects: false };
      }
      if (source === ENV_PROVIDER && importer === LAMBDA_CREDENTIALS) {
        return this.resolve(ENV_PROVIDER, chainEntry, { skipSelf: true });
      }
      return null;
    },
    load(id) {
      if (id !== LAMBDA_CREDENTIALS) return null;
      return `export { fromEnv as defaultProvider } from '${ENV_PROVIDER}';\n`;
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const leaked = Object.keys(chunk.modules).filter((id) =>
          /[\\/]@aws-sdk[\\/]credential-provider-(?!env[\\/])/.test(id),
        );
        if (leaked.length)
          this.error(`the default credential chain is still bundled (${chunk.fileName}): ${leaked.join(', ')}`);
      }
    },
  };
}

/** Removes files a previous build left in the output folder (e.g. a renamed chunk), so a zipped folder is exactly this build. */
export function removeStaleOutput() {
  return {
    name: 'remove-stale-output',
    writeBundle(options, bundle) {
      if (!options.dir) return;
      for (const entry of readdirSync(options.dir)) {
        if (!(entry in bundle)) rmSync(join(options.dir, entry), { recursive: true, force: true });
      }
    },
  };
}
