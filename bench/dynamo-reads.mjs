// 4. DynamoDB reads per message: 10 rooms × 100 connections in dynalite; what finding one room's
// recipients costs with the backend's room query on RoomIndex (its own repository function, all pages)
// vs a Scan of every connection (the seed's design), in items read and read capacity units.
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addRow, createResult } from './lib/result.mjs';
import { standalone } from './lib/main.mjs';
import { CONNECTIONS_REPOSITORY, LOCAL_INDEX } from './lib/paths.mjs';

const ROOMS = 10;
const PER_ROOM = 100;

export async function run() {
  const result = createResult(
    'dynamo-reads',
    'DynamoDB reads to find one message’s recipients (10 rooms × 100 connections, dynalite)',
  );
  const { startLocalDynamo } = await import(LOCAL_INDEX);
  const { ConnectionsRepository } = await import(CONNECTIONS_REPOSITORY);
  const dynamo = await startLocalDynamo({ ttlSweepIntervalMs: 0 });
  const doc = DynamoDBDocumentClient.from(dynamo.client);
  const table = dynamo.tableNames.connections;
  try {
    const now = Date.now();
    const items = [];
    for (let r = 0; r < ROOMS; r++) {
      for (let c = 0; c < PER_ROOM; c++) {
        const item = ConnectionsRepository.item({
          connectionId: `conn${r}x${c}AbCdEfGh=`,
          roomId: `room${r}`,
          username: `user${r}x${c}`,
          userId: `guest:user${r}x${c}`,
          connectedAt: now,
        });
        // What a live connection's item holds once it has sent (the rate-limit window).
        items.push({ ...item, rateWindowStart: now, rateCount: 1 });
      }
    }
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (requests?.length) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = out.UnprocessedItems?.[table];
      }
    }

    // The backend's broadcast lookup: its repository function (RoomIndex query, every page).
    const repo = new ConnectionsRepository(doc, table);
    const room = await repo.queryRoom('room3', now);
    // The same query once more, raw, for ScannedCount (items the index read).
    const raw = await doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'RoomIndex',
        KeyConditionExpression: 'roomId = :room',
        ExpressionAttributeValues: { ':room': 'room3' },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    // The seed: scan every connection (projection of the id, as the seed's sample did), every page.
    let scanned = 0;
    let scanUnits = 0;
    let scanPages = 0;
    let ExclusiveStartKey;
    do {
      const out = await doc.send(
        new ScanCommand({
          TableName: table,
          ProjectionExpression: 'connectionId',
          ReturnConsumedCapacity: 'TOTAL',
          ExclusiveStartKey,
        }),
      );
      scanned += out.ScannedCount ?? 0;
      scanUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
      scanPages++;
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);

    addRow(result, 'room query (RoomIndex): items read', raw.ScannedCount, 'items', {
      label: 'scan of all connections (seed)',
      value: scanned,
    });
    addRow(result, 'room query (RoomIndex): read capacity units', room.readCapacityUnits, 'RCU', {
      label: 'scan of all connections (seed)',
      value: scanUnits,
    });
    addRow(result, 'room query: recipients found / pages', `${room.connections.length} / ${room.pages}`, '', {
      label: 'scan pages',
      value: scanPages,
    });
    result.config = { rooms: ROOMS, perRoom: PER_ROOM, itemAttributes: Object.keys(items[0]) };
    result.notes.push(
      "Read units as dynalite reports them with ReturnConsumedCapacity: 'TOTAL' (eventually consistent: 0.5 RCU per 4 KB read, summed over the items read, rounded up per request). The room query reads the RoomIndex GSI, which projects only the keys and expiresAt; the scan reads whole items of every room, and a ProjectionExpression does not reduce what a scan is billed for.",
      'Beside these reads, a sendMessage with a clientMessageId (as the SDK sends) writes: the rate-limit window on the sender’s connection item (1 conditional UpdateItem, 2–3 when a new window starts), the idempotency claim (conditional PutItem), the message (PutItem) and the claim’s broadcastAt mark (UpdateItem): 4–6 writes, independent of how many rooms and connections there are.',
    );
  } finally {
    doc.destroy?.();
    await dynamo.close();
  }
  return result;
}

standalone(import.meta.url, run);
