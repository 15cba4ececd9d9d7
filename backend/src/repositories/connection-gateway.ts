/**
 * The API Gateway @connections API for one endpoint, with AWS errors translated: GoneException / 410 →
 * {@link StaleConnectionError}, LimitExceededException / 429 → {@link ThrottledError}.
 */
import {
  DeleteConnectionCommand,
  PostToConnectionCommand,
  type ApiGatewayManagementApiClient,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { StaleConnectionError, ThrottledError, awsErrorName, awsErrorStatus } from '../errors.js';

export interface ConnectionPoster {
  post(connectionId: string, data: string): Promise<void>;
}

function translate(connectionId: string, error: unknown): unknown {
  const name = awsErrorName(error);
  const status = awsErrorStatus(error);
  if (name === 'GoneException' || status === 410) return new StaleConnectionError(connectionId, { cause: error });
  if (name === 'LimitExceededException' || name === 'TooManyRequestsException' || status === 429) {
    return new ThrottledError(`posting to ${connectionId} was throttled`, { cause: error });
  }
  return error;
}

export class ConnectionGateway implements ConnectionPoster {
  private readonly encoder = new TextEncoder();
  constructor(private readonly client: ApiGatewayManagementApiClient) {}

  async post(connectionId: string, data: string): Promise<void> {
    try {
      await this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: this.encoder.encode(data) }));
    } catch (error) {
      throw translate(connectionId, error);
    }
  }

  /** Closes a connection at the gateway; a connection already gone is not an error. */
  async disconnect(connectionId: string): Promise<void> {
    try {
      await this.client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    } catch (error) {
      const translated = translate(connectionId, error);
      if (!(translated instanceof StaleConnectionError)) throw translated;
    }
  }
}
