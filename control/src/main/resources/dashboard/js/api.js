// The control API client. Every call carries the bearer token the user gave this tab (sessionStorage: gone when
// the tab closes, never in a URL sent to the server, never in localStorage). A 401 forgets the token and asks again.

const TOKEN_KEY = 'ingest.api-token';

/** An API refusal: status, stable code, message and the per-field problems of a 422. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `request failed with HTTP ${status}`);
    this.status = status;
    this.code = (body && body.error) || `http_${status}`;
    this.errors = (body && Array.isArray(body.errors)) ? body.errors : [];
    this.body = body || null;
  }
}

let unauthorized = () => {};

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value.trim()),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
  /** Called after a 401 (the token was forgotten). */
  onRejected: (handler) => { unauthorized = handler; },
};

export async function call(method, path, body, presented = token.get()) {
  const headers = { Accept: 'application/json' };
  if (presented) {
    headers.Authorization = `Bearer ${presented}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
    redirect: 'error',
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { message: `unexpected response (HTTP ${response.status})` };
    }
  }
  if (response.status === 401 && presented === token.get()) {
    token.clear();
    unauthorized();
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);

export const pipelinePath = (name) => `/api/pipelines/${encodeURIComponent(name)}`;
