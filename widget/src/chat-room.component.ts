import { codePointLength, MESSAGE_MAX_LENGTH, validateUsername, type ChatMessage } from '@chat-room/client-sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ChatController, type ClientFactory } from './chat-controller.js';
import { styles } from './chat-room.styles.js';
import type { ChatClientLike, StateChangeDetail } from './client-types.js';
import { createChatClient } from './create-client.js';
import { emit } from './events.js';
import { buildItems, renderItems } from './message-list.js';
import { renderStatus } from './status.js';
import { en, format, type ChatRoomStrings } from './strings.js';

/** Messages rendered at first; scrolling up renders this many more each time. */
const WINDOW = 200;
const PAGE = 100;
/** The counter shows when fewer characters than this are left. */
const COUNTER_FROM = 200;

/**
 * An embeddable real-time chat room.
 *
 * @tagname chat-room
 * @summary A chat room on a chat-room backend: inline or as a floating launcher, text only, accessible.
 *
 * @attr url - The backend's WebSocket URL (`wss://…/stage`); a page-relative URL such as `/local` means ws(s):// on the page's host.
 * @attr room - Room to join (default `lobby`).
 * @attr username - Guest name; without it (and without `token`) the widget asks for one.
 * @attr token - A signed chat token (token mode) instead of a username.
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
 * @csspart author - A message's sender.
 * @csspart time - A message's time.
 * @csspart text - A message's text.
 * @csspart link - A link in a message.
 * @csspart day - A day separator.
 * @csspart empty - The empty state.
 * @csspart pill - The "new messages" button.
 * @csspart composer - The message form.
 * @csspart input - The message text area.
 * @csspart send - The send button.
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
    _opened: { state: true },
    _unread: { state: true },
    _unseen: { state: true },
    _windowSize: { state: true },
    _loadingOlder: { state: true },
    _draft: { state: true },
    _nameError: { state: true },
    _announcement: { state: true },
  };

  /**
   * Built-in translations by language (`lang="fr"` or `fr-CA` picks `fr`). English is the default; add more
   * with `ChatRoomElement.translations.fr = fr` (the npm package exports `fr`).
   */
  static translations: Record<string, Partial<ChatRoomStrings>> = {};

  declare url?: string;
  declare room?: string;
  declare username?: string;
  declare token?: string;
  mode: 'inline' | 'launcher' = 'inline';
  declare heading?: string;
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** A `ChatClient` to use instead of creating one from the attributes. */
  declare client?: ChatClientLike;
  /** Overrides for any UI text. */
  strings: Partial<ChatRoomStrings> = {};

  private _opened: boolean = false;
  private _unread: number = 0;
  private _unseen: number = 0;
  private _windowSize: number = WINDOW;
  private _loadingOlder: boolean = false;
  private _draft: string = '';
  private _nameError: string = '';
  private _announcement: string = '';

  private _q<E extends Element>(selector: string): E | null {
    return this.renderRoot?.querySelector<E>(selector) ?? null;
  }
  private get _log() {
    return this._q<HTMLElement>('.messages');
  }
  private get _input() {
    return this._q<HTMLTextAreaElement>('#input');
  }
  private get _nameInput() {
    return this._q<HTMLInputElement>('#name');
  }

  private _stick = true;
  private _anchor: { key: string; offset: number } | undefined;
  private _composing = false;

  private readonly _chat: ChatController = new ChatController(this, () => (this.constructor as typeof ChatRoomElement).clientFactory, {
    onState: (detail) => this._onState(detail),
    onMessage: (message) => this._onMessage(message),
    onError: (detail) => emit(this, 'chat-error', detail),
  });

  /** True while the launcher panel is open (always true inline). */
  get isOpen(): boolean {
    return this.mode !== 'launcher' || this._opened;
  }

  /** Opens the launcher panel and moves focus into it. */
  async open(): Promise<void> {
    if (this.mode !== 'launcher' || this._opened) return;
    this._opened = true;
    this._unread = 0;
    this._stick = true;
    emit(this, 'chat-open', {});
    await this.updateComplete;
    (this._nameInput ?? (this._input && !this._input.disabled ? this._input : this._log))?.focus();
  }

  /** Closes the launcher panel; focus returns to the launcher if it was inside the panel. */
  async close(): Promise<void> {
    if (this.mode !== 'launcher' || !this._opened) return;
    const hadFocus = this.shadowRoot?.activeElement != null;
    this._opened = false;
    emit(this, 'chat-close', {});
    await this.updateComplete;
    if (hadFocus) this._q<HTMLElement>('.launcher')?.focus();
  }

  /** Sends a message; resolves with the stored message once the server acknowledged it. */
  send(text: string): Promise<ChatMessage> {
    const client = this._chat._client;
    if (!client) return Promise.reject(new Error(this._t.noServer));
    this._stick = true;
    return client.send(text);
  }

  private get _t(): ChatRoomStrings {
    const lang = this._uiLang.toLowerCase();
    const translations = (this.constructor as typeof ChatRoomElement).translations;
    return { ...en, ...translations[lang.split('-')[0]!], ...translations[lang], ...this.strings };
  }

  private get _uiLang(): string {
    return this.lang || this.closest('[lang]')?.getAttribute('lang') || navigator.language;
  }

  private _isOwn = (m: ChatMessage): boolean => {
    const name = this._chat._client?.username ?? this.username;
    return !!name && m.username === name;
  };

  private _onState(detail: StateChangeDetail): void {
    emit(this, 'chat-status', detail);
  }

  private _onMessage(message: ChatMessage): void {
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
    if (changed.has('mode') && this.mode !== 'launcher') this._opened = false;
    // Remember the first visible message so the view does not jump when the list changes above it.
    this._anchor = undefined;
    const log = this._log;
    if (!log || this._stick) return;
    const top = log.scrollTop;
    // Messages only: a day separator's key moves to the top when older messages of that day arrive.
    for (const el of log.querySelectorAll<HTMLElement>('.message')) {
      if (el.offsetTop + el.offsetHeight > top) {
        this._anchor = { key: el.dataset['key']!, offset: el.offsetTop - top };
        break;
      }
    }
  }

  protected override updated(): void {
    const log = this._log;
    if (!log) return;
    if (this._stick) {
      log.scrollTop = log.scrollHeight;
    } else if (this._anchor) {
      const el = log.querySelector<HTMLElement>(`[data-key="${CSS.escape(this._anchor.key)}"]`);
      if (el) log.scrollTop = el.offsetTop - this._anchor.offset;
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
    if (shown < total) {
      this._windowSize = shown + PAGE;
    } else if (client.hasMoreHistory) {
      this._loadingOlder = true;
      this._windowSize = shown + PAGE;
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
    if (!text.trim() || this._sendBlocker() || codePointLength(text.trim()) > MESSAGE_MAX_LENGTH) return;
    this._draft = '';
    if (this._input) this._input.value = '';
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
    if (e.key === 'Escape' && this.mode === 'launcher' && !e.isComposing) {
      e.stopPropagation();
      void this.close();
    }
  }

  private _submitName(e: Event): void {
    e.preventDefault();
    const value = (this._nameInput?.value ?? '').trim();
    const checked = validateUsername(value);
    if (!checked.ok) {
      this._nameError = checked.reason;
      this._nameInput?.focus();
      return;
    }
    this._nameError = '';
    this._chat._setUsername(checked.value);
    void this.updateComplete.then(() => this._input?.focus());
  }

  /** Why sending is impossible right now, or '' when it is possible (offline sends are queued). */
  private _sendBlocker(): string {
    const client = this._chat._client;
    if (!client) return this._chat._configError || this._t.noServer;
    if (client.state === 'error') return this._t.cannotSend;
    return '';
  }

  protected override render(): TemplateResult {
    const s = this._t;
    const launcher = this.mode === 'launcher';
    const heading = this.heading || s.heading;
    const panel = html`<section
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
        ${renderStatus(this._chat, s, () => this._chat._client?.reconnect())}
        ${launcher
          ? html`<button class="close" part="close" aria-label=${s.closeChat} @click=${() => this.close()}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>
            </button>`
          : nothing}
      </header>
      ${this._chat._needsName ? this._renderNamePrompt(s) : [this._renderLog(s), this._renderComposer(s)]}
      <div class="sr-only" aria-live="polite">${this._announcement}</div>
    </section>`;
    if (!launcher) return panel;
    const label = this._unread ? `${s.openChat}, ${format(s.unread, { count: this._unread })}` : s.openChat;
    return html`${panel}
      <button
        class="launcher"
        part="launcher"
        aria-controls="panel"
        aria-expanded=${this._opened ? 'true' : 'false'}
        aria-label=${this._opened ? s.closeChat : label}
        @click=${() => (this._opened ? this.close() : this.open())}
      >
        ${this._opened
          ? html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>`
          : html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z" /></svg>`}
        ${this._unread && !this._opened
          ? html`<span class="badge" part="badge" aria-hidden="true">${this._unread > 99 ? '99+' : this._unread}</span>`
          : nothing}
      </button>`;
  }

  private _renderLog(s: ChatRoomStrings): TemplateResult {
    const client = this._chat._client;
    const messages = client?.messages ?? [];
    const start = Math.max(0, messages.length - this._windowSize);
    const items = buildItems(messages, start, client?.outbox ?? [], this._isOwn);
    const older = start > 0 || !!client?.hasMoreHistory;
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
        ${this._loadingOlder
          ? html`<p class="hint" role="status">${s.loadingOlder}</p>`
          : older
            ? html`<button class="link older" part="load-older" @click=${this._showOlder}>${s.loadOlder}</button>`
            : items.length && client?.state === 'connected'
              ? html`<p class="hint">${s.beginning}</p>`
              : nothing}
        ${items.length
          ? renderItems(items, {
              strings: s,
              lang: this.lang || undefined,
              onRetry: (id) => client?.retry(id),
              onDiscard: (id) => client?.discard(id),
            })
          : html`<p class="empty" part="empty">${s.empty}</p>`}
      </div>
      ${this._unseen
        ? html`<button class="pill" part="pill" @click=${this._scrollToBottom}>
            ${format(s.newMessages, { count: this._unseen })}
          </button>`
        : nothing}
    </div>`;
  }

  private _renderComposer(s: ChatRoomStrings): TemplateResult {
    const blocker = this._sendBlocker();
    const length = codePointLength(this._draft.trim());
    const left = MESSAGE_MAX_LENGTH - length;
    const state = this._chat._state;
    const note = blocker
      ? blocker
      : left < 0
        ? format(s.tooLong, { count: -left })
        : left < COUNTER_FROM
          ? format(s.charsLeft, { count: left })
          : state === 'reconnecting' || state === 'disconnected'
            ? s.offlineHint
            : '';
    return html`<form part="composer" @submit=${this._submit}>
      <label class="sr-only" for="input">${s.composerLabel}</label>
      <textarea
        id="input"
        part="input"
        rows="1"
        placeholder=${s.placeholder}
        ?disabled=${!!blocker}
        aria-describedby="composer-note"
        aria-invalid=${left < 0 ? 'true' : 'false'}
        @input=${(e: Event) => (this._draft = (e.target as HTMLTextAreaElement).value)}
        @keydown=${this._onKeydown}
        @compositionstart=${() => (this._composing = true)}
        @compositionend=${() => (this._composing = false)}
      ></textarea>
      <button class="send" part="send" type="submit" ?disabled=${!!blocker || length === 0 || left < 0}>
        ${s.send}
      </button>
      <p id="composer-note" class=${left < 0 || blocker ? 'note warn' : 'note'} part="composer-note">${note}</p>
    </form>`;
  }

  private _renderNamePrompt(s: ChatRoomStrings): TemplateResult {
    return html`<form class="name-form" part="name-form" @submit=${this._submitName} novalidate>
      <p class="prompt">${s.namePrompt}</p>
      <label for="name">${s.nameLabel}</label>
      <div class="row">
        <input
          id="name"
          part="name-input"
          autocomplete="nickname"
          maxlength="32"
          aria-invalid=${this._nameError ? 'true' : 'false'}
          aria-describedby="name-error"
        />
        <button class="send" part="join" type="submit">${s.join}</button>
      </div>
      <p id="name-error" class="note warn" role="alert">${this._nameError}</p>
    </form>`;
  }
}
