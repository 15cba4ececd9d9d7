import { Construct } from 'constructs';
import { ChatFunction } from './function.js';
import { allow } from './iam.js';
import type { PolicyStatement } from './iam.js';
import type { ChatTables } from './tables.js';
import type { AuthMode } from '@chat-room/backend';
import type { LambdaRuntime } from './versions.js';

/** The four handlers, one bundle and one function each. */
export const FUNCTION_NAMES = ['authorizer', 'connect', 'disconnect', 'messages'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface TokenSecret {
  /** SSM parameter name, e.g. `/chat-room/prod/token-secret` (read by the functions at runtime). */
  parameterName: string;
  /** Its ARN, e.g. `arn:aws:ssm:us-east-1:123456789012:parameter/chat-room/prod/token-secret`. */
  parameterArn: string;
  /** Customer-managed key encrypting it; unset for the AWS-managed `aws/ssm` key (no grant needed). */
  kmsKeyArn?: string;
  region: string;
}

export interface FunctionsProps {
  prefix: string;
  /** Folder of the built bundles: `<bundlesDir>/<function>/index.mjs`. */
  bundlesDir: string;
  tables: ChatTables;
  /**
   * `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}`: the messages function may call the
   * `@connections` API under this stage only.
   */
  stageExecutionArn: string;
  authMode: AuthMode;
  allowedOrigins: string;
  tokenSecret?: TokenSecret;
  logRetentionDays: number;
  logLevel: string;
  rateLimitMessages: number;
  rateLimitWindowMs: number;
  runtime?: LambdaRuntime;
  /** Per function; a function left out gets no reservation. */
  reservedConcurrency?: Partial<Record<FunctionName, number>>;
  /** Messages expire after this many days (the messages function writes `expiresAt`); unset = kept. */
  messageRetentionDays?: number;
  /**
   * The `@connections` endpoint (`https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`), set when
   * clients connect through a custom domain: the endpoint the backend derives from the event would then
   * name the custom domain, which has no `@connections` API under the stage path.
   */
  managementEndpoint?: string;
}

/** Statements letting a function read the token secret (token mode): the parameter, and its key if customer-managed. */
function readTokenSecret(secret: TokenSecret): PolicyStatement[] {
  const statements = [allow('ReadTokenSecret', ['ssm:GetParameter'], [secret.parameterArn])];
  if (secret.kmsKeyArn) {
    statements.push(
      allow('DecryptTokenSecret', ['kms:Decrypt'], [secret.kmsKeyArn], {
        StringEquals: { 'kms:ViaService': `ssm.${secret.region}.amazonaws.com` },
      }),
    );
  }
  return statements;
}

/**
 * The authorizer, connect, disconnect and messages functions with least-privilege roles:
 * authorizer → the token secret (token mode); connect → PutItem on Connections (and the secret, since it
 * re-verifies the token); disconnect → DeleteItem on Connections; messages → the room index, the
 * connection items, the Messages table and `POST @connections` of this API's stage. Each list is what
 * the handlers in `backend/src` call (see the repositories), nothing more.
 */
export class ChatFunctions extends Construct {
  readonly authorizer: ChatFunction;
  readonly connect: ChatFunction;
  readonly disconnect: ChatFunction;
  readonly messages: ChatFunction;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { tables } = props;
    const auth: Record<string, string> = {
      AUTH_MODE: props.authMode,
      ALLOWED_ORIGINS: props.allowedOrigins,
      ...(props.tokenSecret ? { TOKEN_SECRET_PARAMETER: props.tokenSecret.parameterName } : {}),
    };
    const common = { LOG_LEVEL: props.logLevel };
    // The data functions share one runtime that reads both table names at start-up (fail fast).
    const tableNames = { CONNECTIONS_TABLE: tables.connections.name, MESSAGES_TABLE: tables.messages.name };
    const secretStatements = props.tokenSecret ? readTokenSecret(props.tokenSecret) : [];
    const make = (
      name: FunctionName,
      description: string,
      memorySize: number,
      timeoutSeconds: number,
      environment: Record<string, string>,
      statements: PolicyStatement[],
    ) =>
      new ChatFunction(this, name, {
        functionName: `${props.prefix}-${name}`,
        description,
        bundleDir: `${props.bundlesDir}/${name}`,
        memorySize,
        timeoutSeconds,
        environment: { ...common, ...environment },
        logRetentionDays: props.logRetentionDays,
        logLevel: props.logLevel,
        ...(props.runtime ? { runtime: props.runtime } : {}),
        ...(props.reservedConcurrency?.[name] !== undefined
          ? { reservedConcurrency: props.reservedConcurrency[name] }
          : {}),
        statements,
      });

    this.authorizer = make(
      'authorizer',
      'chat-room: REQUEST authorizer of the WebSocket $connect route',
      256,
      10,
      auth,
      secretStatements,
    );

    this.connect = make(
      'connect',
      'chat-room: $connect, records the connection in its room',
      256,
      10,
      { ...auth, ...tableNames },
      [allow('RecordConnection', ['dynamodb:PutItem'], [tables.connections.arn]), ...secretStatements],
    );

    this.disconnect = make('disconnect', 'chat-room: $disconnect, forgets the connection', 256, 10, tableNames, [
      allow('ForgetConnection', ['dynamodb:DeleteItem'], [tables.connections.arn]),
    ]);

    this.messages = make(
      'messages',
      'chat-room: sendMessage, getHistory and $default routes',
      512,
      29,
      {
        ...tableNames,
        RATE_LIMIT_MESSAGES: String(props.rateLimitMessages),
        RATE_LIMIT_WINDOW_MS: String(props.rateLimitWindowMs),
        ...(props.messageRetentionDays !== undefined
          ? { MESSAGE_RETENTION_DAYS: String(props.messageRetentionDays) }
          : {}),
        ...(props.managementEndpoint ? { MANAGEMENT_ENDPOINT: props.managementEndpoint } : {}),
      },
      [
        // A broadcast queries its room on the index.
        allow('QueryRoom', ['dynamodb:Query'], [tables.roomIndexArn]),
        // UpdateItem: the sender's rate-limit window; DeleteItem: a peer found gone while broadcasting.
        allow('ManageConnectionItems', ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'], [tables.connections.arn]),
        // PutItem: messages and clientMessageId claims; GetItem/UpdateItem: a claim; Query: history.
        allow(
          'StoreAndReadMessages',
          ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
          [tables.messages.arn],
        ),
        allow(
          'PostToConnections',
          ['execute-api:ManageConnections'],
          [`${props.stageExecutionArn}/POST/@connections/*`],
        ),
      ],
    );
  }

  get all(): ChatFunction[] {
    return [this.authorizer, this.connect, this.disconnect, this.messages];
  }
}
