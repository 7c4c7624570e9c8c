// Overview: every pipeline with its health, last run (time, age, rows), next scheduled run and failing endpoints.

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

export async function renderOverview(main) {
  const body = h('div', { id: 'overview-body' }, h('p', { class: 'muted' }, 'Loading pipelines…'));
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', {}, 'Pipelines'),
      h('a', { class: 'button primary', href: '#/new' }, 'New pipeline')),
    body);
  return poll(async () => {
    try {
      refresh(body, table(await get('/api/pipelines')));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) {
        announce(`Could not load pipelines: ${e.message}`, 'error');
      }
    }
  }, 5000);
}
