/** IAM policy documents as plain JSON strings (Terraform interpolates the ARNs inside them). */

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** An Allow statement; its `Sid` must be alphanumeric (IAM's rule). */
export function allow(
  sid: string,
  actions: string[],
  resources: string[],
  condition?: PolicyStatement['Condition'],
): PolicyStatement {
  if (!/^[A-Za-z0-9]+$/.test(sid)) throw new Error(`IAM statement id "${sid}" must be alphanumeric`);
  if (!actions.length || !resources.length)
    throw new Error(`IAM statement ${sid} needs at least one action and one resource`);
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: actions,
    Resource: resources,
    ...(condition ? { Condition: condition } : {}),
  };
}

export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Trust policy letting one AWS service assume the role. */
export function assumeRolePolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'AssumeRole', Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}
