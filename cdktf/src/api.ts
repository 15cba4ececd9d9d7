import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account/index.js';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api/index.js';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { Construct } from 'constructs';
import { assumeRolePolicy } from './iam.js';

/**
 * One JSON object per connect, message and disconnect. Deliberately no request data: the query string
 * may carry a token (and WebSocket access logs cannot show it anyway without `$request`/`$input`
 * variables, which this format never uses), and message bodies stay out of the logs.
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  requestTimeEpoch: '$context.requestTimeEpoch',
  stage: '$context.stage',
  routeKey: '$context.routeKey',
  eventType: '$context.eventType',
  messageDirection: '$context.messageDirection',
  connectionId: '$context.connectionId',
  messageId: '$context.messageId',
  ip: '$context.identity.sourceIp',
  status: '$context.status',
  authorizeStatus: '$context.authorize.status',
  authorizerError: '$context.authorizer.error',
  integrationStatus: '$context.integration.status',
  integrationError: '$context.integration.error',
  integrationLatency: '$context.integration.latency',
  errorType: '$context.error.responseType',
  // messageString is already a quoted, escaped JSON string.
  error: '@ERROR@',
}).replace('"@ERROR@"', '$context.error.messageString');

export interface ApiProps {
  prefix: string;
  stageName: string;
  throttleRate: number;
  throttleBurst: number;
  logRetentionDays: number;
  /** `create`: also set API Gateway's account-wide CloudWatch role (needed once per account and region). */
  apiGatewayLogRole: 'create' | 'existing';
}

/**
 * The WebSocket API (routing on `$request.body.action`) and its stage: auto-deployed, throttled by default
 * route settings, JSON access logs to a log group with retention, no data tracing.
 *
 * Why `auto_deploy` rather than an explicit `aws_apigatewayv2_deployment` with hashed triggers: API
 * Gateway itself redeploys the stage after any change to a route, integration, integration response,
 * route response or authorizer, so no change can be forgotten by a hand-kept trigger list, and the
 * synthesized JSON needs no `create_before_destroy` dance.
 */
export class ChatApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogGroup: CloudwatchLogGroup;
  readonly stageName: string;
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}` (invoke and `@connections` ARNs start with it). */
  readonly stageExecutionArn: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.stageName = props.stageName;
    this.api = new Apigatewayv2Api(this, 'api', {
      name: props.prefix,
      description: 'chat-room WebSocket API',
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: '$request.body.action',
    });
    this.stageExecutionArn = `${this.api.executionArn}/${props.stageName}`;

    this.accessLogGroup = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${props.prefix}/access`,
      retentionInDays: props.logRetentionDays,
    });

    const account = props.apiGatewayLogRole === 'create' ? this.accountLogRole(props.prefix) : undefined;

    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: props.stageName,
      description: `chat-room ${props.stageName} stage`,
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: props.throttleRate,
        throttlingBurstLimit: props.throttleBurst,
        dataTraceEnabled: false,
        detailedMetricsEnabled: false,
        loggingLevel: 'OFF',
      },
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: ACCESS_LOG_FORMAT },
      ...(account ? { dependsOn: [account] } : {}),
    });
  }

  /**
   * API Gateway writes WebSocket access logs with the account's (per region) CloudWatch role. Creating it
   * here replaces any role already set for the account, hence opt-in (`API_GATEWAY_LOG_ROLE=create`).
   */
  private accountLogRole(prefix: string): ApiGatewayAccount {
    const partition = new DataAwsPartition(this, 'partition');
    const role = new IamRole(this, 'cloudwatch-role', {
      name: `${prefix}-apigateway-cloudwatch`,
      description: "API Gateway's account-level role for writing CloudWatch logs",
      assumeRolePolicy: assumeRolePolicy('apigateway.amazonaws.com'),
    });
    const attachment = new IamRolePolicyAttachment(this, 'cloudwatch-role-policy', {
      role: role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
    });
    return new ApiGatewayAccount(this, 'account', { cloudwatchRoleArn: role.arn, dependsOn: [attachment] });
  }
}
