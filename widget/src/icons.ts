import { html } from 'lit';

/** The close control's cross (the panel's close button, the open launcher). */
export const CLOSE_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>`;

/** The closed launcher's speech bubble. */
export const CHAT_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z" /></svg>`;
