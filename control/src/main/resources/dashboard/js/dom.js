// Building DOM nodes without innerHTML: every text goes through textContent, so data from the API can never
// become markup (the Content-Security-Policy forbids inline script as a second line of defence).

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'class') {
      el.setAttribute('class', value);
    } else if (key === 'text') {
      el.textContent = String(value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** h('a', {href: '#/', class: 'x'}, 'text', otherNode): an HTML element. */
export function h(tag, attrs, ...children) {
  return append(apply(document.createElement(tag), attrs), children);
}

/** The same for SVG elements. */
export function svg(tag, attrs, ...children) {
  return append(apply(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** Replaces all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let ids = 0;

/** A document-unique id with a readable prefix, for label/aria wiring. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/**
 * Replaces el's children like replace(), but if the focus was on a link or button inside el, focuses the element
 * that plays the same part afterwards (same id, else same href), so periodic refreshes do not steal the keyboard.
 */
export function refresh(el, ...children) {
  const active = document.activeElement;
  const inside = active && active !== el && el.contains(active);
  const key = inside ? (active.id ? `#${CSS.escape(active.id)}` : active.getAttribute('href')
    ? `[href="${CSS.escape(active.getAttribute('href'))}"]` : null) : null;
  replace(el, ...children);
  if (key) {
    el.querySelector(key)?.focus({ preventScroll: true });
  }
  return el;
}
