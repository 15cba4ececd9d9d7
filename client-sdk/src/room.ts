import { ChatServerError } from './errors.js';
import type { HistoryRequests } from './history.js';
import { insertMessage } from './message-list.js';
import type { Outbox } from './outbox.js';
import type { ChatMessage } from './protocol/frames.js';
import { readServerFrame } from './protocol/read-frame.js';
import type { ChatClientEventMap } from './types.js';

export interface RoomOptions {
  roomId: string;
  outbox: Outbox;
  history: HistoryRequests;
  /** The sender of this client's messages, for the message an ack of ours stands for. */
  sender(): Pick<ChatMessage, 'username' | 'userId'>;
  /** Emits a client event. */
  emit<K extends keyof ChatClientEventMap>(type: K, detail: ChatClientEventMap[K]): void;
}

/**
 * The room as the client sees it: its messages, time-ordered and de-duplicated by `messageId`, fed by the frames
 * the server sends. Every frame is read (read-frame.ts) before anything else sees it; an invalid one is dropped
 * with a `console.warn`, and so are messages of another room (a history reply is still taken, without them, so
 * the next history request can go).
 */
export class Room {
  readonly #options: RoomOptions;
  /** The room's messages (a live view is `ChatClient.messages`). */
  readonly messages: ChatMessage[] = [];

  constructor(options: RoomOptions) {
    this.#options = options;
  }

  /** A frame as the socket delivered it. */
  receive(data: unknown): void {
    const parsed = readServerFrame(data);
    if (!parsed.ok) return console.warn('[chat-room] invalid frame:', parsed.reason);
    const { roomId, outbox, history, emit } = this.#options;
    const frame = parsed.value;
    switch (frame.type) {
      case 'message': {
        const { type, ...message } = frame;
        if (message.roomId !== roomId) return console.warn('[chat-room] invalid frame: roomId is not', roomId);
        this.#stored(message);
        break;
      }
      case 'ack': {
        const { type, ...ack } = frame;
        const entry = outbox.find(ack.clientMessageId);
        emit('ack', ack);
        if (entry) {
          const { username, userId } = this.#options.sender();
          this.#stored({ ...ack, roomId, username, ...(userId && { userId }), message: entry.message });
        }
        break;
      }
      case 'history': {
        const messages = frame.messages.filter((message) => message.roomId === roomId);
        for (const message of messages) insertMessage(this.messages, message);
        history.replyReceived(frame, messages);
        break;
      }
      case 'error': {
        const error = new ChatServerError(frame.code, frame.message, { clientMessageId: frame.clientMessageId });
        emit('error', error);
        // Replies carry no request id: an error without a clientMessageId answers the history request.
        if (frame.clientMessageId) outbox.fail(frame.clientMessageId, error);
        else history.replyFailed(error);
      }
    }
  }

  /** A stored message: into the list (once), and it settles its outbox entry, if ours. */
  #stored(message: ChatMessage): void {
    if (insertMessage(this.messages, message)) this.#options.emit('message', message);
    this.#options.outbox.settle(message.clientMessageId, message);
  }
}
