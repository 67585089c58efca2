// Forewarn operations dashboard: plain JS over the ops API. Every value from the API is put in the
// page as text (never as HTML). The token stays in sessionStorage and goes only in the
// Authorization header, including for the live stream (read with fetch, not EventSource).
'use strict';

const state = { token: null, liveIncidents: new Map(), stream: null, chart: null, refreshTimer: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
  return node;
}

const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
function fmtIn(iso) {
  if (!iso) return '—';
  const mins = Math.round((new Date(iso) - Date.now()) / 60000);
  const abs = Math.abs(mins);
  const text = abs < 90 ? abs + ' min' : abs < 48 * 60 ? Math.round(abs / 60) + ' h' : Math.round(abs / 1440) + ' d';
  return mins < 0 ? text + ' ago' : text;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { Authorization: 'Bearer ' + state.token, ...(options.headers || {}) } });
  if (response.status === 401) { signOut('The token was refused; paste a valid one.'); throw new Error('unauthenticated'); }
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(body && body.error ? body.error.message : 'HTTP ' + response.status);
  return body;
}

// ---- sign-in ------------------------------------------------------------------------------------

function signOut(message) {
  sessionStorage.removeItem('forewarn.token');
  state.token = null;
  document.querySelectorAll('.page').forEach((p) => (p.hidden = true));
  document.getElementById('login').hidden = false;
  document.getElementById('login-error').textContent = message || '';
}

async function signIn(token) {
  state.token = token;
  const me = await api('/api/me');
  sessionStorage.setItem('forewarn.token', token);
  document.getElementById('who').textContent = me.tenant + ' · ' + me.token + ' (' + me.role + ')';
  document.getElementById('login').hidden = true;
  startStream();
  route();
}

document.getElementById('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  signIn(document.getElementById('token-input').value.trim()).catch((err) => signOut(err.message));
});

// ---- pages --------------------------------------------------------------------------------------

function show(id) {
  document.querySelectorAll('.page').forEach((p) => (p.hidden = p.id !== id));
}

function route() {
  if (!state.token) return;
  clearInterval(state.refreshTimer);
  const hash = location.hash.replace(/^#/, '') || '/';
  const device = hash.match(/^\/device\/([A-Za-z0-9._:-]+)$/);
  let load;
  if (device) { show('page-device'); load = () => loadDevice(device[1]); }
  else if (hash === '/outreach') { show('page-outreach'); load = loadOutreach; }
  else if (hash === '/kpis') { show('page-kpis'); load = loadKpis; }
  else { show('page-fleet'); load = loadFleet; }
  load().catch(report);
  // The stream brings incident changes; the rest is refreshed now and then.
  state.refreshTimer = setInterval(() => load().catch(report), 30000);
}

function report(err) { console.error(err); }

function card(value, label) {
  return el('div', { class: 'card' }, el('div', { class: 'value' }, value), el('div', { class: 'label' }, label));
}

async function loadFleet() {
  const [summary, risk, open] = await Promise.all([api('/api/fleet/summary'), api('/api/devices/at-risk'),
    api('/api/incidents?state=open&limit=50')]);
  const s = summary.devices;
  const sev = summary.open_incidents_by_severity;
  document.getElementById('summary').replaceChildren(card(s.devices, 'devices'), card(s.online, 'online'),
    card(s.offline, 'offline'), card(summary.devices_at_risk, 'at risk'),
    card((sev.critical || 0) + (sev.high || 0), 'open high/critical'), card((sev.warning || 0) + (sev.info || 0), 'open warning/info'));
  renderAtRisk(risk.items);
  for (const i of open.items.slice().reverse()) putLiveIncident(i, false);
}

function renderAtRisk(items) {
  document.querySelector('#at-risk tbody').replaceChildren(...items.map((r) => el('tr',
    { 'data-device': r.id, 'data-predicted': r.predicted_failure_at },
    el('td', {}, el('a', { href: '#/device/' + encodeURIComponent(r.id) }, r.id)), el('td', {}, r.model), el('td', {}, r.region),
    el('td', { class: 'sev-' + r.severity }, r.severity), el('td', {}, fmtTime(r.predicted_failure_at)),
    el('td', {}, fmtIn(r.predicted_failure_at)), el('td', {}, r.summary))));
}

function putLiveIncident(i, fresh) {
  state.liveIncidents.set(i.id, i);
  const list = document.getElementById('live-incidents');
  const old = list.querySelector('[data-incident-id="' + i.id + '"]');
  const item = el('li', { class: 'state-' + i.state + (fresh ? ' new' : ''), 'data-incident-id': String(i.id) },
    el('strong', { class: 'sev-' + i.severity }, i.severity), ' ', i.summary, ' ',
    el('small', {}, '· ' + i.state + (i.device_id ? ' · ' + i.device_id : ' · ' + i.scope_type + ' ' + i.scope_value)
      + (i.predicted_failure_at ? ' · failure ' + fmtIn(i.predicted_failure_at) : '')
      + (i.fix_eta ? ' · fix ETA ' + fmtTime(i.fix_eta) : '') + (i.acknowledged_by ? ' · ack ' + i.acknowledged_by : '')));
  if (old) old.replaceWith(item); else list.prepend(item);
  while (list.children.length > 100) list.lastChild.remove();
}

// ---- live stream --------------------------------------------------------------------------------

async function startStream() {
  if (state.stream) state.stream.abort();
  const controller = new AbortController();
  state.stream = controller;
  const status = document.getElementById('live-status');
  try {
    const response = await fetch('/api/incidents/stream', { headers: { Authorization: 'Bearer ' + state.token },
      signal: controller.signal });
    if (!response.ok) throw new Error('stream HTTP ' + response.status);
    status.textContent = 'live: on'; status.className = 'status on';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) onIncident(JSON.parse(data));
      }
    }
  } catch (err) {
    if (controller.signal.aborted) return;
    report(err);
  }
  status.textContent = 'live: reconnecting'; status.className = 'status off';
  if (state.token && state.stream === controller) setTimeout(startStream, 3000);
}

