import {
  codePointLength,
  MESSAGE_MAX_LENGTH,
  validateUsername,
  type ChatMessage,
  type TokenSource,
} from '@chat-room/client-sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ChatController, type ClientFactory } from './chat-controller.js';
import { styles } from './chat-room.styles.js';
import type { ChatClientLike } from './client-types.js';
import { createChatClient } from './create-client.js';
import { emit } from './events.js';
import { renderList } from './message-list.js';
import { renderStatus } from './status.js';
import { en, format, type ChatRoomStrings } from './strings.js';

/** Messages rendered at first; scrolling up renders this many more each time. */
const WINDOW = 200;
const PAGE = 100;
/** The counter shows when fewer characters than this are left. */
const COUNTER_FROM = 200;
/** Options of the internal reactive properties. */
const STATE = { state: true };
const CLOSE_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>`;
const CHAT_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z" /></svg>`;

/**
 * An embeddable real-time chat room.
 *
 * @tagname chat-room
 * @summary A chat room on a chat-room backend: inline or as a floating launcher, text only, accessible.
 *
 * @attr url - The backend's WebSocket URL (`wss://…/stage`); a page-relative URL such as `/local` means ws(s):// on the page's host.
 * @attr room - Room to join (default `lobby`).
 * @attr username - Guest name; without it (and without `token`) the widget asks for one.
 * @attr token - A signed chat token (token mode) instead of a username. The `token` property also takes a provider, `() => Promise<string>`, asked for a fresh token before every connect: a string token stops working once it expires, a provider does not.
 * @attr mode - `inline` (default) or `launcher` (a floating bubble that opens a panel).
 * @attr heading - Title in the header.
 * @attr theme - `auto` (default, follows the system), `light` or `dark`.
 * @attr lang - Language of the UI texts and of dates (default: the reader's).
 *
 * @event chat-message - A new message arrived (`detail: { message, own }`).
 * @event chat-status - The connection state changed (`detail: { state, previous, attempt, retryAt?, code?, reason? }`).
 * @event chat-error - The server refused something (`detail: { code, message, clientMessageId? }`).
 * @event chat-open - The launcher panel opened.
 * @event chat-close - The launcher panel closed.
 *
 * @csspart panel - The chat panel (the whole widget in inline mode).
 * @csspart header - Header with heading and status.
 * @csspart heading - The heading text.
 * @csspart status - Connection status.
 * @csspart reconnect - The "Reconnect" button.
 * @csspart close - The launcher panel's close button.
 * @csspart messages - The scrolling message list (`role="log"`).
 * @csspart message - One message (also `own`, `pending`, `failed`).
 * @csspart retry - The "Retry" button of a failed send.
 * @csspart discard - The "Discard" button of a failed send.
 * @csspart author - A message's sender.
 * @csspart time - A message's time.
 * @csspart text - A message's text.
 * @csspart link - A link in a message.
 * @csspart day - A day separator.
 * @csspart empty - The empty state.
 * @csspart pill - The "new messages" button.
 * @csspart load-older - The "Show older messages" button.
 * @csspart composer - The message form.
 * @csspart input - The message text area.
 * @csspart send - The send button.
 * @csspart composer-note - The note under the composer (character counter, offline hint, why sending is impossible).
 * @csspart name-form - The name prompt.
 * @csspart name-input - The name prompt's input.
 * @csspart join - The name prompt's button.
 * @csspart launcher - The floating launcher button.
 * @csspart badge - The unread badge on the launcher.
 *
 * @cssproperty --chat-room-font - Font family.
 * @cssproperty --chat-room-font-size - Base font size.
 * @cssproperty --chat-room-bg - Panel background.
 * @cssproperty --chat-room-fg - Text colour.
 * @cssproperty --chat-room-muted - Secondary text colour.
 * @cssproperty --chat-room-border - Border colour.
 * @cssproperty --chat-room-accent - Accent colour (own messages, buttons, launcher).
 * @cssproperty --chat-room-accent-fg - Text on the accent colour.
 * @cssproperty --chat-room-bubble - Background of others' messages.
 * @cssproperty --chat-room-danger - Error colour.
 * @cssproperty --chat-room-radius - Corner radius.
 * @cssproperty --chat-room-height - Height of the inline widget and the launcher panel.
 * @cssproperty --chat-room-width - Width of the launcher panel.
 * @cssproperty --chat-room-offset - Launcher distance from the viewport corner.
 * @cssproperty --chat-room-z-index - Stacking order of the launcher.
 */
