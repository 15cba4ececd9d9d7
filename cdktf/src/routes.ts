import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer/index.js';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration/index.js';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route/index.js';
import { Apigatewayv2RouteResponse } from '@cdktf/provider-aws/lib/apigatewayv2-route-response/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import { Construct } from 'constructs';
import type { ChatApi } from './api.js';
import type { AuthMode } from '@chat-room/backend';
import type { ChatFunction } from './function.js';
import type { ChatFunctions } from './functions.js';
import { PingRoute } from './ping-route.js';

/** The query-string parameter the REQUEST authorizer needs, per auth mode (absent → 401 without invoking it). */
export const IDENTITY_SOURCES: Record<AuthMode, string[]> = {
  guest: ['route.request.querystring.username'],
  token: ['route.request.querystring.token'],
};

/** Route keys handled by the messages function; each replies to its caller (two-way). */
export const MESSAGE_ROUTES = ['sendMessage', 'getHistory', '$default'] as const;

export interface RoutesProps {
  prefix: string;
  api: ChatApi;
  functions: ChatFunctions;
  authMode: AuthMode;
}

/** Terraform-safe id part for a route key (`$default` → `default`). */
const routeId = (key: string) => key.replace(/^\$/, '');

/**
 * Routes, integrations, the REQUEST authorizer and the Lambda permissions of the WebSocket API.
 * Each permission names one route (or the authorizer) of this API and stage, nothing wider.
 */
export class ChatRoutes extends Construct {
  readonly authorizer: Apigatewayv2Authorizer;
  readonly routes: Record<string, Apigatewayv2Route> = {};
  readonly routeResponses: Record<string, Apigatewayv2RouteResponse> = {};
  readonly integrations: Record<'connect' | 'disconnect' | 'messages', Apigatewayv2Integration>;
  readonly ping: PingRoute;
  /** `{executionArn}/{stage}`: permissions name routes under it. */
  private readonly stageArn: string;
  private readonly apiId: string;

  constructor(scope: Construct, id: string, props: RoutesProps) {
    super(scope, id);
    const { api, functions } = props;
    const apiId = api.api.id;
    this.stageArn = api.stageExecutionArn;
    this.apiId = apiId;

    this.authorizer = new Apigatewayv2Authorizer(this, 'authorizer', {
      apiId,
      name: `${props.prefix}-authorizer`,
      authorizerType: 'REQUEST',
      authorizerUri: functions.authorizer.function.invokeArn,
      identitySources: IDENTITY_SOURCES[props.authMode],
    });
    this.permit(functions.authorizer, 'authorizer', `${api.api.executionArn}/authorizers/${this.authorizer.id}`);

    const proxy = (name: string, fn: ChatFunction) =>
      new Apigatewayv2Integration(this, `${name}-integration`, {
        apiId,
        description: `${name}: Lambda proxy to ${fn.node.id}`,
        integrationType: 'AWS_PROXY',
        integrationMethod: 'POST',
        integrationUri: fn.function.invokeArn,
        contentHandlingStrategy: 'CONVERT_TO_TEXT',
      });
    this.integrations = {
      connect: proxy('connect', functions.connect),
      disconnect: proxy('disconnect', functions.disconnect),
      messages: proxy('messages', functions.messages),
    };

    this.addRoute('$connect', this.integrations.connect, functions.connect, { authorized: true });
    this.addRoute('$disconnect', this.integrations.disconnect, functions.disconnect);
    for (const key of MESSAGE_ROUTES)
      this.addRoute(key, this.integrations.messages, functions.messages, { twoWay: true });

    this.ping = new PingRoute(this, 'ping', { apiId });
    this.routes.ping = this.ping.route;
    this.routeResponses.ping = this.ping.routeResponse;
  }

  private addRoute(
    key: string,
    integration: Apigatewayv2Integration,
    fn: ChatFunction,
    options: { authorized?: boolean; twoWay?: boolean } = {},
  ): void {
    const id = routeId(key);
    const route = new Apigatewayv2Route(this, `${id}-route`, {
      apiId: this.apiId,
      routeKey: key,
      target: `integrations/${integration.id}`,
      ...(options.authorized
        ? { authorizationType: 'CUSTOM', authorizerId: this.authorizer.id }
        : { authorizationType: 'NONE' }),
      ...(options.twoWay ? { routeResponseSelectionExpression: '$default' } : {}),
    });
    this.routes[key] = route;
    if (options.twoWay) {
      this.routeResponses[key] = new Apigatewayv2RouteResponse(this, `${id}-route-response`, {
        apiId: this.apiId,
        routeId: route.id,
        routeResponseKey: '$default',
      });
    }
    this.permit(fn, id, `${this.stageArn}/${key}`);
  }

  private permit(fn: ChatFunction, id: string, sourceArn: string): void {
    new LambdaPermission(this, `${id}-permission`, {
      statementId: `AllowApiGateway-${id}`,
      action: 'lambda:InvokeFunction',
      functionName: fn.function.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn,
    });
  }
}