let riskReload = null;
function onIncident(i) {
  putLiveIncident(i, true);
  // Many changes arrive together during a disruption: reload the at-risk list once for them.
  clearTimeout(riskReload);
  riskReload = setTimeout(() => api('/api/devices/at-risk').then((r) => renderAtRisk(r.items)).catch(report), 500);
}

// ---- device page --------------------------------------------------------------------------------

async function loadDevice(id) {
  const d = await api('/api/devices/' + encodeURIComponent(id));
  document.getElementById('device-title').textContent = d.id + ' · ' + d.model;
  document.getElementById('device-facts').textContent = [d.region, d.site, 'firmware ' + d.firmware,
    d.online === true ? 'online' : d.online === false ? 'offline' : 'status unknown', 'last seen ' + fmtTime(d.last_seen_at),
    d.customer_id ? 'customer ' + d.customer_id : 'no customer'].join(' · ');
  document.querySelector('#device-incidents tbody').replaceChildren(...d.incidents.map((i) => el('tr',
    { 'data-incident-id': String(i.id) }, el('td', {}, fmtTime(i.opened_at)), el('td', {}, i.state),
    el('td', { class: 'sev-' + i.severity }, i.severity), el('td', {}, i.summary), el('td', {}, fmtTime(i.predicted_failure_at)),
    el('td', {}, i.state !== 'resolved' ? el('button', { onclick: () => act(i.id, 'acknowledge', id) }, 'Acknowledge') : ''))));
  const names = await api('/api/devices/' + encodeURIComponent(id) + '/telemetry');
  const select = document.getElementById('metric');
  const wanted = (d.incidents.find((i) => i.state !== 'resolved' && i.details && i.details.metric) || {}).details;
  const current = select.dataset.device === id ? select.value : (wanted && wanted.metric) || names.metrics[0];
  select.dataset.device = id;
  select.replaceChildren(...names.metrics.map((m) => el('option', { value: m, selected: m === current }, m)));
  select.onchange = () => drawChart(id, select.value, d.incidents);
  if (current) await drawChart(id, current, d.incidents);
}