export class ChatRoomElement extends LitElement {
  static override styles = styles;

  /** Creates the client when none is injected. Replace it to pass extra `ChatClient` options. */
  static clientFactory: ClientFactory = createChatClient;

  static override properties = {
    url: {},
    room: {},
    username: {},
    token: {},
    mode: { reflect: true },
    heading: {},
    theme: { reflect: true },
    lang: { reflect: true },
    client: { attribute: false },
    strings: { attribute: false },
    _opened: STATE,
    _unread: STATE,
    _unseen: STATE,
    _windowSize: STATE,
    _loadingOlder: STATE,
    _draft: STATE,
    _nameError: STATE,
    _announcement: STATE,
  };

  /**
   * Built-in translations by language (`lang="fr"` or `fr-CA` picks `fr`). English is the default; add more
   * with `ChatRoomElement.translations.fr = fr` (the npm package exports `fr`).
   */
  static translations: Record<string, Partial<ChatRoomStrings>> = {};

  declare url?: string;
  declare room?: string;
  declare username?: string;
  /**
   * A signed chat token (token mode), or a function returning a promise of one that the client asks before
   * every connect and reconnect. A string stops working once it expires; a provider keeps the chat working.
   */
  declare token?: TokenSource;
  mode: 'inline' | 'launcher' = 'inline';
  declare heading?: string;
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** A `ChatClient` to use instead of creating one from the attributes. */
  declare client?: ChatClientLike;
  /** Overrides for any UI text. */
  strings: Partial<ChatRoomStrings> = {};

  private _opened = false;
  private _unread = 0;
  private _unseen = 0;
  private _windowSize = WINDOW;
  private _draft = '';
  declare private _loadingOlder?: boolean;
  declare private _nameError?: string;
  declare private _announcement?: string;
  /** The list follows new messages (the reader is at the bottom). */
  private _stick = true;
  /** The first visible message and its offset, kept in place when the list changes above it. */
  declare private _anchor?: [key: string, offset: number];
  declare private _composing?: boolean;

  private readonly _chat = new ChatController(this);

  private _q<E extends HTMLElement>(selector: string): E | null {
    return this.renderRoot?.querySelector<E>(selector);
  }
  private get _log() {
    return this._q('.messages');
  }
  private get _input() {
    return this._q<HTMLTextAreaElement>('#input');
  }
  private get _launcher(): boolean {
    return this.mode === 'launcher';
  }

  /** True while the launcher panel is open (always true inline). */
  get isOpen(): boolean {
    return !this._launcher || this._opened;
  }

  /** Opens the launcher panel and moves focus into it. */
  async open(): Promise<void> {
    if (this.isOpen) return;
    this._opened = true;
    this._unread = 0;
    this._stick = true;
    emit(this, 'chat-open', {});
    await this.updateComplete;
    const input = this._input;
    (this._q('#name') ?? (input && !input.disabled ? input : this._log))?.focus();
  }

  /** Closes the launcher panel; focus returns to the launcher if it was inside the panel. */
  async close(): Promise<void> {
    if (!this._launcher || !this._opened) return;
    const hadFocus = this.shadowRoot?.activeElement;
    this._opened = false;
    emit(this, 'chat-close', {});
    await this.updateComplete;
    if (hadFocus) this._q('.launcher')?.focus();
  }

  /** Sends a message; resolves with the stored message once the server acknowledged it. */
  send(text: string): Promise<ChatMessage> {
    const client = this._chat._client;
    if (!client) return Promise.reject(new Error(this._sendBlocker()));
    this._stick = true;
    return client.send(text);
  }

  private get _t(): ChatRoomStrings {
    const lang = (this.lang || this.closest('[lang]')?.getAttribute('lang') || navigator.language).toLowerCase();
    const translations = (this.constructor as typeof ChatRoomElement).translations;
    return { ...en, ...translations[lang.split('-')[0]!], ...translations[lang], ...this.strings };
  }

  private _isOwn = (m: ChatMessage): boolean => {
    const client = this._chat._client;
    // Token mode: the sender's id, so two people with one display name are told apart. Guests: the name
    // (a guest's id derives from the name anyway).
    if (client?.userId && m.userId) return m.userId === client.userId;
    const name = client?.username ?? this.username;
    return !!name && m.username === name;
  };

