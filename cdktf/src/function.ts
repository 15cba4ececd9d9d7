import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { allow, assumeRolePolicy, policyDocument } from './iam.js';
import type { PolicyStatement } from './iam.js';

export const LAMBDA_RUNTIME = 'nodejs22.x';
export const LAMBDA_ARCHITECTURE = 'arm64';
export const LAMBDA_HANDLER = 'index.handler';

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

  constructor(scope: Construct, id: string, props: ChatFunctionProps) {
    super(scope, id);
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
      runtime: LAMBDA_RUNTIME,
      architectures: [LAMBDA_ARCHITECTURE],
      handler: LAMBDA_HANDLER,
      filename: this.asset.path,
      sourceCodeHash: this.asset.assetHash,
      memorySize: props.memorySize,
      timeout: props.timeoutSeconds,
      environment: { variables: props.environment },
      loggingConfig: { logFormat: 'Text', logGroup: this.logGroup.name },
      // The log group must exist (with its retention) before the first invocation could create it, and
      // the role's policy before the function can log or reach its tables.
      dependsOn: [this.logGroup, policy],
    });
  }
}
