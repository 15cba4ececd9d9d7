// Worker thread of baseline (b): the part of a `sendMessage` Lambda that posts one frame to every
// connection of the room through the gateway's @connections API with bounded concurrency (50, the
// backend's default), without DynamoDB. `mode: 'http'` posts with bare keep-alive HTTP requests;
// `mode: 'sdk'` with @aws-sdk/client-apigatewaymanagementapi as the backend does (SigV4 signing).
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

const { endpoint, mode, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(endpoint);
const sdk =
  mode === 'sdk'
    ? new ApiGatewayManagementApiClient({
        endpoint,
        region: 'us-east-1',
        maxAttempts: 1,
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      })
    : undefined;
const encoder = new TextEncoder();

function postHttp(connectionId, body) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: `${target.pathname}/@connections/${encodeURIComponent(connectionId)}`,
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function postSdk(connectionId, body) {
  try {
    await sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: encoder.encode(body) }));
    return 200;
  } catch (error) {
    return error?.$metadata?.httpStatusCode ?? 0;
  }
}

parentPort.on('message', async ({ id, frame, connectionIds }) => {
  const post = mode === 'sdk' ? postSdk : postHttp;
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < connectionIds.length) {
      const status = await post(connectionIds[next++], frame);
      if (status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, connectionIds.length) }, worker));
  parentPort.postMessage({ id, failed });
});
