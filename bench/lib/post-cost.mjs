// CPU cost of one @connections POST on the caller's side: the messages Lambda's own poster (SigV4 signing
// + node:https keep-alive, backend/src/aws/connections-api.ts), the AWS SDK client
// (PostToConnectionCommand: middleware stack, SigV4 signing) and a bare unsigned keep-alive HTTP request,
// all against the same minimal HTTP server in another process (so only the caller's CPU is counted).
import http from 'node:http';
import { spawn } from 'node:child_process';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { at } from './paths.mjs';

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-length': 0 }); res.end(); }); });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
`;

async function measure(post, count, concurrency) {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await post(`conn${next++}AbCdEfGh=`);
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { cpuMsPerPost: (cpu.user + cpu.system) / 1000 / count, wallMs: wall };
}

export async function measurePostCost({ count = 3000, concurrency = 50 } = {}) {
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
  const endpoint = `http://127.0.0.1:${port}/local`;
  const body = JSON.stringify({
    type: 'message',
    messageId: '0190f3b2c4d5-000001-abcdef',
    roomId: 'lobby',
    username: 'someone',
    message: 'hello '.repeat(10),
    timestamp: Date.now(),
  });
  const data = new TextEncoder().encode(body);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const sdk = new ApiGatewayManagementApiClient({
    endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const bare = (id) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/local/@connections/${encodeURIComponent(id)}`,
          agent,
          headers: { 'content-length': data.length },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  const viaSdk = (id) => sdk.send(new PostToConnectionCommand({ ConnectionId: id, Data: data }));
  const { ConnectionsApi } = await import(at('backend/dist/aws/connections-api.js'));
  const { createExecuteApiSigner } = await import(at('backend/dist/aws/sigv4.js'));
  const credentials = () => ({ accessKeyId: 'bench', secretAccessKey: 'bench', sessionToken: 'bench' });
  const lean = new ConnectionsApi({
    endpoint,
    signer: createExecuteApiSigner('us-east-1', credentials),
    maxSockets: concurrency,
  });
  const viaLambdaPoster = (id) => lean.post(id, body);
  try {
    await measure(bare, 500, concurrency); // warm-up
    await measure(viaSdk, 500, concurrency);
    await measure(viaLambdaPoster, 500, concurrency);
    const results = { bare: [], sdk: [], lambda: [] };
    for (let i = 0; i < 3; i++) {
      results.bare.push(await measure(bare, count, concurrency));
      results.sdk.push(await measure(viaSdk, count, concurrency));
      results.lambda.push(await measure(viaLambdaPoster, count, concurrency));
    }
    return results;
  } finally {
    agent.destroy();
    sdk.destroy();
    lean.close();
    server.stdin.end();
  }
}
