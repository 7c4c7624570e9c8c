// Overview: every pipeline with its health, last run (time, age, rows), next scheduled run and failing endpoints,
// and the cluster's task slots (who holds them; a full cluster refuses further deploys).

import { ApiError, get } from './api.js';
import { h, refresh, replace } from './dom.js';
import { count, time } from './format.js';
import { announce, badge, poll } from './ui.js';

function row(p) {
  const health = p.health;
  return h('tr', { dataset: { pipeline: p.name } },
    h('th', { scope: 'row' }, h('a', { href: `#/pipelines/${p.name}` }, p.name)),
    h('td', {}, badge(health.status)),
    h('td', {}, p.connector),
    h('td', {}, time(health.last_run_at)),
    h('td', { class: 'num', dataset: { cell: 'rows' } }, health.last_run_id ? count(health.last_run_rows) : '–'),
    h('td', {}, p.next_run_at ? time(p.next_run_at) : h('span', { class: 'muted' }, p.state === 'paused' ? 'paused' : '–'),
      h('div', { class: 'muted small' }, p.schedule_description)),
    h('td', {}, health.failing_endpoints.length
      ? h('ul', { class: 'plain' }, health.failing_endpoints.map((e) => h('li', {}, e)))
      : h('span', { class: 'muted' }, 'none')));
}

function table(pipelines) {
  if (!pipelines.length) {
    return h('div', { class: 'card empty' },
      h('p', {}, 'No pipelines yet.'),
      h('a', { class: 'button primary', href: '#/new' }, 'Create a pipeline'));
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data', id: 'pipelines' },
      h('caption', { class: 'visually-hidden' }, 'Pipelines with their health and latest run'),
      h('thead', {}, h('tr', {},
        ['Pipeline', 'Health', 'Connector', 'Last run', 'Rows (last run)', 'Next run', 'Failing endpoints']
          .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, pipelines.map(row))));
}

/** The slot budget line: "Task slots: 3 of 4 in use (a: 1, b: 2)", and what a full cluster means. */
export function capacityLine(c) {
  if (!c || c.slots_total === null) {
    return h('p', { class: 'muted small', id: 'capacity', dataset: { full: 'false' } },
      'Task slots: no fixed budget with this deployer.');
  }
  const holders = c.claims.map((k) => `${k.pipeline}${k.kind === 'run_now' ? ' (run now)' : ''}: ${k.slots}`);
  const full = c.slots_free === 0;
  return h('p', { class: full ? 'capacity full' : 'capacity', id: 'capacity', dataset: { full: String(full) } },
    h('strong', {}, `Task slots: ${c.slots_used} of ${c.slots_total} in use`),
    holders.length ? ` (${holders.join(', ')})` : '',
    full ? '. The cluster is full: a further deploy, resume or run now is refused until a pipeline is paused '
      + 'or undeployed.' : `. ${c.slots_free} free.`);
}

export async function renderOverview(main) {
  const body = h('div', { id: 'overview-body' }, h('p', { class: 'muted' }, 'Loading pipelines…'));
  const capacity = h('div', { id: 'capacity-slot' });
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', {}, 'Pipelines'),
      h('a', { class: 'button primary', href: '#/new' }, 'New pipeline')),
    capacity, body);
  return poll(async () => {
    try {
      const [pipelines, slots] = await Promise.all([get('/api/pipelines'), get('/api/capacity').catch(() => null)]);
      refresh(capacity, capacityLine(slots));
      refresh(body, table(pipelines));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) {
        announce(`Could not load pipelines: ${e.message}`, 'error');
      }
    }
  }, 5000);
}
