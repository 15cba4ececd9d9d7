import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { ROOM_INDEX, connectionsTable, keyAttributes, messagesTable, tableName } from '@chat-room/backend/tables';
import type { TableDefinition } from '@chat-room/backend/tables';
import { Construct } from 'constructs';

export interface TablesProps {
  /** `${name}-${stage}`: the physical names are `${prefix}-connections` and `${prefix}-messages`. */
  prefix: string;
  deletionProtection: boolean;
}

/** Terraform `aws_dynamodb_table` for one of the backend's shared table definitions. */
function tableFromDefinition(
  scope: Construct,
  id: string,
  prefix: string,
  definition: TableDefinition,
  options: {
    deletionProtection: boolean;
    pointInTimeRecovery: boolean;
  },
): DynamodbTable {
  return new DynamodbTable(scope, id, {
    name: tableName(prefix, definition),
    billingMode: definition.billingMode,
    hashKey: definition.partitionKey.name,
    ...(definition.sortKey ? { rangeKey: definition.sortKey.name } : {}),
    attribute: keyAttributes(definition).map((a) => ({ name: a.name, type: a.type })),
    globalSecondaryIndex: definition.globalSecondaryIndexes.map((index) => ({
      name: index.name,
      hashKey: index.partitionKey.name,
      ...(index.sortKey ? { rangeKey: index.sortKey.name } : {}),
      projectionType: index.projection.type,
      ...(index.projection.type === 'INCLUDE' ? { nonKeyAttributes: index.projection.nonKeyAttributes } : {}),
    })),
    ...(definition.ttlAttribute ? { ttl: { attributeName: definition.ttlAttribute, enabled: true } } : {}),
    pointInTimeRecovery: { enabled: options.pointInTimeRecovery },
    // Encrypted with the AWS-managed key (aws/dynamodb): usable through DynamoDB by the account's
    // principals, so the function roles need no KMS grant.
    serverSideEncryption: { enabled: true },
    deletionProtectionEnabled: options.deletionProtection,
  });
}

/** The Connections and Messages tables, from `@chat-room/backend/tables` (the local stack's definitions too). */
export class ChatTables extends Construct {
  readonly connections: DynamodbTable;
  readonly messages: DynamodbTable;
  /** ARN of the Connections table's `RoomIndex` GSI (what a broadcast queries). */
  readonly roomIndexArn: string;

  constructor(scope: Construct, id: string, props: TablesProps) {
    super(scope, id);
    // Connections are ephemeral (at most two hours): no point-in-time recovery. Messages are the history.
    this.connections = tableFromDefinition(this, 'connections', props.prefix, connectionsTable, {
      deletionProtection: props.deletionProtection,
      pointInTimeRecovery: false,
    });
    this.messages = tableFromDefinition(this, 'messages', props.prefix, messagesTable, {
      deletionProtection: props.deletionProtection,
      pointInTimeRecovery: true,
    });
    this.roomIndexArn = `${this.connections.arn}/index/${ROOM_INDEX}`;
  }
}
