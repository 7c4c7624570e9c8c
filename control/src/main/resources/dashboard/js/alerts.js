// A pipeline's alerts: its own settings (webhooks, e-mail recipients, which events, the staleness multiple) and
// the alerts raised with each channel's delivery outcome. The API never returns webhook URLs (a Slack URL is a
// secret): kept webhooks are sent back by id. The settings form is loaded once and after a save, so a refresh
// never clobbers what is being typed; the list of alerts refreshes with the page.

import { ApiError, get, pipelinePath, put } from './api.js';
import { h, refresh, replace } from './dom.js';
import { time } from './format.js';
import { announce, busy, field, fieldError } from './ui.js';

const EVENTS = [
  ['run_failed', 'Run failed'],
  ['auth_failed', 'Credential rejected'],
  ['stale', 'No successful run for a while (stale)'],
];
const RECENT = 20;

function deliveryText(d) {
  const tries = d.attempts === 1 ? '1 try' : `${d.attempts} tries`;
  return d.status === 'FAILED' ? `failed after ${tries}: ${d.last_error || ''}`
    : d.status === 'DELIVERED' ? `delivered (${tries})` : `pending (${tries}${d.last_error ? `: ${d.last_error}` : ''})`;
}

export class AlertsPanel {
  constructor(slot, name) {
    this.slot = slot;
    this.name = name;
    this.path = `${pipelinePath(name)}/alerts`;
    this.form = h('form', { id: 'alerts-form', novalidate: true });
    this.recent = h('div', { id: 'alerts-recent' });
    replace(slot, this.form, h('h3', {}, 'Recent alerts'), this.recent);
  }

  async load() {
    const settings = await get(this.path);
    this.renderForm(settings);
  }

  renderForm(settings) {
    const own = settings.own || { on: EVENTS.map(([k]) => k), stale_after_intervals: 3, webhooks: [], emails: [],
      inherit_global: true };
    const kept = own.webhooks.map((w) => {
      const box = h('input', { type: 'checkbox', id: `alerts-keep-${w.id}`, checked: true, dataset: { id: w.id } });
      return { box, element: h('li', {}, box, ' ', h('label', { for: box.id }, h('code', {}, w.label))) };
    });
    const url = field({ id: 'alerts-webhook-url', label: 'Add a webhook URL', type: 'url',
      help: 'Receives a JSON POST per alert. Slack: an incoming-webhook URL with the Slack format.' });
    const format = h('select', { id: 'alerts-webhook-format' },
      h('option', { value: 'json' }, 'JSON'), h('option', { value: 'slack' }, 'Slack'));
    const emails = field({ id: 'alerts-emails', label: 'E-mail recipients', value: own.emails.join(', '),
      help: settings.email_available ? 'Comma-separated addresses.'
        : 'E-mail needs an SMTP server in config.yaml (alerts.smtp); see docs/operations.md.' });
    const stale = field({ id: 'alerts-stale', label: 'Stale after (schedule intervals)', type: 'number',
      value: own.stale_after_intervals, attrs: { min: '0.001', step: 'any' } });
    const events = EVENTS.map(([key, label]) => {
      const box = h('input', { type: 'checkbox', id: `alerts-on-${key}`, checked: own.on.includes(key) });
      return { key, box, element: h('div', { class: 'check' }, box, ' ', h('label', { for: box.id }, label)) };
    });
    const inherit = h('input', { type: 'checkbox', id: 'alerts-inherit', checked: own.inherit_global });
    const save = h('button', { type: 'submit', id: 'alerts-save', class: 'primary' }, 'Save alerts');
    const global = settings.global.webhooks.length + settings.global.emails.length;
    replace(this.form,
      kept.length ? h('div', {}, h('p', {}, 'Webhooks (untick to remove):'),
        h('ul', { id: 'alerts-webhooks' }, kept.map((k) => k.element))) : null,
      h('div', { class: 'field-row' }, url.element,
        h('div', { class: 'field' }, h('label', { for: format.id }, 'Format'), format)),
      emails.element, stale.element,
      h('fieldset', {}, h('legend', {}, 'Alert on'), events.map((e) => e.element)),
      h('div', { class: 'check' }, inherit, ' ', h('label', { for: inherit.id },
        `Also send to the ${global} installation-wide channel(s) of config.yaml`)),
      save);
    this.form.onsubmit = (event) => {
      event.preventDefault();
      busy(save, async () => {
        const body = {
          on: events.filter((e) => e.box.checked).map((e) => e.key),
          stale_after_intervals: Number(stale.input.value),
          webhooks: kept.filter((k) => k.box.checked).map((k) => ({ id: k.box.dataset.id })),
          emails: emails.input.value.split(',').map((s) => s.trim()).filter(Boolean),
          inherit_global: inherit.checked,
        };
        if (url.input.value.trim()) {
          body.webhooks.push({ url: url.input.value.trim(), format: format.value });
        }
        [url.input, emails.input, stale.input].forEach((i) => fieldError(i, null));
        try {
          const saved = await put(this.path, body);
          this.renderForm(saved);
          announce(`Alerts of ${this.name} saved.`, 'ok');
        } catch (e) {
          const problem = e instanceof ApiError ? e.errors[0] : null;
          const input = !problem ? null : problem.field.startsWith('webhooks') ? url.input
            : problem.field.startsWith('emails') ? emails.input
              : problem.field === 'stale_after_intervals' ? stale.input : null;
          if (input) {
            fieldError(input, `${problem.field}: ${problem.message}`);
          }
          announce(`Saving alerts failed: ${problem ? `${problem.field}: ${problem.message}` : e.message}`, 'error');
        }
      });
    };
  }

  async update() {
    const { alerts } = await get(`/api/alerts?pipeline=${encodeURIComponent(this.name)}&limit=${RECENT}`);
    if (!alerts.length) {
      refresh(this.recent, h('p', { class: 'muted' }, 'No alerts raised.'));
      return;
    }
    refresh(this.recent, h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'alerts' },
      h('caption', { class: 'visually-hidden' }, 'Alerts raised, newest first'),
      h('thead', {}, h('tr', {}, ['Raised', 'Event', 'Summary', 'Deliveries'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, alerts.map((a) => h('tr', { dataset: { alert: a.key } },
        h('td', {}, time(a.raised_at)),
        h('td', { dataset: { cell: 'event' } }, a.event.replaceAll('_', ' ')),
        h('td', {}, a.summary),
        h('td', {}, h('ul', { class: 'deliveries' }, a.deliveries.map((d) => h('li', {
          class: d.status === 'FAILED' ? 'bad' : d.status === 'DELIVERED' ? 'ok' : '',
          dataset: { status: d.status.toLowerCase() },
        }, h('code', {}, d.channel), ' — ', deliveryText(d)))))))))));
  }
}
