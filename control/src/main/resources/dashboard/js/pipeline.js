// One pipeline: health, actions (run now, pause, resume, deploy, deploy again after the job is gone, undeploy,
// delete), the auth-failure banner with its credential form, the last error, per-endpoint row counts, rows per run
// over time, the run history and the definition editor (versioned). Refreshes itself every few seconds; sections
// are updated in place so focus and half-typed forms survive a refresh.

import { ApiError, call, get, pipelinePath, post, put } from './api.js';
import { h, refresh, replace } from './dom.js';
import { bytes, count, duration, time } from './format.js';
import { rowsPerRunChart } from './chart.js';
import { groupRuns, latestPerEndpoint, succeeded } from './runs.js';
import { AuthBanner } from './auth-banner.js';
import { AlertsPanel } from './alerts.js';
import { announce, badge, busy, poll } from './ui.js';
import { capacityLine } from './overview.js';

/** Job failures a new deploy repairs: the job is gone, failed, or could not get task slots. */
const REDEPLOYABLE = ['JOB_GONE', 'JOB_FAILED', 'NO_RESOURCES'];

const HISTORY_ENTRIES = 500;
const HISTORY_ROWS = 50;
const CHART_RUNS = 40;

function section(id, title) {
  const body = h('div', { id: `${id}-body` });
  return {
    body,
    element: h('section', { id, 'aria-labelledby': `${id}-title`, class: 'card' },
      h('h2', { id: `${id}-title` }, title), body),
  };
}

function meta(p) {
  const item = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  return h('dl', { class: 'meta' },
    item('Connector', p.connector),
    item('Endpoints', p.endpoints.join(', ')),
    item('Schedule', h('code', {}, p.schedule), ' — ', p.schedule_description),
    item('Next run', p.next_run_at ? time(p.next_run_at) : h('span', { class: 'muted' },
      p.state === 'deployed' ? 'not scheduled' : `none (${p.state})`)),
    item('Last run', time(p.health.last_run_at), p.health.last_run_id
      ? h('span', { class: 'muted' }, ` — ${count(p.health.last_run_rows)} rows`) : null),
    item('Credential', p.credential ? h('code', {}, p.credential) : h('span', { class: 'muted' }, 'none needed')),
    item('Flink job', p.job_url
      ? h('a', { href: p.job_url, target: '_blank', rel: 'noopener noreferrer', id: 'flink-link' },
        'Open in the Flink web UI', h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'))
      : h('span', { class: 'muted' }, p.state === 'undeployed' ? 'not deployed' : 'no Flink UI link from this deployer')),
    item('Job', p.job_state ? h('span', { id: 'job-state' }, p.job_state.replaceAll('_', ' '),
      p.job_detail ? h('span', { class: 'muted', id: 'job-detail' }, ` — ${p.job_detail}`) : null)
      : h('span', { class: 'muted' }, 'none')));
}

function lastError(health) {
  const e = health.last_error;
  if (!e && !health.last_run_id) {
    return h('p', { class: 'muted', id: 'no-run-yet' }, health.status === 'starting'
      ? 'The job is starting: not all of its tasks run yet, so no run has happened.'
      : 'No run has finished yet.');
  }
  if (!e) {
    return h('p', { class: 'muted' }, 'The latest run had no errors.');
  }
  return [
    h('p', {}, 'Endpoint ', h('code', {}, e.endpoint), ' failed with ', h('code', {}, e.error_class), ':'),
    h('pre', { class: 'error-text', id: 'last-error-text', tabindex: '0' }, e.message || '(no message)'),
    h('p', { class: 'muted small' }, 'Secrets are redacted by the runtime before errors are recorded.'),
  ];
}

/** The latest run of one endpoint: succeeded, incomplete (rows other than the API's stated total) or failed. */
function lastStatus(run) {
  if (!succeeded(run)) {
    return h('span', { class: 'bad' }, (run.error_class || run.status).toLowerCase().replaceAll('_', ' '));
  }
  if (run.complete === false) {
    return h('span', { class: 'warn', title: 'the API stated another total for the whole result' },
      `incomplete: ${count(run.rows)} of ${count(run.api_total)}`);
  }
  return h('span', { class: 'ok' }, 'succeeded');
}

function endpointsTable(p, entries, tables) {
  const latest = latestPerEndpoint(entries);
  const totals = new Map((tables || []).map((t) => [t.endpoint, t]));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'endpoints' },
    h('caption', { class: 'visually-hidden' }, 'Rows per endpoint'),
    h('thead', {}, h('tr', {}, ['Endpoint', 'Last run', 'Rows (last run)', 'Rows in table', 'Table', 'Errors']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, p.endpoints.map((name) => {
      const run = latest.get(name);
      const table = totals.get(name);
      return h('tr', { dataset: { endpoint: name } },
        h('th', { scope: 'row' }, name),
        h('td', { dataset: { cell: 'last-status' } }, run ? lastStatus(run) : '–'),
        h('td', { class: 'num', dataset: { cell: 'last-rows' } }, run ? count(run.rows) : '–'),
        h('td', { class: 'num', dataset: { cell: 'table-rows' } }, table ? count(table.rows) : '–'),
        h('td', {}, table ? h('code', {}, table.table) : '–'),
        h('td', { class: 'num' }, run ? count(run.errors) : '–'));
    }))));
}

