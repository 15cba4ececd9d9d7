import type { ChatMessage } from '@chat-room/client-sdk/protocol';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ChatClientLike } from './client-types.js';
import { renderList } from './message-list.js';
import { format, type ChatRoomStrings } from './strings.js';

/** Messages rendered at first; scrolling up renders this many more each time. */
const WINDOW = 200;
const PAGE = 100;
/** Within this many pixels of the bottom the list follows new messages. */
const FOLLOW_WITHIN = 32;
/** Within this many pixels of the top, scrolling shows older messages. */
const OLDER_WITHIN = 48;

/**
 * The scrolling message list: which messages are rendered (a window of the latest ones, grown as the reader
 * scrolls back, so appending to 10,000 messages costs what it costs with 50), whether the list follows new
 * messages (the reader is at the bottom), how many arrived unseen while scrolled up (the "new messages" pill),
 * older history loading, and the scroll position kept in place when the list changes above the reader.
 */
export interface MessageWindowOptions {
  /** The list element (`.messages`), when rendered. */
  list(): HTMLElement | null | undefined;
  /** The client whose messages are shown, if any. */
  client(): ChatClientLike | undefined;
  /** After the "new messages" pill took the reader back to the latest messages. */
  onLatest(): void;
}

export class MessageWindow implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: MessageWindowOptions;
  #size = WINDOW;
  #following = true;
  #unseen = 0;
  #loadingOlder = false;
  /** The first visible message and its offset, kept in place when the list changes above it. */
  #anchor: { key: string; offset: number } | undefined;

  constructor(host: ReactiveControllerHost, options: MessageWindowOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /**
   * The log: "show older" (or the loading hint, or "the beginning" once everything is shown), the window of
   * messages and the unsent ones (or the empty state), and the "new messages" pill while scrolled up.
   */
  render(texts: ChatRoomStrings, isOwn: (message: ChatMessage) => boolean, lang: string | undefined): TemplateResult {
    const client = this.#options.client();
    const total = client?.messages.length ?? 0;
    const start = Math.max(0, total - this.#size);
    const empty = !client || (!total && !client.outbox.length);
    return html`<div class="log">
      <div
        class="messages"
        part="messages"
        role="log"
        aria-live="off"
        aria-label=${texts.messagesLabel}
        tabindex="0"
        @scroll=${this.#onScroll}
      >
        ${
          this.#loadingOlder
            ? html`<p class="hint" role="status">${texts.loadingOlder}</p>`
            : start || client?.hasMoreHistory
              ? html`<button class="link older" part="load-older" @click=${this.#showOlder}>${texts.loadOlder}</button>`
              : !empty && client.state === 'connected'
                ? html`<p class="hint">${texts.beginning}</p>`
                : nothing
        }
        ${empty ? html`<p class="empty" part="empty">${texts.empty}</p>` : renderList(client, start, isOwn, texts, lang)}
      </div>
      ${
        this.#unseen
          ? html`<button class="pill" part="pill" @click=${this.#onPill}>
              ${format(texts.newMessages, { count: this.#unseen })}
            </button>`
          : nothing
      }
    </div>`;
  }

  /** Follow new messages again (the panel opened, the user sent something). */
  follow(): void {
    this.#following = true;
  }

  /** A new message arrived: counted as unseen (if another's) and kept out of view while scrolled up. */
  received(own: boolean): void {
    if (this.#following) return;
    if (!own) this.#unseen++;
    this.#size++; // keep the top of the window where the reader is
    this.#host.requestUpdate();
  }

  // Arrow functions: Lit calls event listeners with the element as `this`.

  #onScroll = (): void => {
    const list = this.#options.list();
    if (!list) return;
    this.#following = list.scrollHeight - list.scrollTop - list.clientHeight < FOLLOW_WITHIN;
    if (this.#following && this.#unseen) {
      this.#unseen = 0;
      this.#host.requestUpdate();
    }
    if (list.scrollTop < OLDER_WITHIN) this.#showOlder();
  };

  /** Renders more of the loaded messages, or loads older history when all are shown. */
  #showOlder = (): void => {
    const client = this.#options.client();
    if (!client || this.#loadingOlder) return;
    const total = client.messages.length;
    const shown = Math.min(total, this.#size);
    if (shown < total || client.hasMoreHistory) {
      this.#size = shown + PAGE;
      this.#host.requestUpdate();
    }
    if (shown >= total && client.hasMoreHistory) {
      this.#loadingOlder = true;
      client
        .loadOlder()
        .catch(() => false)
        .finally(() => {
          this.#loadingOlder = false;
          this.#host.requestUpdate();
        });
    }
  };

  /** The "new messages" pill: back to the latest messages. */
  #onPill = (): void => {
    this.#following = true;
    this.#unseen = 0;
    this.#size = WINDOW;
    this.#host.requestUpdate();
    this.#options.onLatest();
  };

  /** Before each render: remember the first visible message so the view does not jump when the list changes above it. */
  hostUpdate(): void {
    this.#anchor = undefined;
    const list = this.#options.list();
    if (!list || this.#following) return;
    const top = list.scrollTop;
    // Messages only: a day separator's key moves to the top when older messages of that day arrive.
    for (const el of list.querySelectorAll<HTMLElement>('.message')) {
      if (el.offsetTop + el.offsetHeight > top) {
        this.#anchor = { key: el.dataset['key']!, offset: el.offsetTop - top };
        break;
      }
    }
  }

  /** After each render: stay at the bottom, or put the remembered message back where it was. */
  hostUpdated(): void {
    const list = this.#options.list();
    const anchor = this.#anchor;
    if (!list) return;
    if (this.#following) {
      list.scrollTop = list.scrollHeight;
    } else if (anchor) {
      const el = list.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`);
      if (el) list.scrollTop = el.offsetTop - anchor.offset;
    }
  }
}
