/**
 * Time text as the Bareos PostgreSQL session prints it (reference §0.1): timestamps
 * `YYYY-MM-DD HH:MM:SS` in local time, intervals in the default `postgres` IntervalStyle.
 */

/** `00:01:09`, `1 day 02:03:04`, `3 days 00:00:01`; whole days alone print as `1 day`. */
export function formatInterval(totalSeconds: number): string {
  const negative = totalSeconds < 0;
  let s = Math.floor(Math.abs(totalSeconds));
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const time = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
  const sign = negative ? '-' : '';
  if (days === 0) return sign + time;
  const dayText = `${sign}${days} day${days === 1 ? '' : 's'}`;
  return s === 0 ? dayText : `${dayText} ${sign}${time}`;
}

/** Local time as `YYYY-MM-DD HH:MM:SS`. */
export function formatTimestamp(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ` +
    `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