function historyTable(name, runs) {
  if (!runs.length) {
    return h('p', { class: 'muted' }, 'No runs yet. Use “Run now”, or wait for the schedule.');
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'runs' },
    h('caption', { class: 'visually-hidden' }, 'Run history, newest first'),
    h('thead', {}, h('tr', {}, ['Started', 'Status', 'Duration', 'Rows', 'Bytes', 'Pages', 'Retries', '429s', 'Errors']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, runs.slice(0, HISTORY_ROWS).map((r) => h('tr', { dataset: { run: r.id } },
      h('td', {}, h('a', { href: `#/pipelines/${name}/runs/${encodeURIComponent(r.id)}`, dataset: { cell: 'run-link' } },
        time(r.started))),
      h('td', { dataset: { cell: 'status' } }, r.failed
        ? h('span', { class: 'bad' }, `failed (${r.failedEndpoints.join(', ')})`)
        : h('span', { class: 'ok' }, 'succeeded')),
      h('td', { class: 'num' }, duration(r.durationMs)),
      h('td', { class: 'num' }, count(r.rows)),
      h('td', { class: 'num' }, bytes(r.bytes)),
      h('td', { class: 'num' }, count(r.pages)),
      h('td', { class: 'num' }, count(r.retries)),
      h('td', { class: 'num' }, count(r.throttled)),
      h('td', { class: 'num' }, count(r.errors)))))));
}

