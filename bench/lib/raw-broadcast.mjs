// Baseline (a): a raw `ws` WebSocketServer that does what the stack does for `sendMessage` minus the
// Lambda, DynamoDB and @connections hops: parse, build the `message` frame, send it to every socket of
// the room from the server's own loop, ack the sender.
import { WebSocketServer } from 'ws';

export async function startRawBroadcast() {
  const rooms = new Map();
  let seq = 0;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws, req) => {
    const query = new URL(req.url, 'http://x').searchParams;
    const roomId = query.get('room') ?? 'lobby';
    const username = query.get('username') ?? 'guest';
    if (!rooms.has(roomId)) rooms.set(roomId, new Set());
    const room = rooms.get(roomId);
    room.add(ws);
    ws.on('close', () => room.delete(ws));
    ws.on('message', (data) => {
      let frame;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (frame.action !== 'sendMessage') return;
      const timestamp = Date.now();
      const message = {
        type: 'message',
        messageId: `${timestamp.toString(36)}-${(seq++).toString(36)}`,
        roomId,
        username,
        message: frame.message,
        timestamp,
        ...(frame.clientMessageId ? { clientMessageId: frame.clientMessageId } : {}),
      };
      const text = JSON.stringify(message);
      for (const peer of room) peer.send(text);
      if (frame.clientMessageId) {
        ws.send(
          JSON.stringify({
            type: 'ack',
            clientMessageId: frame.clientMessageId,
            messageId: message.messageId,
            timestamp,
          }),
        );
      }
    });
  });
  const { port } = wss.address();
  return {
    url: `ws://127.0.0.1:${port}/local`,
    close: () =>
      new Promise((resolve) => {
        for (const room of rooms.values()) for (const ws of room) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
