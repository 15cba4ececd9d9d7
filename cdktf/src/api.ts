import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api/index.js';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage/index.js';
import type { Apigatewayv2StageRouteSettings } from '@cdktf/provider-aws/lib/apigatewayv2-stage/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

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
}

/** A route with its own throttle (the others get the stage default). */
export interface RouteThrottleSetting {
  routeKey: string;
  rate: number;
  burst: number;
}

/**
 * Execution logs: errors only (a failed integration or authorizer, a configuration error), never request
 * or response data (data tracing stays off). They need the account's API Gateway CloudWatch role, which
 * the bootstrap stack sets.
 */
export const EXECUTION_LOGGING_LEVEL = 'ERROR';

/**
 * The WebSocket API (routing on `$request.body.action`) and its stage: auto-deployed, throttled by default
 * route settings (and per route, see {@link ChatApi.throttleRoutes}), JSON access logs and ERROR execution
 * logs to log groups with retention, no data tracing.
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
  /** `API-Gateway-Execution-Logs_{apiId}/{stage}`: created here so that it has a retention. */
  readonly executionLogGroup: CloudwatchLogGroup;
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

    this.executionLogGroup = new CloudwatchLogGroup(this, 'execution-logs', {
      name: `API-Gateway-Execution-Logs_${this.api.id}/${props.stageName}`,
      retentionInDays: props.logRetentionDays,
    });

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
        loggingLevel: EXECUTION_LOGGING_LEVEL,
      },
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: [this.executionLogGroup],
    });
  }

  /**
   * Gives routes their own throttles. The stage then depends on those routes too (API Gateway refuses
   * settings for a route key that does not exist yet).
   */
  throttleRoutes(settings: RouteThrottleSetting[], routes: TerraformResource[]): void {
    const routeSettings: Apigatewayv2StageRouteSettings[] = settings.map((setting) => ({
      routeKey: setting.routeKey,
      throttlingRateLimit: setting.rate,
      throttlingBurstLimit: setting.burst,
      dataTraceEnabled: false,
      detailedMetricsEnabled: false,
      loggingLevel: EXECUTION_LOGGING_LEVEL,
    }));
    this.stage.putRouteSettings(routeSettings);
    this.stage.dependsOn = [
      ...(this.stage.dependsOn ?? []),
      ...routes.map((route) => `${route.terraformResourceType}.${route.friendlyUniqueId}`),
    ];
  }
}
