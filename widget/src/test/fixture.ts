import '../define.js';
import type { ChatRoomElement } from '../chat-room.component.js';
import { FakeClient } from './fake-client.js';

const mounted: Element[] = [];

/** Creates a <chat-room> with these attributes and properties, attaches it and waits for its render. */
export async function mount(
  attributes: Record<string, string> = {},
  properties: Partial<ChatRoomElement> = {},
): Promise<ChatRoomElement> {
  const el = document.createElement('chat-room');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  Object.assign(el, properties);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

/** A mounted element with an injected fake client, already `connected`. */
export async function mountConnected(attributes: Record<string, string> = {}, username = 'me') {
  const client = new FakeClient({ username });
  const el = await mount(attributes, { client });
  client.setState('connected');
  await el.updateComplete;
  return { el, client };
}

export function cleanup(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/** Query the element's shadow root. */
export function $<E extends Element = HTMLElement>(el: Element, selector: string): E | null {
  return el.shadowRoot!.querySelector<E>(selector);
}

export function $$<E extends Element = HTMLElement>(el: Element, selector: string): E[] {
  return [...el.shadowRoot!.querySelectorAll<E>(selector)];
}

/** Visible text of a node, whitespace collapsed. */
export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Re-render and wait (after changes driven through the fake client). */
export async function settle(el: ChatRoomElement): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await el.updateComplete;
}
