import type { TokenSource } from '@chat-room/client-sdk';
import type { ChatMessage } from '@chat-room/client-sdk/protocol';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ChatController } from './chat-controller.js';
import { styles } from './chat-room.styles.js';
import type { ChatClientLike, ClientFactory } from './client-types.js';
import { Composer, sendBlocker } from './composer.js';
import { createChatClient } from './create-client.js';
import { emit } from './events.js';
import { CLOSE_ICON } from './icons.js';
import { renderLauncher } from './launcher.js';
import { MessageWindow } from './message-window.js';
import { NamePrompt } from './name-prompt.js';
import { isOwnMessage } from './own-message.js';
import { renderStatus } from './status.js';
import { en, format, type ChatRoomStrings } from './strings.js';

/** Options of the internal reactive properties: no attribute, not part of the API. */
const STATE = { state: true };

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

  // Internal state is `_`-prefixed: the embed's minifier renames every `_` member (build/terser-options.js).
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

  /** The launcher panel is open. */
  private _opened = false;
  /** Messages from others that arrived while the launcher panel was closed. */
  private _unread = 0;
  /** The latest message from others, as the live region announces it. */
  private _announcement = '';

  readonly #chat = new ChatController(this, {
    createClient: (options) => (this.constructor as typeof ChatRoomElement).clientFactory(options),
    onMessage: (message) => this.#onMessage(message),
    onStatus: (detail) => emit(this, 'chat-status', detail),
    onError: (error, clientMessageId) =>
      emit(this, 'chat-error', {
        code: error.code,
        message: error.message,
        ...(clientMessageId !== undefined && { clientMessageId }),
      }),
  });
  readonly #window = new MessageWindow(this, {
    list: () => this.#query('.messages'),
    client: () => this.#chat.view.client,
    onLatest: () => this.#input()?.focus(),
  });
  readonly #composer = new Composer(this, {
    input: () => this.#input(),
    blocker: () => this.#sendBlocker(),
    send: (text) => {
      this.send(text).catch(() => {
        // A failed send stays in the outbox, shown with Retry; the server's reason arrives as chat-error.
      });
    },
  });
  readonly #namePrompt = new NamePrompt(this, (name) => {
    this.#chat.useName(name);
    this.username = name;
    void this.updateComplete.then(() => this.#input()?.focus());
  });

  /** True while the launcher panel is open (always true inline). */
  get isOpen(): boolean {
    return !this.#isLauncher || this._opened;
  }

  /** Opens the launcher panel and moves focus into it. */
  async open(): Promise<void> {
    if (this.isOpen) return;
    this._opened = true;
    this._unread = 0;
    this.#window.follow();
    emit(this, 'chat-open', {});
    await this.updateComplete;
    const input = this.#input();
    (this.#query('#name') ?? (input && !input.disabled ? input : this.#query('.messages')))?.focus();
  }

  /** Closes the launcher panel; focus returns to the launcher if it was inside the panel. */
  async close(): Promise<void> {
    if (!this.#isLauncher || !this._opened) return;
    const hadFocus = this.shadowRoot?.activeElement;
    this._opened = false;
    emit(this, 'chat-close', {});
    await this.updateComplete;
    if (hadFocus) this.#query('.launcher')?.focus();
  }

  /** Sends a message; resolves with the stored message once the server acknowledged it. */
  send(text: string): Promise<ChatMessage> {
    const client = this.#chat.view.client;
    if (!client) return Promise.reject(new Error(this.#sendBlocker()));
    this.#window.follow();
    return client.send(text);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('mode') && !this.#isLauncher) this._opened = false;
  }

  protected override render(): TemplateResult {
    const texts = this.#texts();
    const view = this.#chat.view;
    const launcher = this.#isLauncher;
    const heading = this.heading || texts.heading;
    const isOwn = (message: ChatMessage) => isOwnMessage(message, view.client, this.username);
    return html`<section
        id="panel"
        class="panel"
        part="panel"
        role=${launcher ? 'dialog' : 'region'}
        aria-label=${heading}
        ?hidden=${!this.isOpen}
        @keydown=${this.#onPanelKeydown}
      >
        <header part="header">
          <h2 part="heading">${heading}</h2>
          ${renderStatus(view, texts)}
          ${
            launcher
              ? html`<button class="close" part="close" aria-label=${texts.closeChat} @click=${this.close}>
                  ${CLOSE_ICON}
                </button>`
              : nothing
          }
        </header>
        ${
          view.needsName
            ? this.#namePrompt.render(texts)
            : [
                this.#window.render(texts, isOwn, this.lang || undefined),
                this.#composer.render(texts, view, sendBlocker(view, texts, this.url)),
              ]
        }
        <div class="sr-only" aria-live="polite">${this._announcement}</div>
      </section>
      ${launcher ? renderLauncher(texts, this._opened, this._unread, this.#toggle) : nothing}`;
  }

  get #isLauncher(): boolean {
    return this.mode === 'launcher';
  }

  /** The UI texts: English, then the translation for `lang` (or the page's, or the browser's), then `strings`. */
  #texts(): ChatRoomStrings {
    const lang = (this.lang || this.closest('[lang]')?.getAttribute('lang') || navigator.language).toLowerCase();
    const translations = (this.constructor as typeof ChatRoomElement).translations;
    return { ...en, ...translations[lang.split('-')[0]!], ...translations[lang], ...this.strings };
  }

  #query<E extends HTMLElement>(selector: string): E | null | undefined {
    return this.renderRoot?.querySelector<E>(selector);
  }

  #input(): HTMLTextAreaElement | null | undefined {
    return this.#query<HTMLTextAreaElement>('#input');
  }

  #sendBlocker(): string {
    return sendBlocker(this.#chat.view, this.#texts(), this.url);
  }

  /** A new message (not history): counted, announced if another's, and told to the page. */
  #onMessage(message: ChatMessage): void {
    const own = isOwnMessage(message, this.#chat.view.client, this.username);
    if (!own) {
      if (!this.isOpen) this._unread++;
      this._announcement = format(this.#texts().announce, { name: message.username, text: message.message });
    }
    this.#window.received(own);
    emit(this, 'chat-message', { message, own });
  }

  // Arrow functions: they are handed out as event listeners.

  #toggle = (): void => {
    void (this._opened ? this.close() : this.open());
  };

  /** Escape closes the launcher panel from anywhere inside the widget. */
  #onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.#isLauncher && !event.isComposing) {
      event.stopPropagation();
      void this.close();
    }
  };
}
