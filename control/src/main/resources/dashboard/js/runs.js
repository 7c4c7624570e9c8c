// Turns the API's run history (one entry per endpoint per run, newest first) into per-run and per-endpoint views.

const SUCCEEDED = 'SUCCEEDED';

/** One entry per run, newest first: summed counters, wall-clock duration and the endpoints that failed. */
export function groupRuns(entries) {
  const runs = new Map();
  for (const e of entries) {
    let run = runs.get(e.run_id);
    if (!run) {
      run = {
        id: e.run_id, started: e.run_started_at, firstStart: e.started_at, lastEnd: e.ended_at, rows: 0, bytes: 0,
        pages: 0, requests: 0, retries: 0, throttled: 0, errors: 0, endpoints: [], failedEndpoints: [],
      };
      runs.set(e.run_id, run);
    }
    for (const key of ['rows', 'bytes', 'pages', 'requests', 'retries', 'throttled', 'errors']) {
      run[key] += e[key] || 0;
    }
    if (e.started_at < run.firstStart) {
      run.firstStart = e.started_at;
    }
    if (e.ended_at > run.lastEnd) {
      run.lastEnd = e.ended_at;
    }
    run.endpoints.push(e.endpoint);
    if (e.status !== SUCCEEDED) {
      run.failedEndpoints.push(e.endpoint);
    }
  }
  return [...runs.values()].map((r) => ({
    ...r,
    failed: r.failedEndpoints.length > 0,
    durationMs: Math.max(0, Date.parse(r.lastEnd) - Date.parse(r.firstStart)),
  }));
}

/** The newest entry of each endpoint, by endpoint name. */
export function latestPerEndpoint(entries) {
  const latest = new Map();
  for (const e of entries) {
    if (!latest.has(e.endpoint)) {
      latest.set(e.endpoint, e);
    }
  }
  return latest;
}

export function succeeded(entry) {
  return entry.status === SUCCEEDED;
}
