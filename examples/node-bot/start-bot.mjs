// Connects a bot to a room with the client SDK (over the `ws` package) and answers commands.
import { ChatClient } from '@chat-room/client-sdk';
import WebSocket from 'ws';
import { replyTo } from './commands.mjs';

/**
 * @param {{ url: string, room?: string, name?: string, log?: (line: string) => void, WebSocketImpl?: unknown }} options
 * @returns {{ client: ChatClient, ready: Promise<void>, stop: () => void }}
 */
export function startBot({ url, room = 'lobby', name = 'helpbot', log = () => {}, WebSocketImpl = WebSocket }) {
  const client = new ChatClient({ url, room, username: name, WebSocket: WebSocketImpl });
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });

  client.addEventListener('statechange', (event) => {
    const { state, code, reason, retryAt } = event.detail;
    const wait = retryAt ? ` (retry in ${Math.max(0, Math.round((retryAt - Date.now()) / 1000))} s)` : '';
    log(`[${state}]${code ? ` ${code}` : ''}${reason ? `: ${reason}` : ''}${wait}`);
    if (state === 'connected') resolveReady();
    if (state === 'error' || (state === 'disconnected' && code === 'GAVE_UP')) {
      rejectReady(new Error(`could not connect to ${url}: ${reason ?? code}`));
    }
  });

  // Only live messages: history (sent before the bot joined) gets no answers.
  client.addEventListener('message', (event) => {
    const message = event.detail;
    if (message.username === client.username) return; // its own replies
    const reply = replyTo(message.message);
    if (!reply) return;
    log(`${message.username}: ${message.message}  →  ${reply}`);
    client.send(reply).catch((error) => log(`could not reply: ${error.message}`));
  });

  client.addEventListener('error', (event) => log(`error ${event.detail.code}: ${event.detail.message}`));

  client.connect();
  return { client, ready, stop: () => client.disconnect() };
}
