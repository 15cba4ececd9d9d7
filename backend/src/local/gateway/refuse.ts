import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { gatewayId } from './ids.js';

const MESSAGES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal server error',
  502: 'Internal server error',
  504: 'Endpoint request timed out',
};

/** Answers a WebSocket upgrade with an HTTP error (the client never gets an open socket). */
export function refuseUpgrade(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ message: MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error' });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-amzn-RequestId: ${gatewayId()}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
