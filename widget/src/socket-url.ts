/**
 * The WebSocket URL for a `url` attribute: `ws://` and `wss://` URLs are used as they are; a page-relative
 * or http(s) URL (`/local`, `https://chat.example.com/prod`) becomes ws(s):// on the same host, so a page
 * served by the chat backend's host can say `url="/local"`.
 */
export function toSocketUrl(url: string, base: string): string {
  if (/^wss?:/i.test(url)) return url;
  try {
    const resolved = new URL(url, base);
    if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
    else if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
    return resolved.href;
  } catch {
    return url; // the SDK reports what is wrong with it
  }
}
