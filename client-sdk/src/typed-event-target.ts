type Listener<T> = ((event: CustomEvent<T>) => void) | { handleEvent(event: CustomEvent<T>): void };

/** `addEventListener` / `removeEventListener` typed by an event map of `CustomEvent` details. */
export interface TypedEventTarget<M> {
  addEventListener<K extends keyof M & string>(
    type: K,
    listener: Listener<M[K]> | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof M & string>(
    type: K,
    listener: Listener<M[K]> | null,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** A plain `EventTarget` (browsers and Node alike) that dispatches `CustomEvent`s with typed `detail`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class TypedEventTarget<M> extends EventTarget {
  protected _emit<K extends keyof M & string>(type: K, detail: M[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
