import { Apigatewayv2ApiMapping } from '@cdktf/provider-aws/lib/apigatewayv2-api-mapping/index.js';
import { Apigatewayv2DomainName } from '@cdktf/provider-aws/lib/apigatewayv2-domain-name/index.js';
import { Construct } from 'constructs';
import type { CustomDomainConfig } from './production-config.js';

export interface CustomDomainProps extends CustomDomainConfig {
  apiId: string;
  /** The stage resource's id (its name), so the mapping waits for the stage. */
  stageId: string;
}

/**
 * `wss://<domain>` for the stage: a regional API Gateway domain name (TLS 1.2) with the ACM certificate,
 * mapped at the root to the stage. DNS stays yours: point the domain at `target_domain_name` (an alias
 * record in Route 53 with `hosted_zone_id`, or a CNAME elsewhere).
 */
export class CustomDomain extends Construct {
  readonly domainName: Apigatewayv2DomainName;
  readonly mapping: Apigatewayv2ApiMapping;
  readonly url: string;

  constructor(scope: Construct, id: string, props: CustomDomainProps) {
    super(scope, id);
    this.domainName = new Apigatewayv2DomainName(this, 'domain', {
      domainName: props.domainName,
      domainNameConfiguration: {
        certificateArn: props.certificateArn,
        endpointType: 'REGIONAL',
        securityPolicy: 'TLS_1_2',
      },
    });
    this.mapping = new Apigatewayv2ApiMapping(this, 'mapping', {
      apiId: props.apiId,
      domainName: this.domainName.id,
      stage: props.stageId,
    });
    this.url = `wss://${props.domainName}`;
  }

  get targetDomainName(): string {
    return this.domainName.domainNameConfiguration.targetDomainName;
  }

  get hostedZoneId(): string {
    return this.domainName.domainNameConfiguration.hostedZoneId;
  }
}
