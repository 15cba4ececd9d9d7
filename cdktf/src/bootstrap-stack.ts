import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { StackConfig } from './config.js';
import { assumeRolePolicy } from './iam.js';
import { configureTerraform } from './terraform-settings.js';

/** `<name>-bootstrap`: the stack's id and its local state name. */
export const bootstrapStackName = (config: Pick<StackConfig, 'name'>) => `${config.name}-bootstrap`;

/** IAM role names are global: the region keeps two regions' bootstrap stacks apart. */
export const apiGatewayLogRoleName = (config: Pick<StackConfig, 'name' | 'region'>) =>
  `${config.name}-apigw-logs-${config.region}`;

/**
 * One-time, per account and region: API Gateway's account-wide CloudWatch role, which every stage's
 * access and execution logs are written with. It lives in its own stack (`npm run deploy:bootstrap`) so
 * that deploying or destroying one stage can never replace or remove the role another stage relies on.
 *
 * Destroying this stack removes the role but leaves the account setting naming it (Terraform only forgets
 * `aws_api_gateway_account`): the stages' logs stop until the role is set again.
 */
export class BootstrapStack extends TerraformStack {
  readonly role: IamRole;
  readonly account: ApiGatewayAccount;

  constructor(scope: Construct, id: string, config: StackConfig) {
    super(scope, id);
    configureTerraform(this, config, {
      stateName: id,
      s3Key: `${config.name}/bootstrap/${config.region}/terraform.tfstate`,
      stageTag: 'bootstrap',
    });

    const partition = new DataAwsPartition(this, 'partition');
    this.role = new IamRole(this, 'cloudwatch-role', {
      name: apiGatewayLogRoleName(config),
      description: "API Gateway's account-level role for writing CloudWatch logs (chat-room bootstrap)",
      assumeRolePolicy: assumeRolePolicy('apigateway.amazonaws.com'),
    });
    const attachment = new IamRolePolicyAttachment(this, 'cloudwatch-role-policy', {
      role: this.role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
    });
    this.account = new ApiGatewayAccount(this, 'account', {
      cloudwatchRoleArn: this.role.arn,
      dependsOn: [attachment],
    });

    new TerraformOutput(this, 'cloudwatch_role_arn', {
      value: this.role.arn,
      description: "The role API Gateway writes this account's logs with (in this region)",
    });
  }
}
