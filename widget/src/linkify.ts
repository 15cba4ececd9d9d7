import { html, type TemplateResult } from 'lit';

// http(s) URLs only; the text around them stays text. Other schemes (javascript:, data:) never match.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
// Punctuation that usually ends a sentence rather than a URL.
const TRAILING = /[.,;:!?')\]}]+$/;

/** A safe http(s) URL, or undefined. */
export function safeHref(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Splits message text into text parts (rendered by Lit as text nodes, never parsed as HTML) and links
 * (`<a rel="noopener noreferrer" target="_blank">`) for the http(s) URLs in it.
 */
export function linkify(text: string): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let raw = match[0].replace(TRAILING, '');
    // Keep a closing parenthesis that balances one inside the URL (Wikipedia-style links).
    if (match[0][raw.length] === ')' && raw.split('(').length > raw.split(')').length) raw += ')';
    const href = safeHref(raw);
    if (!href || raw.length <= 8) continue; // 8: "https://"
    parts.push(
      text.slice(last, match.index),
      html`<a part="link" href=${href} rel="noopener noreferrer" target="_blank">${raw}</a>`,
    );
    last = match.index + raw.length;
  }
  parts.push(text.slice(last));
  return parts.filter((part) => part !== '');
}
