import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { connectionsTable, messagesTable, tableName } from '@chat-room/backend/tables';
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ChatAlarms } from './alarms.js';
import { ChatApi } from './api.js';
import type { StackConfig } from './config.js';
import { CustomDomain } from './custom-domain.js';
import { ChatDashboard } from './dashboard.js';
import { ChatFunctions } from './functions.js';
import type { TokenSecret } from './functions.js';
import { ChatRoutes } from './routes.js';
import { ChatTables } from './tables.js';
import { configureTerraform } from './terraform-settings.js';

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
  readonly alarms: ChatAlarms;
  readonly customDomain?: CustomDomain;

  constructor(scope: Construct, id: string, props: ChatRoomStackProps) {
    super(scope, id);
    const { config } = props;

    configureTerraform(this, config, {
      stateName: id,
      s3Key: config.stateBackend?.key ?? '',
      stageTag: config.stage,
    });

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
    });
    // The @connections API of the stage, on API Gateway's own host.
    const managementEndpoint = `${Fn.replace(this.api.api.apiEndpoint, 'wss://', 'https://')}/${config.stage}`;

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
      runtime: config.lambdaRuntime,
      reservedConcurrency: config.reservedConcurrency,
      ...(config.messageRetentionDays !== undefined ? { messageRetentionDays: config.messageRetentionDays } : {}),
      ...(config.customDomain ? { managementEndpoint } : {}),
    });

    this.routes = new ChatRoutes(this, 'routes', {
      prefix: config.prefix,
      api: this.api,
      functions: this.functions,
      authMode: config.authMode,
    });
    // $connect tighter than sendMessage (the stage default), ping on its own small budget.
    this.api.throttleRoutes(
      [
        { routeKey: '$connect', ...config.connectThrottle },
        { routeKey: 'ping', ...config.pingThrottle },
      ],
      [this.routes.routes.$connect!, this.routes.routes.ping!],
    );

    this.alarms = new ChatAlarms(this, 'alarms', {
      prefix: config.prefix,
      stage: config.stage,
      functions: this.functions.all,
      apiId: this.api.api.id,
      tables: [connectionsTable, messagesTable].map((definition) => ({
        name: tableName(config.prefix, definition),
        definition,
      })),
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });
    new ChatDashboard(this, 'dashboard', {
      prefix: config.prefix,
      stage: config.stage,
      region: config.region,
      functionNames: this.functions.all.map((fn) => fn.functionName),
      apiId: this.api.api.id,
      tableNames: [connectionsTable, messagesTable].map((definition) => tableName(config.prefix, definition)),
      alarmArns: this.alarms.alarms.map((alarm) => alarm.arn),
    });

    if (config.customDomain) {
      this.customDomain = new CustomDomain(this, 'custom-domain', {
        ...config.customDomain,
        apiId: this.api.api.id,
        stageId: this.api.stage.id,
      });
      new TerraformOutput(this, 'custom_websocket_url', {
        value: this.customDomain.url,
        description: 'wss:// URL on your domain (once its DNS points at custom_domain_target)',
      });
      new TerraformOutput(this, 'custom_domain_target', {
        value: this.customDomain.targetDomainName,
        description: 'Point the custom domain here (Route 53 alias or CNAME)',
      });
      new TerraformOutput(this, 'custom_domain_hosted_zone_id', {
        value: this.customDomain.hostedZoneId,
        description: 'Hosted zone of custom_domain_target, for a Route 53 alias record',
      });
    }

    new TerraformOutput(this, 'alarm_topic_arn', {
      value: this.alarms.topic.arn,
      description: 'SNS topic every alarm notifies (subscribe more endpoints to it)',
    });
    new TerraformOutput(this, 'websocket_url', {
      value: this.api.stage.invokeUrl,
      description: 'wss:// URL for the widget (url attribute) and the client SDK',
    });
    new TerraformOutput(this, 'management_endpoint', {
      value: managementEndpoint,
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
