import type { ChatMessage } from '@chat-room/client-sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { OutboxEntry } from './client-types.js';
import { dayKey, formatDateTime, formatDay, formatTime } from './dates.js';
import { linkify } from './linkify.js';
import type { ChatRoomStrings } from './strings.js';

/** Consecutive messages of one sender within this time share one name line. */
const GROUP_MS = 5 * 60_000;

export type ListItem =
  | { kind: 'day'; key: string; timestamp: number }
  | { kind: 'message'; key: string; message: ChatMessage; own: boolean; continued: boolean }
  | { kind: 'outbox'; key: string; entry: OutboxEntry };

/**
 * The rendered window: the messages from `start` on (with a separator before each new day), then the
 * unsent messages of the outbox. Cost is proportional to the window, not to the whole list.
 */
export function buildItems(
  messages: readonly ChatMessage[],
  start: number,
  outbox: readonly OutboxEntry[],
  isOwn: (m: ChatMessage) => boolean,
): ListItem[] {
  const items: ListItem[] = [];
  let previous: ChatMessage | undefined = start > 0 ? messages[start - 1] : undefined;
  let previousDay = previous ? dayKey(previous.timestamp) : '';
  for (let i = start; i < messages.length; i++) {
    const message = messages[i]!;
    const day = dayKey(message.timestamp);
    const newDay = day !== previousDay;
    if (newDay) items.push({ kind: 'day', key: `d:${day}`, timestamp: message.timestamp });
    const continued =
      !newDay &&
      previous !== undefined &&
      i > start &&
      previous.username === message.username &&
      message.timestamp - previous.timestamp < GROUP_MS;
    items.push({ kind: 'message', key: `m:${message.messageId}`, message, own: isOwn(message), continued });
    previous = message;
    previousDay = day;
  }
  for (const entry of outbox) items.push({ kind: 'outbox', key: `o:${entry.clientMessageId}`, entry });
  return items;
}

export interface ListRenderContext {
  strings: ChatRoomStrings;
  /** Locale for dates and times; undefined = the reader's. */
  lang: string | undefined;
  onRetry(clientMessageId: string): void;
  onDiscard(clientMessageId: string): void;
}

export function renderItems(items: ListItem[], ctx: ListRenderContext): TemplateResult {
  return html`${repeat(
    items,
    (item) => item.key,
    (item) => renderItem(item, ctx),
  )}`;
}

function renderItem(item: ListItem, ctx: ListRenderContext): TemplateResult {
  const s = ctx.strings;
  if (item.kind === 'day') {
    return html`<div class="day" part="day" data-key=${item.key} role="separator">
      <span>${formatDay(item.timestamp, ctx.lang, s)}</span>
    </div>`;
  }
  if (item.kind === 'message') {
    const m = item.message;
    return html`<div
      part=${item.own ? 'message own' : 'message'}
      class=${`message${item.own ? ' own' : ''}${item.continued ? ' continued' : ''}`}
      data-key=${item.key}
    >
      <div class="meta" ?hidden=${item.continued}>
        <span class="author" part="author">${item.own ? s.you : m.username}</span>
        <time part="time" datetime=${new Date(m.timestamp).toISOString()} title=${formatDateTime(m.timestamp, ctx.lang)}
          >${formatTime(m.timestamp, ctx.lang)}</time
        >
      </div>
      <div class="bubble" part="text">${linkify(m.message)}</div>
    </div>`;
  }
  const e = item.entry;
  const failed = e.status === 'failed';
  const note = failed ? s.failed : e.status === 'queued' ? s.queued : s.sending;
  const reason = failed && e.error ? errorText(e.error) : '';
  return html`<div
    part=${failed ? 'message own failed' : 'message own pending'}
    class=${failed ? 'message own failed' : 'message own pending'}
    data-key=${item.key}
  >
    <div class="bubble" part="text">${linkify(e.message)}</div>
    <div class="delivery">
      <span>${note}${reason ? html`: ${reason}` : nothing}</span>
      ${failed
        ? html`<button class="link" part="retry" @click=${() => ctx.onRetry(e.clientMessageId)}>${s.retry}</button>
            <button class="link" part="discard" @click=${() => ctx.onDiscard(e.clientMessageId)}>
              ${s.discard}
            </button>`
        : nothing}
    </div>
  </div>`;
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return '';
}
