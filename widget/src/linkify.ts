import { html, type TemplateResult } from 'lit';

// http(s) URLs only; the text around them stays text. Other schemes (javascript:, data:) never match.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
// Punctuation that usually ends a sentence rather than a URL.
const TRAILING = /[.,;:!?')\]}]+$/;

/** A safe http(s) URL, or undefined. */
export function safeHref(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
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
    let raw = match[0];
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
    raw = raw.slice(0, raw.length - trailing.length);
    // Keep a closing parenthesis that balances one inside the URL (Wikipedia-style links).
    if (trailing.startsWith(')') && raw.split('(').length > raw.split(')').length) raw += ')';
    const href = safeHref(raw);
    const start = match.index;
    if (!href || raw.length <= 'https://'.length) continue;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(html`<a part="link" href=${href} rel="noopener noreferrer" target="_blank">${raw}</a>`);
    last = start + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
