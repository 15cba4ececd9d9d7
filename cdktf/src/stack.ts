import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { Fn, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ChatApi } from './api.js';
import type { StackConfig } from './config.js';
import { ChatFunctions } from './functions.js';
import type { TokenSecret } from './functions.js';
import { ChatRoutes } from './routes.js';
import { ChatTables } from './tables.js';

export interface ChatRoomStackProps {
  config: StackConfig;
  /** Absolute folder of the built bundles (checked by `resolveBundlesDir`). */
  bundlesDir: string;
}

/**
 * chat-room's backend on AWS: tables, functions, WebSocket API, in plain `aws_*` resources so that the
 * synthesized `cdk.tf.json` applies with `terraform` alone.
 */
export class ChatRoomStack extends TerraformStack {
  readonly tables: ChatTables;
  readonly api: ChatApi;
  readonly functions: ChatFunctions;
  readonly routes: ChatRoutes;

  constructor(scope: Construct, id: string, props: ChatRoomStackProps) {
    super(scope, id);
    const { config } = props;

    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [{ tags: { Project: config.name, Stage: config.stage, ManagedBy: 'chat-room-cdktf' } }],
    });

    if (config.stateBackend) {
      new S3Backend(this, {
        bucket: config.stateBackend.bucket,
        key: config.stateBackend.key,
        region: config.stateBackend.region,
        encrypt: true,
      });
      // Terraform's native S3 lock file (no DynamoDB lock table); not yet a typed S3Backend option in cdktf 0.21.
      this.addOverride('terraform.backend.s3.use_lockfile', true);
      this.addOverride('terraform.required_version', '>= 1.10.0');
    } else {
      // Relative to the synthesized stack folder: the state lands in cdktf/, outside cdktf.out (which a
      // synth rewrites), and the same JSON works from `cdktf deploy` and from plain `terraform apply`.
      new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    }

    this.tables = new ChatTables(this, 'tables', {
      prefix: config.prefix,
      deletionProtection: config.deletionProtection,
    });

    this.api = new ChatApi(this, 'websocket', {
      prefix: config.prefix,
      stageName: config.stage,
      throttleRate: config.throttleRate,
      throttleBurst: config.throttleBurst,
      logRetentionDays: config.logRetentionDays,
      apiGatewayLogRole: config.apiGatewayLogRole,
    });

    this.functions = new ChatFunctions(this, 'functions', {
      prefix: config.prefix,
      bundlesDir: props.bundlesDir,
      tables: this.tables,
      stageExecutionArn: this.api.stageExecutionArn,
      authMode: config.authMode,
      allowedOrigins: config.allowedOrigins,
      ...(config.tokenSecretParameter ? { tokenSecret: this.tokenSecret(config, config.tokenSecretParameter) } : {}),
      logRetentionDays: config.logRetentionDays,
      logLevel: config.logLevel,
      rateLimitMessages: config.rateLimitMessages,
      rateLimitWindowMs: config.rateLimitWindowMs,
    });

    this.routes = new ChatRoutes(this, 'routes', {
      prefix: config.prefix,
      api: this.api,
      functions: this.functions,
      authMode: config.authMode,
    });

    new TerraformOutput(this, 'websocket_url', {
      value: this.api.stage.invokeUrl,
      description: 'wss:// URL for the widget (url attribute) and the client SDK',
    });
    new TerraformOutput(this, 'management_endpoint', {
      value: `${Fn.replace(this.api.api.apiEndpoint, 'wss://', 'https://')}/${config.stage}`,
      description: 'The @connections API endpoint of the stage',
    });
    new TerraformOutput(this, 'api_id', { value: this.api.api.id, description: 'WebSocket API id' });
    new TerraformOutput(this, 'connections_table', {
      value: this.tables.connections.name,
      description: 'Connections table name',
    });
    new TerraformOutput(this, 'messages_table', {
      value: this.tables.messages.name,
      description: 'Messages table name',
    });
  }

  /**
   * The parameter's ARN, built from the caller's account and partition: only its name and ARN reach
   * the Terraform JSON and state, never its value (no `aws_ssm_parameter` data source, which would
   * store the decrypted secret in state).
   */
  private tokenSecret(config: StackConfig, parameterName: string): TokenSecret {
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    const path = parameterName.replace(/^\//, '');
    return {
      parameterName,
      parameterArn: `arn:${partition.partition}:ssm:${config.region}:${account.accountId}:parameter/${path}`,
      region: config.region,
      ...(config.tokenSecretKmsKeyArn ? { kmsKeyArn: config.tokenSecretKmsKeyArn } : {}),
    };
  }
}
