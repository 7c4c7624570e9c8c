// Rows per run over time as an inline SVG bar chart (no library): one bar per run, oldest on the left, failed
// runs marked. Each bar has a <title> (hover text); the chart as a whole has a text summary for screen readers.

import { h, svg, uid } from './dom.js';
import { count, localTime } from './format.js';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 16, right: 12, bottom: 36, left: 64 };
const FAILED_MIN = 6;

/** A "nice" axis maximum at or above max: 1, 2 or 5 times a power of ten. */
export function niceMax(max) {
  if (max <= 0) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max);
}

/** runs: [{started, rows, failed}] oldest first. */
export function rowsPerRunChart(runs) {
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  if (!runs.length) {
    return h('p', { class: 'muted' }, 'No runs yet: the chart fills in as runs finish.');
  }
  const top = niceMax(Math.max(...runs.map((r) => r.rows)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / runs.length;
  const barW = Math.max(2, Math.min(40, slot * 0.7));
  const y = (v) => PAD.top + plotH - (v / top) * plotH;
  const last = runs[runs.length - 1];
  const span = runs.length === 1 ? `1 run, at ${localTime(last.started)}`
    : `${runs.length} runs from ${localTime(runs[0].started)} to ${localTime(last.started)}`;
  const summary = `${span}; the latest landed ${count(last.rows)} rows; the most in one run was `
    + `${count(Math.max(...runs.map((r) => r.rows)))}.`;
  const grid = [0, top / 2, top].map((v) => [
    svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v), class: 'grid' }),
    svg('text', { x: PAD.left - 8, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, count(v)),
  ]);
  const bars = runs.map((r, i) => {
    const x = PAD.left + i * slot + (slot - barW) / 2;
    // a failed run is always visible, even at 0 rows: a bar of at least FAILED_MIN px and a cross above it
    const height = Math.max(r.failed ? FAILED_MIN : (r.rows > 0 ? 1 : 0), (r.rows / top) * plotH);
    const title = svg('title', {}, `${localTime(r.started)}: ${count(r.rows)} rows${r.failed ? ' (failed)' : ''}`);
    const bar = svg('rect', {
      x, y: PAD.top + plotH - height, width: barW, height, class: r.failed ? 'bar failed' : 'bar',
    }, title);
    return r.failed ? [bar, svg('text', {
      x: x + barW / 2, y: PAD.top + plotH - height - 3, class: 'fail-mark', 'text-anchor': 'middle',
    }, '✕')] : bar;
  });
  const labels = [
    svg('text', { x: PAD.left, y: HEIGHT - 12, class: 'axis' }, localTime(runs[0].started)),
    runs.length > 1
      ? svg('text', { x: WIDTH - PAD.right, y: HEIGHT - 12, class: 'axis', 'text-anchor': 'end' }, localTime(last.started))
      : null,
  ];
  return h('figure', { class: 'chart' },
    svg('svg', {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`,
      preserveAspectRatio: 'xMidYMid meet', id: 'rows-chart',
    },
    svg('title', { id: titleId }, 'Rows per run over time'),
    svg('desc', { id: descId }, summary),
    grid, bars, labels),
    h('figcaption', { class: 'muted small' }, summary, ' Failed runs are drawn in red and marked ✕, even when they landed no rows.'));
}
