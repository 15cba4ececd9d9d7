import { codePointLength, MESSAGE_MAX_LENGTH } from '@chat-room/client-sdk/protocol';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ChatView } from './chat-controller.js';
import { format, type ChatRoomStrings } from './strings.js';

/** The counter shows when fewer characters than this are left. */
const COUNTER_FROM = 200;

/** Why sending is impossible right now, or '' when it is possible (offline sends are queued). */
export function sendBlocker(view: ChatView, s: ChatRoomStrings, url: string | undefined): string {
  if (!view.client) return view.configError || (url && view.needsName ? s.namePrompt : s.noServer);
  return view.state === 'error' ? s.cannotSend : '';
}

export interface ComposerOptions {
  /** The text area, when rendered. */
  input(): HTMLTextAreaElement | null | undefined;
  /** Why sending is impossible right now, or '' (asked at the moment of sending). */
  blocker(): string;
  /** Sends the text as typed (the client trims it). */
  send(text: string): void;
}

/**
 * The message form: the draft, the character counter and the note under it, Enter to send (Shift+Enter adds
 * a line; Enter during an IME composition is the IME's), and the text area cleared once a message is sent.
 */
export class Composer {
  readonly #host: ReactiveControllerHost;
  readonly #options: ComposerOptions;
  #draft = '';
  /** An IME composition is in progress (some IMEs end it before the keydown, so `isComposing` is not enough). */
  #composing = false;

  constructor(host: ReactiveControllerHost, options: ComposerOptions) {
    this.#host = host;
    this.#options = options;
  }

  render(s: ChatRoomStrings, view: ChatView, blocker: string): TemplateResult {
    const length = codePointLength(this.#draft.trim());
    const left = MESSAGE_MAX_LENGTH - length;
    const note =
      blocker ||
      (left < 0
        ? format(s.tooLong, { count: -left })
        : left < COUNTER_FROM
          ? format(s.charsLeft, { count: left })
          : view.state === 'reconnecting' || view.state === 'disconnected'
            ? s.offlineHint
            : '');
    // A <button> in a <form> submits it (its default type).
    return html`<form part="composer" @submit=${this.#onSubmit}>
      <label class="sr-only" for="input">${s.composerLabel}</label>
      <textarea
        id="input"
        part="input"
        rows="1"
        placeholder=${s.placeholder}
        ?disabled=${!!blocker}
        aria-describedby="composer-note"
        aria-invalid=${left < 0}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
        @compositionstart=${this.#onCompositionStart}
        @compositionend=${this.#onCompositionEnd}
      ></textarea>
      <button class="send" part="send" ?disabled=${!!blocker || !length || left < 0}>${s.send}</button>
      <p id="composer-note" class="note${left < 0 || blocker ? ' warn' : ''}" part="composer-note">${note}</p>
    </form>`;
  }

  // Arrow functions: Lit calls event listeners with the element as `this`.

  #onInput = (event: Event): void => {
    this.#draft = (event.target as HTMLTextAreaElement).value;
    this.#host.requestUpdate();
  };

  #onKeydown = (event: KeyboardEvent): void => {
    // keyCode 229: the key went to an IME (Safari reports the Enter that ends a composition so, isComposing false).
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || this.#composing || event.keyCode === 229)
      return;
    event.preventDefault();
    this.#submit();
  };

  #onCompositionStart = (): void => {
    this.#composing = true;
  };

  #onCompositionEnd = (): void => {
    this.#composing = false;
  };

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    this.#submit();
  };

  #submit(): void {
    const text = this.#draft;
    const trimmed = text.trim();
    if (!trimmed || this.#options.blocker() || codePointLength(trimmed) > MESSAGE_MAX_LENGTH) return;
    this.#draft = '';
    const input = this.#options.input();
    if (input) input.value = '';
    this.#host.requestUpdate();
    this.#options.send(text);
  }
}
