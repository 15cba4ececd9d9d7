import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration/index.js';
import { Apigatewayv2IntegrationResponse } from '@cdktf/provider-aws/lib/apigatewayv2-integration-response/index.js';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route/index.js';
import { Apigatewayv2RouteResponse } from '@cdktf/provider-aws/lib/apigatewayv2-route-response/index.js';
import { Construct } from 'constructs';

/** What the gateway answers to `{"action":"ping"}`. */
export const PONG_FRAME = JSON.stringify({ type: 'pong' });

/**
 * `ping` answered by API Gateway itself, no Lambda: a MOCK integration whose request template yields
 * `{"statusCode":200}`, a catch-all (`$default`) integration response whose template is the pong frame,
 * and a `$default` route response that makes the route two-way so the frame reaches the caller.
 * (`\$default` as a template selection expression is the escaped literal key `$default`.)
 */
export class PingRoute extends Construct {
  readonly integration: Apigatewayv2Integration;
  readonly integrationResponse: Apigatewayv2IntegrationResponse;
  readonly route: Apigatewayv2Route;
  readonly routeResponse: Apigatewayv2RouteResponse;

  constructor(scope: Construct, id: string, props: { apiId: string }) {
    super(scope, id);
    this.integration = new Apigatewayv2Integration(this, 'integration', {
      apiId: props.apiId,
      description: 'ping: answered by API Gateway (no Lambda)',
      integrationType: 'MOCK',
      templateSelectionExpression: '\\$default',
      requestTemplates: { $default: JSON.stringify({ statusCode: 200 }) },
      passthroughBehavior: 'WHEN_NO_MATCH',
    });
    this.integrationResponse = new Apigatewayv2IntegrationResponse(this, 'integration-response', {
      apiId: props.apiId,
      integrationId: this.integration.id,
      integrationResponseKey: '$default',
      templateSelectionExpression: '\\$default',
      responseTemplates: { $default: PONG_FRAME },
    });
    this.route = new Apigatewayv2Route(this, 'route', {
      apiId: props.apiId,
      routeKey: 'ping',
      target: `integrations/${this.integration.id}`,
      routeResponseSelectionExpression: '$default',
    });
    this.routeResponse = new Apigatewayv2RouteResponse(this, 'route-response', {
      apiId: props.apiId,
      routeId: this.route.id,
      routeResponseKey: '$default',
    });
  }
}