  /** Called by the controller for each new message (not history). */
  _onMessage(message: ChatMessage): void {
    const own = this._isOwn(message);
    if (!own) {
      if (!this._stick) this._unseen++;
      if (!this.isOpen) this._unread++;
      this._announcement = format(this._t.announce, { name: message.username, text: message.message });
    }
    if (!this._stick) this._windowSize++; // keep the top of the window where the reader is
    emit(this, 'chat-message', { message, own });
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('mode') && !this._launcher) this._opened = false;
    // Remember the first visible message so the view does not jump when the list changes above it.
    this._anchor = undefined;
    const log = this._log;
    if (!log || this._stick) return;
    const top = log.scrollTop;
    // Messages only: a day separator's key moves to the top when older messages of that day arrive.
    for (const el of log.querySelectorAll<HTMLElement>('.message')) {
      if (el.offsetTop + el.offsetHeight > top) {
        this._anchor = [el.dataset['key']!, el.offsetTop - top];
        break;
      }
    }
  }

  protected override updated(): void {
    const log = this._log;
    const anchor = this._anchor;
    if (!log) return;
    if (this._stick) {
      log.scrollTop = log.scrollHeight;
    } else if (anchor) {
      const el = log.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor[0])}"]`);
      if (el) log.scrollTop = el.offsetTop - anchor[1];
    }
  }

  private _onScroll(): void {
    const log = this._log!;
    this._stick = log.scrollHeight - log.scrollTop - log.clientHeight < 32;
    if (this._stick) this._unseen = 0;
    if (log.scrollTop < 48) this._showOlder();
  }

  /** Renders more of the loaded messages, or loads older history when all are shown. */
  private _showOlder(): void {
    const client = this._chat._client;
    if (!client || this._loadingOlder) return;
    const total = client.messages.length;
    const shown = Math.min(total, this._windowSize);
    if (shown < total || client.hasMoreHistory) this._windowSize = shown + PAGE;
    if (shown >= total && client.hasMoreHistory) {
      this._loadingOlder = true;
      client
        .loadOlder()
        .catch(() => false)
        .finally(() => (this._loadingOlder = false));
    }
  }

  private _scrollToBottom(): void {
    this._stick = true;
    this._unseen = 0;
    this._windowSize = WINDOW;
    this.requestUpdate();
    this._input?.focus();
  }

  private _submit(e?: Event): void {
    e?.preventDefault();
    const text = this._draft;
    const trimmed = text.trim();
    if (!trimmed || this._sendBlocker() || codePointLength(trimmed) > MESSAGE_MAX_LENGTH) return;
    this._draft = '';
    this._input!.value = '';
    this.send(text).catch(() => {
      // A failed send stays in the outbox, shown with Retry; the server's reason arrives as chat-error.
    });
  }

  private _onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || this._composing || e.keyCode === 229) return;
    e.preventDefault();
    this._submit();
  }

  private _onPanelKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this._launcher && !e.isComposing) {
      e.stopPropagation();
      void this.close();
    }
  }

  private _submitName(e: Event): void {
    e.preventDefault();
    const input = this._q<HTMLInputElement>('#name')!;
    const checked = validateUsername(input.value.trim());
    if (!checked.ok) {
      this._nameError = checked.reason;
      input.focus();
      return;
    }
    this._nameError = '';
    this._chat._setUsername(checked.value);
    void this.updateComplete.then(() => this._input?.focus());
  }

  /** Why sending is impossible right now, or '' when it is possible (offline sends are queued). */
  private _sendBlocker(): string {
    const chat = this._chat;
    const client = chat._client;
    const s = this._t;
    if (!client) return chat._configError || (this.url && chat._needsName ? s.namePrompt : s.noServer);
    return client.state === 'error' ? s.cannotSend : '';
  }

  protected override render(): TemplateResult {
    const s = this._t;
    const launcher = this._launcher;
    const opened = this._opened;
    const unread = this._unread;
    const heading = this.heading || s.heading;
    return html`<section
        id="panel"
        class="panel"
        part="panel"
        role=${launcher ? 'dialog' : 'region'}
        aria-label=${heading}
        ?hidden=${!this.isOpen}
        @keydown=${this._onPanelKeydown}
      >
        <header part="header">
          <h2 part="heading">${heading}</h2>
          ${renderStatus(this._chat, s)}
          ${
            launcher
              ? html`<button class="close" part="close" aria-label=${s.closeChat} @click=${this.close}>
                  ${CLOSE_ICON}
                </button>`
              : nothing
          }
        </header>
        ${this._chat._needsName ? this._renderNamePrompt(s) : [this._renderLog(s), this._renderComposer(s)]}
        <div class="sr-only" aria-live="polite">${this._announcement}</div>
      </section>
      ${
        launcher
          ? html`<button
              class="launcher"
              part="launcher"
              aria-controls="panel"
              aria-expanded=${opened}
              aria-label=${opened ? s.closeChat : unread ? `${s.openChat}, ${format(s.unread, { count: unread })}` : s.openChat}
              @click=${() => (opened ? this.close() : this.open())}
            >
              ${opened ? CLOSE_ICON : CHAT_ICON}
              ${
                unread && !opened
                  ? html`<span class="badge" part="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>`
                  : nothing
              }
            </button>`
          : nothing
      }`;
  }

  private _renderLog(s: ChatRoomStrings): TemplateResult {
    const client = this._chat._client;
    const total = client?.messages.length ?? 0;
    const start = Math.max(0, total - this._windowSize);
    const empty = !total && !client?.outbox.length;
    return html`<div class="log">
      <div
        class="messages"
        part="messages"
        role="log"
        aria-live="off"
        aria-label=${s.messagesLabel}
        tabindex="0"
        @scroll=${this._onScroll}
      >
        ${
          this._loadingOlder
            ? html`<p class="hint" role="status">${s.loadingOlder}</p>`
            : start || client?.hasMoreHistory
              ? html`<button class="link older" part="load-older" @click=${this._showOlder}>${s.loadOlder}</button>`
              : !empty && client!.state === 'connected'
                ? html`<p class="hint">${s.beginning}</p>`
                : nothing
        }
        ${
          empty
            ? html`<p class="empty" part="empty">${s.empty}</p>`
            : renderList(client!, start, this._isOwn, s, this.lang || undefined)
        }
      </div>
      ${
        this._unseen
          ? html`<button class="pill" part="pill" @click=${this._scrollToBottom}>
              ${format(s.newMessages, { count: this._unseen })}
            </button>`
          : nothing
      }
    </div>`;
  }

  private _renderComposer(s: ChatRoomStrings): TemplateResult {
    const blocker = this._sendBlocker();
    const length = codePointLength(this._draft.trim());
    const left = MESSAGE_MAX_LENGTH - length;
    const state = this._chat._state;
    const note =
      blocker ||
      (left < 0
        ? format(s.tooLong, { count: -left })
        : left < COUNTER_FROM
          ? format(s.charsLeft, { count: left })
          : state === 'reconnecting' || state === 'disconnected'
            ? s.offlineHint
            : '');
    // A <button> in a <form> submits it (its default type), here and in the name prompt.
    return html`<form part="composer" @submit=${this._submit}>
      <label class="sr-only" for="input">${s.composerLabel}</label>
      <textarea
        id="input"
        part="input"
        rows="1"
        placeholder=${s.placeholder}
        ?disabled=${!!blocker}
        aria-describedby="composer-note"
        aria-invalid=${left < 0}
        @input=${(e: Event) => (this._draft = (e.target as HTMLTextAreaElement).value)}
        @keydown=${this._onKeydown}
        @compositionstart=${() => (this._composing = true)}
        @compositionend=${() => (this._composing = false)}
      ></textarea>
      <button class="send" part="send" ?disabled=${!!blocker || !length || left < 0}>${s.send}</button>
      <p id="composer-note" class="note${left < 0 || blocker ? ' warn' : ''}" part="composer-note">${note}</p>
    </form>`;
  }

  private _renderNamePrompt(s: ChatRoomStrings): TemplateResult {
    return html`<form class="name-form" part="name-form" @submit=${this._submitName} novalidate>
      <p>${s.namePrompt}</p>
      <label for="name">${s.nameLabel}</label>
      <div class="row">
        <input
          id="name"
          part="name-input"
          autocomplete="nickname"
          maxlength="32"
          aria-invalid=${!!this._nameError}
          aria-describedby="name-error"
        />
        <button class="send" part="join">${s.join}</button>
      </div>
      <p id="name-error" class="note warn" role="alert">${this._nameError}</p>
    </form>`;
  }
}
