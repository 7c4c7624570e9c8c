// The dashboard's entry point: a hash router over three pages. Each page renders into <main> and may return a
// stop() function (to end its polling) that runs when the user navigates away.
//
//   #/                   overview of every pipeline
//   #/pipelines/<name>   one pipeline
//   #/pipelines/<name>/runs/<run id>   one run in detail
//   #/new                create-pipeline wizard
//   #/credentials        every secret by name with the pipelines using it

import { token } from './api.js';
import { replace, h } from './dom.js';
import { askForToken, takeTokenFromFragment } from './token.js';
import { renderOverview } from './overview.js';
import { renderPipeline } from './pipeline.js';
import { renderRun } from './run.js';
import { renderCredentials } from './credentials.js';
import { renderWizard } from './wizard.js';
import { renderOAuth } from './oauth.js';
import { clearStatus } from './ui.js';

const ROUTES = [
  [/^#\/?$/, () => renderOverview],
  [/^#\/new$/, () => renderWizard],
  [/^#\/credentials$/, () => renderCredentials],
  [/^#\/oauth(?:\?([^#]*))?$/, () => renderOAuth],
  [/^#\/pipelines\/([a-z][a-z0-9_]{0,62})$/, () => renderPipeline],
  [/^#\/pipelines\/([a-z][a-z0-9_]{0,62})\/runs\/([A-Za-z0-9_.:-]{1,128})$/, () => renderRun],
];

const main = document.getElementById('main');
let stopCurrent = null;
let generation = 0;

function setCurrentNav(hash) {
  for (const link of document.querySelectorAll('nav a')) {
    if (link.getAttribute('href') === hash || (hash === '#/' && link.getAttribute('href') === '#/')) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

async function route() {
  const hash = window.location.hash || '#/';
  if (!hash.startsWith('#/')) {
    return; // in-page anchors such as the skip link
  }
  generation += 1;
  const mine = generation;
  clearStatus();
  if (stopCurrent) {
    stopCurrent();
    stopCurrent = null;
  }
  if (!token.get()) {
    await askForToken(main);
    if (mine !== generation) {
      return;
    }
  }
  setCurrentNav(hash);
  const match = ROUTES.map(([pattern, page]) => [pattern.exec(hash), page]).find(([m]) => m);
  if (!match) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'No page here. '), h('a', { href: '#/' }, 'Back to pipelines'));
    return;
  }
  const [params, page] = match;
  const stop = await page()(main, params.slice(1));
  if (mine === generation) {
    stopCurrent = stop || null;
  } else if (stop) {
    stop();
  }
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

token.onRejected(() => {
  if (stopCurrent) {
    stopCurrent();
    stopCurrent = null;
  }
  generation += 1;
  askForToken(main, 'The API token was rejected (it may have changed). Enter it again.').then(route);
});

document.getElementById('forget-token').addEventListener('click', () => {
  token.clear();
  window.location.hash = '#/';
  route();
});

takeTokenFromFragment();
window.addEventListener('hashchange', route);
route();
