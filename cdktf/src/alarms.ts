import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import type { CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import type { TableDefinition } from '@chat-room/backend/tables';
import { Construct } from 'constructs';
import { BROADCAST_DIMENSION, BROADCAST_METRICS, BROADCAST_NAMESPACE } from './broadcast-metrics.js';
import type { ChatFunction } from './function.js';

/** Every alarm looks at five-minute periods and treats no data (no traffic) as fine. */
export const ALARM_PERIOD_SECONDS = 300;

/** Thresholds, documented in cdktf/README.md ("Alarms"). */
export const ALARM_THRESHOLDS = {
  /** Lambda `Errors` (unhandled errors and timeouts; handlers answer bad input themselves): any. */
  lambdaErrors: 1,
  /** Lambda `Throttles` (reserved or account concurrency exhausted: callers are refused): any. */
  lambdaThrottles: 1,
  /** Lambda `Duration` p99 as a share of the function's timeout, for 3 periods in a row. */
  lambdaDurationP99OfTimeout: 0.8,
  /** API Gateway `IntegrationError` (a function failed or answered 4xx/5xx) per period. */
  apiIntegrationErrors: 5,
  /** API Gateway `ExecutionError` (the gateway itself failed a request) per period. */
  apiExecutionErrors: 1,
  /** DynamoDB read + write throttle events of a table and its indexes per period. */
  dynamodbThrottles: 1,
  /** `BroadcastFailed`: a connection lost a frame and was closed to gap-fill. */
  broadcastFailed: 1,
  /** `BroadcastThrottled` per period: sustained `@connections` throttling (the account's 10,000 rps). */
  broadcastThrottled: 100,
  /** `BroadcastDurationMs` p99, for 3 periods in a row. */
  broadcastDurationP99Ms: 10_000,
} as const;

export interface AlarmsProps {
  prefix: string;
  stage: string;
  functions: ChatFunction[];
  apiId: string;
  /** Physical table name → its definition (for the index names). */
  tables: { name: string; definition: TableDefinition }[];
  alarmEmail?: string;
}

type AlarmSpec = Omit<CloudwatchMetricAlarmConfig, 'alarmName' | 'alarmActions' | 'okActions'> & { name: string };

/**
 * The stack's alarms, all to one SNS topic (with an e-mail subscription when `ALARM_EMAIL` is set): per
 * function errors, throttles and p99 duration; the API's integration and execution errors; per table
 * throttles; broadcast failures, throttling and p99 duration (the backend's EMF metrics).
 *
 * The topic is not KMS-encrypted: CloudWatch cannot publish to a topic encrypted with the AWS-managed
 * `aws/sns` key, and alarm notifications carry no message content.
 */
export class ChatAlarms extends Construct {
  readonly topic: SnsTopic;
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, 'topic', { name: `${props.prefix}-alarms` });
    if (props.alarmEmail) {
      new SnsTopicSubscription(this, 'email', {
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: props.alarmEmail,
      });
    }
    const specs = [
      ...props.functions.flatMap((fn) => functionAlarms(props.prefix, fn)),
      ...apiAlarms(props.prefix, props.stage, props.apiId),
      ...props.tables.map((table) => tableThrottleAlarm(props.prefix, table.name, table.definition)),
      ...broadcastAlarms(props.prefix, props.stage),
    ];
    for (const { name, ...spec } of specs) {
      this.alarms.push(
        new CloudwatchMetricAlarm(this, name, {
          alarmName: name,
          treatMissingData: 'notBreaching',
          alarmActions: [this.topic.arn],
          okActions: [this.topic.arn],
          ...spec,
        }),
      );
    }
  }
}

const periods = (n: number) => ({ period: ALARM_PERIOD_SECONDS, evaluationPeriods: n, datapointsToAlarm: n });

