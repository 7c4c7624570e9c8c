// One run in detail: status, start, end, the Flink job that ran it (with a link into the Flink web UI when the
// deployer has one), the run's totals, and per endpoint start, end, pages, requests, retries, 429s, time
// throttled, bytes, rows, error class and the (already redacted) error message. A failed Flink job is a run of
// endpoint "(job)" with error class JOB_FAILED.

import { ApiError, get, pipelinePath } from './api.js';
import { h, replace } from './dom.js';
import { bytes, count, duration, time } from './format.js';
import { announce } from './ui.js';

function jobLink(job) {
  if (!job) {
    return h('span', { class: 'muted' }, 'not known (rows recorded before job ids were kept, or no Flink job)');
  }
  return [h('code', { id: 'run-job-id' }, job.id), job.url ? [' — ', h('a', {
    href: job.url, target: '_blank', rel: 'noopener noreferrer', id: 'run-job-link',
  }, 'Open in the Flink web UI', h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'))] : null];
}

function endpointsTable(endpoints) {
  const heads = ['Endpoint', 'Status', 'Started', 'Ended', 'Duration', 'Pages', 'Requests', 'Retries', '429s',
    'Throttled', 'Bytes', 'Rows', 'Error class'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'run-endpoints' },
    h('caption', { class: 'visually-hidden' }, 'Endpoints of this run'),
    h('thead', {}, h('tr', {}, heads.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, endpoints.map((e) => h('tr', { dataset: { endpoint: e.endpoint } },
      h('th', { scope: 'row' }, e.endpoint),
      h('td', { dataset: { cell: 'status' } }, e.status === 'SUCCEEDED' ? h('span', { class: 'ok' }, 'succeeded')
        : h('span', { class: 'bad' }, e.status.toLowerCase())),
      h('td', {}, time(e.started_at)),
      h('td', {}, time(e.ended_at)),
      h('td', { class: 'num' }, duration(e.duration_ms)),
      h('td', { class: 'num', dataset: { cell: 'pages' } }, count(e.pages)),
      h('td', { class: 'num', dataset: { cell: 'requests' } }, count(e.requests)),
      h('td', { class: 'num', dataset: { cell: 'retries' } }, count(e.retries)),
      h('td', { class: 'num', dataset: { cell: 'throttled' } }, count(e.throttled)),
      h('td', { class: 'num', dataset: { cell: 'waited' } }, duration(e.waited_ms)),
      h('td', { class: 'num', dataset: { cell: 'bytes' } }, bytes(e.bytes)),
      h('td', { class: 'num', dataset: { cell: 'rows' } }, count(e.rows)),
      h('td', { dataset: { cell: 'error-class' } }, e.error_class ? h('code', {}, e.error_class) : '–'))))));
}

function errors(endpoints) {
  const failed = endpoints.filter((e) => e.error_message);
  if (!failed.length) {
    return h('p', { class: 'muted' }, 'No errors.');
  }
  return [failed.map((e) => [
    h('h3', {}, e.endpoint, ' ', h('code', {}, e.error_class || e.status)),
    h('pre', { class: 'error-text', dataset: { endpoint: e.endpoint }, tabindex: '0' }, e.error_message)]),
  h('p', { class: 'muted small' }, 'Secrets are redacted by the runtime before errors are recorded.')];
}

export async function renderRun(main, [name, runId]) {
  const back = `#/pipelines/${name}`;
  let run;
  try {
    run = await get(`${pipelinePath(name)}/runs/${encodeURIComponent(runId)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      replace(main, h('h1', {}, 'No such run'), h('p', {}, e.message, ' '), h('a', { href: back }, `Back to ${name}`));
      return null;
    }
    announce(`Could not load run ${runId}: ${e.message}`, 'error');
    throw e;
  }
  const item = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  const t = run.totals;
  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Pipelines'), ' / ', h('a', { href: back }, name), ' / run'),
    h('h1', {}, 'Run ', h('code', {}, run.run_id), ' ', h('span', {
      id: 'run-status', class: `badge badge-${run.status === 'succeeded' ? 'healthy' : 'failing'}`,
    }, run.status === 'succeeded' ? 'Succeeded' : 'Failed')),
    h('dl', { class: 'meta', id: 'run-meta' },
      item('Started', time(run.started_at)),
      item('Ended', time(run.ended_at)),
      item('Duration', duration(run.duration_ms)),
      item('Flink job', jobLink(run.flink_job)),
      item('Totals', h('span', { id: 'run-totals' }, `${count(t.rows)} rows, ${bytes(t.bytes)}, ${count(t.pages)} pages, `
        + `${count(t.requests)} requests, ${count(t.retries)} retries, ${count(t.throttled)} × 429, `
        + `${duration(t.waited_ms)} throttled, ${count(t.errors)} errors`)),
      run.failed_endpoints.length ? item('Failed', run.failed_endpoints.join(', ')) : null),
    h('section', { class: 'card', 'aria-labelledby': 'run-endpoints-title' },
      h('h2', { id: 'run-endpoints-title' }, 'Endpoints'), endpointsTable(run.endpoints)),
    h('section', { class: 'card', id: 'run-errors', 'aria-labelledby': 'run-errors-title' },
      h('h2', { id: 'run-errors-title' }, 'Errors'), errors(run.endpoints)));
  return null;
}