export async function renderPipeline(main, [name]) {
  const path = pipelinePath(name);
  let current = null;
  let stopped = false;
  const badgeSlot = h('span', { id: 'health' });
  const metaSlot = h('div', { id: 'meta' });
  const bannerSlot = h('div', { id: 'auth-banner-slot' });
  const errors = section('last-error', 'Last error');
  const endpoints = section('endpoint-rows', 'Rows per endpoint');
  const chart = section('rows-over-time', 'Rows per run over time');
  const history = section('run-history', 'Run history');
  const capacitySlot = h('div', { id: 'pipeline-capacity' });
  const alertsSection = section('alerts-section', 'Alerts');

  const action = (id, label, perform, done) => {
    const button = h('button', { type: 'button', id, class: id === 'run-now' ? 'primary' : '' }, label);
    button.addEventListener('click', () => busy(button, async () => {
      try {
        const result = await perform();
        announce(typeof done === 'function' ? done(result) : done, 'ok');
        await update();
      } catch (e) {
        announce(`${label} failed: ${e.message}`, 'error');
      }
    }));
    return button;
  };
  const buttons = {
    run: action('run-now', 'Run now', () => post(`${path}/run`), runRequested),
    pause: action('pause', 'Pause', () => post(`${path}/pause`), `${name} paused.`),
    resume: action('resume', 'Resume', () => post(`${path}/resume`), `${name} resumed.`),
    deploy: action('deploy', 'Deploy', () => post(`${path}/deploy`), `${name} deployed.`),
    redeploy: action('redeploy', 'Deploy again', () => post(`${path}/deploy`),
      `${name} deployed again.`),
    undeploy: action('undeploy', 'Undeploy', () => post(`${path}/undeploy`),
      `${name} undeployed: its job is stopped; the pipeline and its tables are kept.`),
    remove: h('button', { type: 'button', id: 'delete', class: 'danger', 'aria-expanded': 'false',
      'aria-controls': 'delete-confirm' }, 'Delete…'),
  };
  const dropTables = h('input', { type: 'checkbox', id: 'drop-tables' });
  const confirmDelete = h('button', { type: 'button', id: 'confirm-delete', class: 'danger' }, 'Delete pipeline');
  const deletePanel = h('div', { id: 'delete-confirm', class: 'card confirm', hidden: true },
    h('p', {}, `Delete ${name}? Its job is stopped and its definition removed. Its tables stay in the warehouse `
      + 'unless you tick the box.'),
    h('p', {}, dropTables, ' ', h('label', { for: 'drop-tables' }, 'Also drop its tables (their data is deleted)')),
    confirmDelete);
  buttons.remove.addEventListener('click', () => {
    deletePanel.hidden = !deletePanel.hidden;
    buttons.remove.setAttribute('aria-expanded', String(!deletePanel.hidden));
  });
  confirmDelete.addEventListener('click', () => busy(confirmDelete, async () => {
    try {
      await call('DELETE', `${path}${dropTables.checked ? '?drop_tables=true' : ''}`);
      stopped = true;
      announce(dropTables.checked ? `${name} deleted with its tables.` : `${name} deleted; its tables are kept.`,
        'ok', true);
      window.location.hash = '#/';
    } catch (e) {
      announce(`Delete failed: ${e.message}`, 'error');
    }
  }));
  const editor = h('textarea', { id: 'definition-editor', rows: '14', spellcheck: 'false',
    'aria-describedby': 'definition-help' });
  const saveDefinition = h('button', { type: 'button', id: 'save-definition' }, 'Save definition');
  const editSection = section('edit-definition', 'Definition');
  refresh(editSection.body, [
    h('p', { id: 'definition-help', class: 'muted small' }, 'The pipeline as JSON (docs/pipelines.md). Saving '
      + 'writes a new version; a deployed pipeline is upgraded from a savepoint. If someone saved in between, '
      + 'the save is refused: reload and edit again.'),
    h('label', { for: 'definition-editor', class: 'visually-hidden' }, 'Pipeline definition'), editor,
    h('p', {}, saveDefinition)]);
  let editorVersion = null;
  saveDefinition.addEventListener('click', () => busy(saveDefinition, async () => {
    let definition;
    try {
      definition = JSON.parse(editor.value);
    } catch (e) {
      announce(`The definition is not valid JSON: ${e.message}`, 'error');
      return;
    }
    try {
      const saved = await put(path, { ...definition, version: editorVersion });
      editorVersion = saved.version;
      announce(`${name} saved as version ${saved.version}.`, 'ok');
      await update();
    } catch (e) {
      announce(`Save failed: ${e.message}`, 'error');
    }
  }));
  /** The deployed job takes the request at its next poll and runs it after the run in progress, if any. */
  function runRequested(result) {
    const request = result && result.request;
    return request
      ? `Run requested for ${name} (request ${request.id}): the running job starts it within seconds, `
        + 'after the run in progress if there is one.'
      : `Run requested for ${name}: it runs as a job of its own.`;
  }
  const banner = new AuthBanner(bannerSlot, name, () => update());

  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Pipelines'), ' / ', name),
    h('div', { class: 'page-head' }, h('h1', {}, name, ' ', badgeSlot),
      h('div', { class: 'actions', role: 'group', 'aria-label': 'Pipeline actions' }, Object.values(buttons))),
    deletePanel, bannerSlot, capacitySlot, metaSlot, errors.element, endpoints.element, chart.element,
    history.element, editSection.element, alertsSection.element);
  const alerts = new AlertsPanel(alertsSection.body, name);
  alerts.load().catch((e) => announce(`Could not load the alert settings: ${e.message}`, 'error'));

  function showButtons(p) {
    const state = p.state;
    const focused = document.activeElement;
    const gone = state === 'deployed' && REDEPLOYABLE.includes(p.health.last_error?.error_class);
    // paused: refused (the paused job holds the incremental position); undeployed: deploy first
    buttons.run.hidden = state !== 'deployed' || gone;
    buttons.pause.hidden = state !== 'deployed' || gone;
    buttons.resume.hidden = state !== 'paused';
    buttons.deploy.hidden = state !== 'undeployed';
    buttons.redeploy.hidden = !gone;
    buttons.undeploy.hidden = state === 'undeployed';
    if (focused && focused.hidden) {
      Object.values(buttons).find((b) => !b.hidden)?.focus();
    }
  }

  async function update() {
    try {
      const [p, entries, tables] = await Promise.all([
        get(path), get(`${path}/runs?limit=${HISTORY_ENTRIES}`), get(`${path}/tables`).catch(() => null)]);
      current = p;
      replace(badgeSlot, badge(p.health.status));
      showButtons(p);
      if (editorVersion !== p.version && document.activeElement !== editor) {
        editor.value = JSON.stringify(p.definition, null, 2);
        editorVersion = p.version;
      }
      // deploy and resume need free task slots: show the budget where they are offered
      if (p.state !== 'deployed' || !buttons.redeploy.hidden) {
        refresh(capacitySlot, capacityLine(await get('/api/capacity').catch(() => null)));
      } else {
        refresh(capacitySlot);
      }
      refresh(metaSlot, meta(p));
      await banner.update(p);
      refresh(errors.body, lastError(p.health));
      refresh(endpoints.body, endpointsTable(p, entries, tables));
      const runs = groupRuns(entries);
      refresh(chart.body, rowsPerRunChart(runs.slice(0, CHART_RUNS).reverse()));
      refresh(history.body, historyTable(name, runs));
      await alerts.update().catch(() => {});
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        stopped = true;
        replace(main, h('h1', {}, 'No such pipeline'), h('p', {}, `There is no pipeline named ${name}. `),
          h('a', { href: '#/' }, 'Back to pipelines'));
      } else if (!(e instanceof ApiError && e.status === 401)) {
        announce(`Could not load ${name}: ${e.message}`, 'error');
      }
      throw e;
    }
    return current;
  }

  const stop = poll(async () => {
    if (!stopped) {
      await update().catch(() => {});
    }
  }, 3000);
  return () => {
    stopped = true;
    stop();
  };
}