function functionAlarms(prefix: string, fn: ChatFunction): AlarmSpec[] {
  const short = fn.functionName.slice(prefix.length + 1);
  const metric = { namespace: 'AWS/Lambda', dimensions: { FunctionName: fn.functionName } };
  const durationThreshold = Math.round(fn.timeoutSeconds * 1000 * ALARM_THRESHOLDS.lambdaDurationP99OfTimeout);
  return [
    {
      name: `${prefix}-lambda-${short}-errors`,
      alarmDescription: `${fn.functionName}: unhandled errors or timeouts`,
      ...metric,
      metricName: 'Errors',
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: ALARM_THRESHOLDS.lambdaErrors,
      ...periods(1),
    },
    {
      name: `${prefix}-lambda-${short}-throttles`,
      alarmDescription: `${fn.functionName}: invocations refused for lack of concurrency`,
      ...metric,
      metricName: 'Throttles',
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: ALARM_THRESHOLDS.lambdaThrottles,
      ...periods(1),
    },
    {
      name: `${prefix}-lambda-${short}-duration-p99`,
      alarmDescription: `${fn.functionName}: p99 duration near its ${fn.timeoutSeconds} s timeout for 15 minutes`,
      ...metric,
      metricName: 'Duration',
      extendedStatistic: 'p99',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: durationThreshold,
      ...periods(3),
    },
  ];
}

function apiAlarms(prefix: string, stage: string, apiId: string): AlarmSpec[] {
  const metric = { namespace: 'AWS/ApiGateway', dimensions: { ApiId: apiId, Stage: stage } };
  return [
    {
      name: `${prefix}-api-integration-errors`,
      alarmDescription: 'WebSocket API: integrations (functions) failing or answering 4xx/5xx',
      ...metric,
      metricName: 'IntegrationError',
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: ALARM_THRESHOLDS.apiIntegrationErrors,
      ...periods(1),
    },
    {
      name: `${prefix}-api-execution-errors`,
      alarmDescription: 'WebSocket API: requests API Gateway itself failed to execute',
      ...metric,
      metricName: 'ExecutionError',
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: ALARM_THRESHOLDS.apiExecutionErrors,
      ...periods(1),
    },
  ];
}

/** Read and write throttle events of the table and of each global secondary index, summed. */
function tableThrottleAlarm(prefix: string, tableName: string, definition: TableDefinition): AlarmSpec {
  const sources = [
    { TableName: tableName },
    ...definition.globalSecondaryIndexes.map((index) => ({
      TableName: tableName,
      GlobalSecondaryIndexName: index.name,
    })),
  ];
  const metrics = sources.flatMap((dimensions, i) =>
    ['ReadThrottleEvents', 'WriteThrottleEvents'].map((metricName) => ({
      id: `${metricName.startsWith('Read') ? 'r' : 'w'}${i}`,
      returnData: false,
      metric: {
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensions,
        period: ALARM_PERIOD_SECONDS,
        stat: 'Sum',
      },
    })),
  );
  return {
    name: `${prefix}-dynamodb-${tableName.slice(prefix.length + 1)}-throttles`,
    alarmDescription: `${tableName}: DynamoDB throttled reads or writes (table and indexes)`,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    threshold: ALARM_THRESHOLDS.dynamodbThrottles,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    metricQuery: [
      ...metrics,
      { id: 'throttles', expression: 'SUM(METRICS())', label: 'Throttle events', returnData: true },
    ],
  };
}

function broadcastAlarms(prefix: string, stage: string): AlarmSpec[] {
  const metric = { namespace: BROADCAST_NAMESPACE, dimensions: { [BROADCAST_DIMENSION]: stage } };
  return [
    {
      name: `${prefix}-broadcast-failed`,
      alarmDescription: 'Broadcast: posts that failed after retries (those connections were closed to gap-fill)',
      ...metric,
      metricName: BROADCAST_METRICS.failed,
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: ALARM_THRESHOLDS.broadcastFailed,
      ...periods(1),
    },
    {
      name: `${prefix}-broadcast-throttled`,
      alarmDescription: 'Broadcast: sustained @connections throttling (LimitExceededException)',
      ...metric,
      metricName: BROADCAST_METRICS.throttled,
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: ALARM_THRESHOLDS.broadcastThrottled,
      ...periods(1),
    },
    {
      name: `${prefix}-broadcast-duration-p99`,
      alarmDescription: 'Broadcast: p99 delivery time of a broadcast high for 15 minutes',
      ...metric,
      metricName: BROADCAST_METRICS.durationMs,
      extendedStatistic: 'p99',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: ALARM_THRESHOLDS.broadcastDurationP99Ms,
      ...periods(3),
    },
  ];
}
