import { USERNAME_MAX_LENGTH, validateUsername } from '@chat-room/client-sdk/protocol';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ChatRoomStrings } from './strings.js';

/**
 * The form shown instead of the list and composer while nobody said who the user is: one name field,
 * checked with the protocol's username rule (the reason shows in an alert), then `onName(name)`.
 */
export class NamePrompt {
  readonly #host: ReactiveControllerHost;
  readonly #onName: (name: string) => void;
  /** Why the last name entered was refused, or ''. */
  #error = '';

  constructor(host: ReactiveControllerHost, onName: (name: string) => void) {
    this.#host = host;
    this.#onName = onName;
  }

  render(s: ChatRoomStrings): TemplateResult {
    return html`<form class="name-form" part="name-form" @submit=${this.#onSubmit} novalidate>
      <p>${s.namePrompt}</p>
      <label for="name">${s.nameLabel}</label>
      <div class="row">
        <input
          id="name"
          part="name-input"
          autocomplete="nickname"
          maxlength=${USERNAME_MAX_LENGTH}
          aria-invalid=${!!this.#error}
          aria-describedby="name-error"
        />
        <button class="send" part="join">${s.join}</button>
      </div>
      <p id="name-error" class="note warn" role="alert">${this.#error}</p>
    </form>`;
  }

  // An arrow function: Lit calls event listeners with the element as `this`.
  #onSubmit = (event: Event): void => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#name')!;
    const checked = validateUsername(input.value.trim());
    this.#error = checked.ok ? '' : checked.reason;
    this.#host.requestUpdate();
    if (checked.ok) this.#onName(checked.value);
    else input.focus();
  };
}
