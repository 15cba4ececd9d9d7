import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { allow, assumeRolePolicy, policyDocument } from './iam.js';
import type { PolicyStatement } from './iam.js';
import { DEFAULT_LAMBDA_RUNTIME } from './versions.js';
import type { LambdaRuntime } from './versions.js';

/** The default runtime (`LAMBDA_RUNTIME` chooses another). */
export const LAMBDA_RUNTIME = DEFAULT_LAMBDA_RUNTIME;
export const LAMBDA_ARCHITECTURE = 'arm64';
export const LAMBDA_HANDLER = 'index.handler';

/** Lambda's application log level for each `LOG_LEVEL` (filtered at source, before CloudWatch bills it). */
export const APPLICATION_LOG_LEVELS: Record<string, string> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  silent: 'FATAL',
};

/**
 * Lambda's own lines (START/END/REPORT are INFO): WARN keeps timeouts, crashes and init failures and drops
 * three lines per invocation; duration, errors and throttles are CloudWatch metrics anyway.
 */
export const SYSTEM_LOG_LEVEL = 'WARN';

export interface ChatFunctionProps {
  /** Physical function name, e.g. `chat-room-dev-connect`; also the role's and the log group's. */
  functionName: string;
  description: string;
  /** Folder holding the bundle's `index.mjs`; zipped whole as the deployment package. */
  bundleDir: string;
  memorySize: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  logRetentionDays: number;
  /** `debug` | `info` | `warn` | `error` | `silent`: the application log level Lambda keeps. */
  logLevel: string;
  runtime?: LambdaRuntime;
  /** Reserved concurrent executions; unset = the account's unreserved pool. */
  reservedConcurrency?: number;
  /** What the function may do besides writing its own logs: only its actions, only its ARNs. */
  statements: PolicyStatement[];
}

/**
 * One Lambda function from a built bundle: the zipped asset, its log group (created first, with
 * retention), its own role whose inline policy allows writing to that log group and the given statements.
 */
export class ChatFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly asset: TerraformAsset;
  /** The physical name (a plain string, known at synth: alarms and the dashboard use it). */
  readonly functionName: string;
  readonly timeoutSeconds: number;

  constructor(scope: Construct, id: string, props: ChatFunctionProps) {
    super(scope, id);
    this.functionName = props.functionName;
    this.timeoutSeconds = props.timeoutSeconds;
    this.asset = new TerraformAsset(this, 'bundle', { path: props.bundleDir, type: AssetType.ARCHIVE });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.role = new IamRole(this, 'role', {
      name: props.functionName,
      description: `Execution role of the ${props.functionName} Lambda function`,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
    });
    const logs = allow('WriteOwnLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], [`${this.logGroup.arn}:*`]);
    const policy = new IamRolePolicy(this, 'policy', {
      name: props.functionName,
      role: this.role.id,
      policy: policyDocument([logs, ...props.statements]),
    });
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: props.runtime ?? LAMBDA_RUNTIME,
      architectures: [LAMBDA_ARCHITECTURE],
      handler: LAMBDA_HANDLER,
      filename: this.asset.path,
      sourceCodeHash: this.asset.assetHash,
      memorySize: props.memorySize,
      timeout: props.timeoutSeconds,
      environment: { variables: props.environment },
      // JSON, so that Lambda filters the application's lines by their `level` at source.
      loggingConfig: {
        logFormat: 'JSON',
        logGroup: this.logGroup.name,
        applicationLogLevel: APPLICATION_LOG_LEVELS[props.logLevel] ?? 'INFO',
        systemLogLevel: SYSTEM_LOG_LEVEL,
      },
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      // The log group must exist (with its retention) before the first invocation could create it, and
      // the role's policy before the function can log or reach its tables.
      dependsOn: [this.logGroup, policy],
    });
  }
}
