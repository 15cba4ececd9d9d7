// The production settings of loadConfig: defaults, every value read, and a clear message for each mistake.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

function only(env: Record<string, string>): string {
  const found = problems(env);
  assert.equal(found.length, 1, found.join(' | '));
  return found[0]!;
}

describe('production settings', () => {
  it('default to Node.js 24, the checked provider pin, no reservations, tight $connect and cheap ping', () => {
    const config = loadConfig({});
    assert.equal(config.lambdaRuntime, 'nodejs24.x');
    assert.equal(config.awsProviderVersion, '6.28.0');
    assert.deepEqual(config.reservedConcurrency, {});
    assert.deepEqual(config.connectThrottle, { rate: 10, burst: 20 });
    assert.deepEqual(config.pingThrottle, { rate: 20, burst: 40 });
    for (const key of ['alarmEmail', 'messageRetentionDays', 'allowedAccountIds', 'customDomain'] as const)
      assert.equal(config[key], undefined, key);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      LAMBDA_RUNTIME: 'nodejs22.x',
      AWS_PROVIDER_VERSION: '5.100.0',
      ALARM_EMAIL: 'ops@example.com',
      RESERVED_CONCURRENCY_AUTHORIZER: '20',
      RESERVED_CONCURRENCY_MESSAGES: '100',
      THROTTLE_CONNECT_RATE: '5',
      THROTTLE_CONNECT_BURST: '8',
      THROTTLE_PING_RATE: '2.5',
      THROTTLE_PING_BURST: '5',
      MESSAGE_RETENTION_DAYS: '90',
      AWS_ALLOWED_ACCOUNT_IDS: '123456789012, 210987654321',
      CUSTOM_DOMAIN: 'Chat.Example.com.',
      CERTIFICATE_ARN: CERT,
    });
    assert.equal(config.lambdaRuntime, 'nodejs22.x');
    assert.equal(config.awsProviderVersion, '5.100.0');
    assert.equal(config.alarmEmail, 'ops@example.com');
    assert.deepEqual(config.reservedConcurrency, { authorizer: 20, messages: 100 });
    assert.deepEqual(config.connectThrottle, { rate: 5, burst: 8 });
    assert.deepEqual(config.pingThrottle, { rate: 2.5, burst: 5 });
    assert.equal(config.messageRetentionDays, 90);
    assert.deepEqual(config.allowedAccountIds, ['123456789012', '210987654321']);
    assert.deepEqual(config.customDomain, { domainName: 'chat.example.com', certificateArn: CERT });
  });

  it('turns deletion protection on by default for the stage prod only, and lets it be turned off', () => {
    assert.equal(loadConfig({ CHAT_ROOM_STAGE: 'prod' }).deletionProtection, true);
    assert.equal(loadConfig({ CHAT_ROOM_STAGE: 'staging' }).deletionProtection, false);
    assert.equal(loadConfig({ CHAT_ROOM_STAGE: 'prod', DELETION_PROTECTION: 'false' }).deletionProtection, false);
    assert.equal(loadConfig({ DELETION_PROTECTION: 'true' }).deletionProtection, true);
  });

  it('keeps the $connect default under a smaller stage throttle', () => {
    const config = loadConfig({ THROTTLE_RATE: '5', THROTTLE_BURST: '7' });
    assert.deepEqual(config.connectThrottle, { rate: 5, burst: 7 });
  });

  it('refuses a $connect throttle looser than sendMessage', () => {
    const problem = only({ THROTTLE_RATE: '20', THROTTLE_CONNECT_RATE: '30' });
    assert.match(problem, /THROTTLE_CONNECT_RATE\/THROTTLE_CONNECT_BURST \(30\/20\) must not exceed THROTTLE_RATE/);
    assert.match(problem, /tighter than sendMessage/);
  });

  it('refuses Node.js 24 with provider 5.x, saying to use nodejs22.x', () => {
    const problem = only({ AWS_PROVIDER_VERSION: '5.100.0' });
    assert.match(problem, /LAMBDA_RUNTIME nodejs24\.x needs hashicorp\/aws 6\.19 or later/);
    assert.match(problem, /LAMBDA_RUNTIME=nodejs22\.x/);
  });

  it('refuses an unknown runtime or provider version', () => {
    assert.match(
      only({ LAMBDA_RUNTIME: 'nodejs20.x' }),
      /LAMBDA_RUNTIME "nodejs20\.x": expected nodejs24\.x or nodejs22\.x/,
    );
    assert.match(only({ AWS_PROVIDER_VERSION: '~> 6.0' }), /AWS_PROVIDER_VERSION "~> 6.0": expected an exact version/);
    assert.match(
      only({ AWS_PROVIDER_VERSION: '5.99.1', LAMBDA_RUNTIME: 'nodejs22.x' }),
      /needs hashicorp\/aws 5\.100 or later 5\.x, or 6\.x/,
    );
  });

  it('refuses a reservation of 0 (it would stop the function) and other bad numbers', () => {
    assert.match(
      only({ RESERVED_CONCURRENCY_CONNECT: '0' }),
      /RESERVED_CONCURRENCY_CONNECT "0" would stop the connect function/,
    );
    assert.match(
      only({ RESERVED_CONCURRENCY_MESSAGES: '2.5' }),
      /RESERVED_CONCURRENCY_MESSAGES "2.5": expected a whole number/,
    );
    assert.match(
      only({ MESSAGE_RETENTION_DAYS: '0' }),
      /MESSAGE_RETENTION_DAYS "0": expected a whole number from 1 to 3650/,
    );
  });

  it('refuses a bad e-mail and account ids', () => {
    assert.match(only({ ALARM_EMAIL: 'ops at example' }), /ALARM_EMAIL "ops at example" is not an e-mail address/);
    assert.match(only({ AWS_ALLOWED_ACCOUNT_IDS: '123456789012,12345' }), /AWS_ALLOWED_ACCOUNT_IDS entry "12345"/);
  });

  it('needs both CUSTOM_DOMAIN and CERTIFICATE_ARN, a valid name, and a certificate in the stack region', () => {
    assert.match(
      only({ CUSTOM_DOMAIN: 'chat.example.com' }),
      /needs CERTIFICATE_ARN: an ACM certificate for it in us-east-1/,
    );
    assert.match(only({ CERTIFICATE_ARN: CERT }), /CERTIFICATE_ARN is set but CUSTOM_DOMAIN is not/);
    assert.match(
      only({ CUSTOM_DOMAIN: 'chat_room', CERTIFICATE_ARN: CERT }),
      /CUSTOM_DOMAIN "chat_room" is not a domain name/,
    );
    assert.match(
      only({ CUSTOM_DOMAIN: 'chat.example.com', CERTIFICATE_ARN: 'arn:aws:iam::123456789012:role/x' }),
      /is not an ACM certificate ARN/,
    );
    assert.match(
      only({ CUSTOM_DOMAIN: 'chat.example.com', CERTIFICATE_ARN: CERT, AWS_REGION: 'eu-west-1' }),
      /CERTIFICATE_ARN is in us-east-1 but the stack deploys to eu-west-1/,
    );
  });

  it('points API_GATEWAY_LOG_ROLE=create at the bootstrap stack, and still accepts existing', () => {
    assert.match(only({ API_GATEWAY_LOG_ROLE: 'create' }), /bootstrap stack \(`npm run deploy:bootstrap`\)/);
    assert.doesNotThrow(() => loadConfig({ API_GATEWAY_LOG_ROLE: 'existing' }));
  });

  it('reports every production problem at once', () => {
    const found = problems({
      LAMBDA_RUNTIME: 'java21',
      ALARM_EMAIL: 'x',
      RESERVED_CONCURRENCY_DISCONNECT: '-1',
      THROTTLE_PING_BURST: '0',
      MESSAGE_RETENTION_DAYS: 'forever',
      AWS_ALLOWED_ACCOUNT_IDS: 'abc',
      CUSTOM_DOMAIN: 'x',
    });
    for (const name of [
      'LAMBDA_RUNTIME',
      'ALARM_EMAIL',
      'RESERVED_CONCURRENCY_DISCONNECT',
      'THROTTLE_PING_BURST',
      'MESSAGE_RETENTION_DAYS',
      'AWS_ALLOWED_ACCOUNT_IDS',
      'CUSTOM_DOMAIN',
    ])
      assert.ok(
        found.some((p) => p.includes(name)),
        `no problem for ${name}: ${found.join(' | ')}`,
      );
    assert.equal(found.length, 7, found.join(' | '));
  });
});
