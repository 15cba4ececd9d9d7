import type { ChatMessage } from '@chat-room/client-sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatClientLike } from './client-types.js';
import { dayKey, formatDate, formatDay } from './dates.js';
import { linkify } from './linkify.js';
import type { ChatRoomStrings } from './strings.js';

/** Consecutive messages of one sender within this time share one name line. */
const GROUP_MS = 5 * 60_000;

/**
 * The rendered window, keyed: the messages from `start` on (with a separator before each new day), then the
 * unsent messages of the outbox. Cost is proportional to the window, not to the whole list.
 */
export function renderList(
  client: ChatClientLike,
  start: number,
  isOwn: (m: ChatMessage) => boolean,
  s: ChatRoomStrings,
  lang: string | undefined,
): unknown {
  const { messages } = client;
  const items: [key: string, item: TemplateResult][] = [];
  let previous = messages[start - 1];
  let previousDay = previous && dayKey(previous.timestamp);
  for (let i = start; i < messages.length; i++) {
    const m = messages[i]!;
    const t = m.timestamp;
    const day = dayKey(t);
    const own = isOwn(m) ? ' own' : '';
    const continued =
      day === previousDay &&
      i > start &&
      previous!.username === m.username &&
      (!previous!.userId || !m.userId || previous!.userId === m.userId) &&
      t - previous!.timestamp < GROUP_MS;
    if (day !== previousDay) {
      items.push([
        `d:${day}`,
        html`<div class="day" part="day" data-key="d:${day}" role="separator">
          <span>${formatDay(t, lang, s)}</span>
        </div>`,
      ]);
    }
    items.push([
      `m:${m.messageId}`,
      html`<div part="message${own}" class="message${own}${continued ? ' continued' : ''}" data-key="m:${m.messageId}">
        <div class="meta" ?hidden=${continued}>
          <span class="author" part="author">${own ? s.you : m.username}</span>
          <time
            part="time"
            datetime=${new Date(t).toISOString()}
            title=${formatDate(t, lang, { dateStyle: 'full', timeStyle: 'short' })}
            >${formatDate(t, lang, { hour: 'numeric', minute: '2-digit' })}</time
          >
        </div>
        <div class="bubble" part="text">${linkify(m.message)}</div>
      </div>`,
    ]);
    previous = m;
    previousDay = day;
  }
  for (const e of client.outbox) {
    const id = e.clientMessageId;
    const failed = e.status === 'failed';
    const state = failed ? ' own failed' : ' own pending';
    const error = e.error as { message?: unknown } | string | undefined;
    const reason = !failed || !error ? '' : typeof error === 'string' ? error : String(error.message ?? '');
    const note = failed ? s.failed : e.status === 'queued' ? s.queued : s.sending;
    items.push([
      `o:${id}`,
      html`<div part="message${state}" class="message${state}" data-key="o:${id}">
        <div class="bubble" part="text">${linkify(e.message)}</div>
        <div class="delivery">
          <span>${reason ? `${note}: ${reason}` : note}</span>
          ${
            failed
              ? html`<button class="link" part="retry" @click=${() => client.retry(id)}>${s.retry}</button>
                  <button class="link" part="discard" @click=${() => client.discard(id)}>${s.discard}</button>`
              : nothing
          }
        </div>
      </div>`,
    ]);
  }
  return repeat(
    items,
    (item) => item[0],
    (item) => item[1],
  );
}