async function act(incidentId, action, deviceId) {
  await api('/api/incidents/' + incidentId + '/' + action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    .catch((err) => alert(err.message));
  loadDevice(deviceId).catch(report);
}

async function drawChart(id, metric, incidents) {
  const t = await api('/api/devices/' + encodeURIComponent(id) + '/telemetry?metric=' + encodeURIComponent(metric));
  const xs = t.points.map((p) => new Date(p.ts).getTime() / 1000);
  const avg = t.points.map((p) => p.avg);
  const min = t.points.map((p) => p.min);
  const max = t.points.map((p) => p.max);
  // Forecast: from the last value to the rule's limit at the predicted failure of an open incident.
  const open = incidents.find((i) => i.state !== 'resolved' && i.predicted_failure_at && i.details && i.details.metric === metric);
  const limit = t.thresholds.find((l) => l.kind === 'forecast_limit') || t.thresholds[0];
  const forecast = xs.map(() => null);
  if (open && limit && xs.length) {
    forecast[forecast.length - 1] = avg[avg.length - 1];
    xs.push(new Date(open.predicted_failure_at).getTime() / 1000);
    for (const s of [avg, min, max]) s.push(null);
    forecast.push(limit.level);
  }
  const line = { points: { show: false } };
  const series = [{}, { ...line, label: metric + ' avg', stroke: '#1f6feb', width: 2 },
    { ...line, label: 'min', stroke: '#9db8e8' }, { ...line, label: 'max', stroke: '#9db8e8' },
    { ...line, label: 'forecast', stroke: '#b00020', dash: [2, 4], width: 2, spanGaps: true }];
  const data = [xs, avg, min, max, forecast];
  for (const l of t.thresholds) {
    series.push({ ...line, label: l.rule + ' (' + l.direction + ' ' + l.level + ')', stroke: '#d35400', dash: [8, 4] });
    data.push(xs.map(() => l.level));
  }
  if (state.chart) state.chart.destroy();
  const box = document.getElementById('chart');
  box.replaceChildren();
  box.dataset.points = String(t.points.length);
  state.chart = new uPlot({ width: Math.max(600, box.clientWidth || 900), height: 320, series,
    axes: [{}, { label: metric }] }, data, box);
}

// ---- outreach and KPIs --------------------------------------------------------------------------

async function loadOutreach() {
  const [log, windows] = await Promise.all([api('/api/notifications?limit=200'), api('/api/maintenance-windows')]);
  document.querySelector('#outreach-log tbody').replaceChildren(...log.items.map((n) => el('tr',
    { 'data-delivery-id': String(n.id) }, el('td', {}, fmtTime(n.created_at)),
    el('td', {}, n.customer_name || n.customer_id || '(helpdesk)'), el('td', {}, n.language || ''), el('td', {}, n.channel),
    el('td', {}, n.template + ' · ' + n.kind), el('td', {}, '#' + n.incident_id + ' ' + n.incident_summary),
    el('td', {}, n.status + (n.last_error ? ' (' + n.last_error + ')' : '')), el('td', {}, fmtTime(n.sent_at)))));
  document.querySelector('#windows tbody').replaceChildren(...windows.items.map((w) => el('tr', {},
    el('td', {}, w.scope_type + ' ' + w.scope_value), el('td', {}, fmtTime(w.starts_at)), el('td', {}, fmtTime(w.ends_at)),
    el('td', {}, w.reason), el('td', {}, w.announce ? 'yes' : 'no'))));
}

const pct = (v) => (v == null ? '—' : Math.round(v * 100) + ' %');
const num = (v, d = 1) => (v == null ? '—' : Number(v).toFixed(d));

async function loadKpis() {
  const k = await api('/api/kpis');
  const lead = k.median_lead_time_seconds;
  document.getElementById('kpis').replaceChildren(card(pct(k.reached_first_share), 'reached the customer first'),
    card(lead == null ? '—' : (lead / 3600).toFixed(1) + ' h', 'median lead time'),
    card(k.customer_incidents, 'customer incidents'),
    card(num(k.csat.mean), 'CSAT (1–5), ' + k.csat.answers + ' answers'),
    card(num(k.ces.mean), 'CES (1–7), ' + k.ces.answers + ' answers'),
    card(num(k.nps.score, 0), 'NPS, ' + k.nps.answers + ' answers'));
  document.querySelector('#outcomes tbody').replaceChildren(...Object.entries(k.notifications_by_outcome)
    .map(([status, n]) => el('tr', {}, el('th', {}, status), el('td', {}, n))));
}

// ---- start --------------------------------------------------------------------------------------

window.addEventListener('hashchange', route);
(function start() {
  // The demo prints a URL with #token=…: take it, then drop it from the address bar.
  const fromUrl = location.hash.match(/token=(fwt_[A-Za-z0-9_-]{43})/);
  if (fromUrl) history.replaceState(null, '', location.pathname + '#/');
  const token = fromUrl ? fromUrl[1] : sessionStorage.getItem('forewarn.token');
  if (token) signIn(token).catch((err) => signOut(err.message)); else signOut('');
})();
