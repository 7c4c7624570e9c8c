// The wizard's endpoints step: a box per endpoint and, once ticked, its write mode. An endpoint that cannot run (an
// Airbyte manifest stream with `runnable: false`) is shown disabled with the API's `problem` as the reason.

import { h } from './dom.js';
import { WriteModeChoice } from './write-mode.js';

/** The endpoint boxes of `connector`; fills `modes` (endpoint name → WriteModeChoice) for the runnable ones. */
export function endpointChoices(connector, modes) {
  const first = connector.endpoints.find((e) => e.runnable !== false);
  return h('div', { class: 'field choices' },
    h('p', { class: 'help', id: 'endpoints-help' }, 'Each endpoint lands in its own table.'),
    connector.endpoints.map((e) => {
      const id = `endpoint-${e.name}`;
      const runnable = e.runnable !== false;
      const reasonId = `${id}-reason`;
      const box = h('input', {
        type: 'checkbox', id, name: 'endpoint', value: e.name, disabled: !runnable,
        'aria-describedby': runnable ? 'endpoints-help' : `endpoints-help ${reasonId}`,
        dataset: e === first ? { field: 'endpoints' } : null,
      });
      if (!runnable) {
        return h('div', { class: 'choice disabled', dataset: { runnable: 'false' } }, box,
          h('label', { for: id }, h('strong', {}, e.name)),
          h('p', { class: 'help not-runnable', id: reasonId }, `Cannot run: ${e.problem}`));
      }
      const mode = new WriteModeChoice(e);
      modes.set(e.name, mode);
      mode.element.hidden = true;
      box.addEventListener('change', () => {
        mode.element.hidden = !box.checked;
      });
      return h('div', { class: 'choice' }, box,
        h('label', { for: id }, h('strong', {}, e.name), e.description ? h('span', { class: 'muted' }, ` — ${e.description}`) : null),
        mode.element);
    }));
}
