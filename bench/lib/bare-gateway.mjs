// Baseline (b): the local gateway alone, with `$connect` accepting everyone and `sendMessage` handled
// by a worker thread that posts the frame to every connection of the room through @connections (see
// poster-worker.mjs). No Lambda bundles, no authorizer, no DynamoDB: what the gateway's delivery of
// that many posts costs.
import { Worker } from 'node:worker_threads';
import { LOCAL_INDEX } from './paths.mjs';

export async function startBareGateway({ mode = 'http', concurrency = 50 } = {}) {
  const { startLocalGateway } = await import(LOCAL_INDEX);
  const rooms = new Map();
  let worker;
  let nextCall = 1;
  const calls = new Map();
  let seq = 0;

  const roomOf = (event) => event.queryStringParameters?.room ?? 'lobby';
  const gateway = await startLocalGateway({
    port: 0,
    routes: {
      $connect: async (event) => {
        const room = roomOf(event);
        if (!rooms.has(room)) rooms.set(room, new Set());
        rooms.get(room).add(event.requestContext.connectionId);
        return { statusCode: 200 };
      },
      $disconnect: async (event) => {
        for (const ids of rooms.values()) ids.delete(event.requestContext.connectionId);
        return { statusCode: 200 };
      },
      sendMessage: {
        twoWay: true,
        handler: async (event) => {
          const frame = JSON.parse(event.body);
          const connectionId = event.requestContext.connectionId;
          const room = [...rooms.entries()].find(([, ids]) => ids.has(connectionId));
          const timestamp = Date.now();
          const message = JSON.stringify({
            type: 'message',
            messageId: `${timestamp.toString(36)}-${(seq++).toString(36)}`,
            roomId: room?.[0] ?? 'lobby',
            username: 'bench',
            message: frame.message,
            timestamp,
            ...(frame.clientMessageId ? { clientMessageId: frame.clientMessageId } : {}),
          });
          const id = nextCall++;
          await new Promise((resolve) => {
            calls.set(id, resolve);
            worker.postMessage({ id, frame: message, connectionIds: [...(room?.[1] ?? [])] });
          });
          if (!frame.clientMessageId) return { statusCode: 200 };
          return {
            statusCode: 200,
            body: JSON.stringify({ type: 'ack', clientMessageId: frame.clientMessageId, messageId: 'x', timestamp }),
          };
        },
      },
    },
  });
  worker = new Worker(new URL('./poster-worker.mjs', import.meta.url), {
    workerData: { endpoint: gateway.managementEndpoint, mode, concurrency },
  });
  worker.on('message', ({ id }) => {
    calls.get(id)?.();
    calls.delete(id);
  });
  return {
    url: gateway.url,
    close: async () => {
      await gateway.close();
      await worker.terminate();
    },
  };
}
