const cache = new Map<string, Intl.DateTimeFormat>();

/** Formats with an `Intl.DateTimeFormat` created once per locale and options; an invalid `lang` falls back to the reader's locale. */
export function formatDate(timestamp: number, lang: string | undefined, options: Intl.DateTimeFormatOptions): string {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(lang, options);
    } catch {
      f = new Intl.DateTimeFormat(undefined, options);
    }
    cache.set(key, f);
  }
  return f.format(timestamp);
}

/** Local calendar day of a timestamp, as a key. */
export const dayKey = (timestamp: number): string => new Date(timestamp).toDateString();

/** A day separator's label: "Today", "Yesterday", or the date in the reader's locale (or `lang`). */
export function formatDay(
  timestamp: number,
  lang: string | undefined,
  labels: { today: string; yesterday: string },
  now = Date.now(),
): string {
  const key = dayKey(timestamp);
  const day = new Date(now);
  const year = day.getFullYear();
  if (key === day.toDateString()) return labels.today;
  day.setDate(day.getDate() - 1);
  if (key === day.toDateString()) return labels.yesterday;
  return formatDate(timestamp, lang, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: new Date(timestamp).getFullYear() === year ? undefined : 'numeric',
  });
}
