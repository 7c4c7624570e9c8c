// Numbers, sizes, durations and times as people read them. Times from the API are ISO-8601 UTC; they are shown
// in the browser's time zone with a relative age ("3 min ago", "in 12 min").

import { h } from './dom.js';

const NUMBER = new Intl.NumberFormat('en-US');

export function count(n) {
  return n === null || n === undefined ? '–' : NUMBER.format(n);
}

export function bytes(n) {
  if (n === null || n === undefined) {
    return '–';
  }
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function duration(ms) {
  if (ms === null || ms === undefined || ms < 0) {
    return '–';
  }
  if (ms < 1000) {
    return `${ms} ms`;
  }
  const s = ms / 1000;
  if (s < 60) {
    return `${s.toFixed(1)} s`;
  }
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "12 s", "3 min", "2 h", "4 d" between two instants. */
function span(ms) {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) {
    return `${s} s`;
  }
  const m = Math.round(s / 60);
  if (m < 60) {
    return `${m} min`;
  }
  const hours = Math.round(m / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

export function relative(iso, now = Date.now()) {
  const diff = Date.parse(iso) - now;
  return diff > 0 ? `in ${span(diff)}` : `${span(diff)} ago`;
}

export function localTime(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A <time> element: local date and time, with the relative age after it when asked. */
export function time(iso, withAge = true) {
  if (!iso) {
    return h('span', { class: 'muted' }, '–');
  }
  return h('time', { datetime: iso, title: iso }, localTime(iso), withAge ? ` (${relative(iso)})` : null);
}
