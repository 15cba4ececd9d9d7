import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard/index.js';
import { Construct } from 'constructs';
import { BROADCAST_DIMENSION, BROADCAST_METRICS, BROADCAST_NAMESPACE } from './broadcast-metrics.js';

export interface DashboardProps {
  prefix: string;
  stage: string;
  region: string;
  functionNames: string[];
  apiId: string;
  tableNames: string[];
  /** ARNs of the stack's alarms, shown in one status widget. */
  alarmArns: string[];
}

type Metric = (string | Record<string, string>)[];

interface Widget {
  type: 'metric' | 'alarm';
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

const metricWidget = (
  title: string,
  region: string,
  metrics: Metric[],
  options: { stat?: string; period?: number } = {},
): Widget => ({
  type: 'metric',
  width: 12,
  height: 6,
  properties: {
    title,
    region,
    view: 'timeSeries',
    stacked: false,
    stat: options.stat ?? 'Sum',
    period: options.period ?? 300,
    metrics,
  },
});

/** Each function's metric, one line per function (the metric name only on the first, as CloudWatch writes it). */
const perFunction = (names: string[], metric: string, extra: Record<string, string> = {}): Metric[] =>
  names.map((name) => ['AWS/Lambda', metric, 'FunctionName', name, { label: name, ...extra }]);

/**
 * One CloudWatch dashboard (`<name>-<stage>`): alarm states; API connects, messages and errors; the
 * functions' invocations, errors, throttles, p99 duration and concurrency; DynamoDB consumed capacity and
 * throttles; the broadcast metrics (posted, gone, throttled, failed, p99 duration).
 */
export class ChatDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const { region, functionNames: fns } = props;
    const api = ['ApiId', props.apiId, 'Stage', props.stage];
    const broadcast = (metric: string, extra: Record<string, string> = {}): Metric => [
      BROADCAST_NAMESPACE,
      metric,
      BROADCAST_DIMENSION,
      props.stage,
      { label: metric, ...extra },
    ];
    const table = (metric: string): Metric[] =>
      props.tableNames.map((name) => ['AWS/DynamoDB', metric, 'TableName', name, { label: `${name} ${metric}` }]);

    const widgets: Widget[] = [
      {
        type: 'alarm',
        width: 24,
        height: 4,
        properties: { title: 'Alarms', alarms: props.alarmArns, sortBy: 'stateUpdatedTimestamp' },
      },
      metricWidget('WebSocket API: connects and messages', region, [
        ['AWS/ApiGateway', 'ConnectCount', ...api],
        ['AWS/ApiGateway', 'MessageCount', ...api],
      ]),
      metricWidget('WebSocket API: errors', region, [
        ['AWS/ApiGateway', 'IntegrationError', ...api],
        ['AWS/ApiGateway', 'ExecutionError', ...api],
        ['AWS/ApiGateway', 'ClientError', ...api],
      ]),
      metricWidget('Lambda: invocations', region, perFunction(fns, 'Invocations')),
      metricWidget('Lambda: errors and throttles', region, [
        ...perFunction(fns, 'Errors'),
        ...fns.map((name): Metric => ['AWS/Lambda', 'Throttles', 'FunctionName', name, { label: `${name} throttles` }]),
      ]),
      metricWidget('Lambda: duration p99 (ms)', region, perFunction(fns, 'Duration'), { stat: 'p99' }),
      metricWidget('Lambda: concurrent executions (max)', region, perFunction(fns, 'ConcurrentExecutions'), {
        stat: 'Maximum',
      }),
      metricWidget('DynamoDB: consumed capacity', region, [
        ...table('ConsumedReadCapacityUnits'),
        ...table('ConsumedWriteCapacityUnits'),
      ]),
      metricWidget('DynamoDB: throttle events', region, [
        ...table('ReadThrottleEvents'),
        ...table('WriteThrottleEvents'),
      ]),
      metricWidget('Broadcast: posts', region, [
        broadcast(BROADCAST_METRICS.posted),
        broadcast(BROADCAST_METRICS.gone),
        broadcast(BROADCAST_METRICS.throttled),
        broadcast(BROADCAST_METRICS.failed),
      ]),
      metricWidget('Broadcast: duration (ms)', region, [broadcast(BROADCAST_METRICS.durationMs)], { stat: 'p99' }),
    ];
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.prefix,
      dashboardBody: JSON.stringify({ widgets }),
    });
  }
}
