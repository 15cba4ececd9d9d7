import type { OutboxEntry } from '@chat-room/client-sdk';
import type { ChatMessage } from '@chat-room/client-sdk/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatClientLike } from './client-types.js';
import { dayKey, formatDate, formatDay } from './dates.js';
import { linkify } from './linkify.js';
import type { ChatRoomStrings } from './strings.js';

/** Consecutive messages of one sender within this time share one name line. */
const GROUP_MS = 5 * 60_000;

type Item = [key: string, template: TemplateResult];

/**
 * The rendered window, keyed: the messages from `start` on (with a separator before each new day), then the
 * unsent messages of the outbox. Cost is proportional to the window, not to the whole list.
 */
export function renderList(
  client: ChatClientLike,
  start: number,
  isOwn: (message: ChatMessage) => boolean,
  texts: ChatRoomStrings,
  lang: string | undefined,
): unknown {
  const { messages } = client;
  const items: Item[] = [];
  let previous = messages[start - 1];
  let previousDay = previous && dayKey(previous.timestamp);
  for (let i = start; i < messages.length; i++) {
    const message = messages[i]!;
    const time = message.timestamp;
    const day = dayKey(time);
    const continued =
      day === previousDay &&
      i > start &&
      previous!.username === message.username &&
      (!previous!.userId || !message.userId || previous!.userId === message.userId) &&
      time - previous!.timestamp < GROUP_MS;
    if (day !== previousDay) items.push(renderDay(day, time, texts, lang));
    items.push(renderMessage(message, isOwn(message), continued, texts, lang));
    previous = message;
    previousDay = day;
  }
  for (const entry of client.outbox) items.push(renderUnsent(entry, client, texts));
  return repeat(
    items,
    (item) => item[0],
    (item) => item[1],
  );
}

function renderDay(day: string, time: number, texts: ChatRoomStrings, lang: string | undefined): Item {
  return [
    `d:${day}`,
    html`<div class="day" part="day" data-key="d:${day}" role="separator">
      <span>${formatDay(time, lang, texts)}</span>
    </div>`,
  ];
}

function renderMessage(
  message: ChatMessage,
  isOwn: boolean,
  continued: boolean,
  texts: ChatRoomStrings,
  lang: string | undefined,
): Item {
  const time = message.timestamp;
  const own = isOwn ? ' own' : '';
  return [
    `m:${message.messageId}`,
    html`<div
      part="message${own}"
      class="message${own}${continued ? ' continued' : ''}"
      data-key="m:${message.messageId}"
    >
      <div class="meta" ?hidden=${continued}>
        <span class="author" part="author">${own ? texts.you : message.username}</span>
        <time
          part="time"
          datetime=${new Date(time).toISOString()}
          title=${formatDate(time, lang, { dateStyle: 'full', timeStyle: 'short' })}
          >${formatDate(time, lang, { hour: 'numeric', minute: '2-digit' })}</time
        >
      </div>
      <div class="bubble" part="text">${linkify(message.message)}</div>
    </div>`,
  ];
}

/** A send in the outbox: pending (queued or sending), or failed with the reason, Retry and Discard. */
function renderUnsent(entry: OutboxEntry, client: ChatClientLike, texts: ChatRoomStrings): Item {
  const id = entry.clientMessageId;
  const failed = entry.status === 'failed';
  const state = failed ? ' own failed' : ' own pending';
  const reason = failed ? (entry.error?.message ?? '') : '';
  const note = failed ? texts.failed : entry.status === 'queued' ? texts.queued : texts.sending;
  // A retry that fails again shows on the entry: its rejection needs no handling here.
  const retry = () => client.retry(id).catch(() => {});
  return [
    `o:${id}`,
    html`<div part="message${state}" class="message${state}" data-key="o:${id}">
      <div class="bubble" part="text">${linkify(entry.message)}</div>
      <div class="delivery">
        <span>${reason ? `${note}: ${reason}` : note}</span>
        ${
          failed
            ? html`<button class="link" part="retry" @click=${retry}>${texts.retry}</button>
                <button class="link" part="discard" @click=${() => client.discard(id)}>${texts.discard}</button>`
            : nothing
        }
      </div>
    </div>`,
  ];
}
