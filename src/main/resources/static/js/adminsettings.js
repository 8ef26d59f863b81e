// The admins' settings dialog on the streaming page: the form with a name for each setting, a preview of the
// simulated audience the values give, every field error of a refused save beside its field, and the audit of
// changes below it.
import { api, el } from './api.js';

const dialog = document.getElementById('settings-dialog');
const form = document.getElementById('settings-form');
const settingsError = document.getElementById('settings-error');
const BOOLEANS = ['simulatedViewersEnabled', 'simulatedLikesEnabled'];
const NUMBERS = ['minSimulatedViewers', 'maxSimulatedViewers', 'viewerIncreasePerMinute', 'viewerDecreasePerMinute',
  'simulatedLikesPerMinute', 'engagementMultiplier', 'viewerTimeoutSeconds', 'likeRateLimitPerSecond', 'hideViewerCountBelow',
  'maxViewersPerAddress'];
// One name for each setting, used by the modal's labels, its error messages and the audit table: its group and label.
const SETTINGS = Object.fromEntries(Object.entries({
  'Simulated viewers': {
    simulatedViewersEnabled: 'Enabled', minSimulatedViewers: 'Minimum', maxSimulatedViewers: 'Maximum',
    viewerIncreasePerMinute: 'Increase per minute', viewerDecreasePerMinute: 'Decrease per minute',
    engagementMultiplier: 'Multiplier',
  },
  'Simulated likes': { simulatedLikesEnabled: 'Enabled', simulatedLikesPerMinute: 'Likes per minute' },
  'Real engagement': {
    viewerTimeoutSeconds: 'Viewer timeout (s)', likeRateLimitPerSecond: 'Likes per user per second',
    hideViewerCountBelow: 'Hide public viewer count below',
    maxViewersPerAddress: 'Most viewers counted per network address',
  },
}).flatMap(([group, labels]) => Object.entries(labels).map(([key, label]) => [key, { group, label }])));
const KEY_PATTERN = new RegExp(`\\b(${Object.keys(SETTINGS).join('|')})\\b`, 'g');
const previewBox = document.getElementById('preview-chart').closest('.chart-box');
const previewError = document.getElementById('preview-error');
let previewChart = null;

/** The audit's name of a setting: its group and its label in the modal ("Simulated viewers: Maximum"). */
function settingName(key) {
  const setting = SETTINGS[key];
  return setting ? `${setting.group}: ${setting.label}` : key;
}

/** A server message about a field, with any setting key in it replaced by the label the admin sees. */
function readable(message) {
  return String(message).replace(KEY_PATTERN, (key) => SETTINGS[key].label);
}

function clearErrors() {
  settingsError.textContent = '';
  for (const span of form.querySelectorAll('[data-error-for]')) span.textContent = '';
  for (const input of form.querySelectorAll('input')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
}

function fillForm(settings) {
  for (const name of BOOLEANS) form.elements[name].checked = settings[name];
  for (const name of NUMBERS) form.elements[name].value = settings[name];
  drawPreview();
}

function readForm() {
  const body = {};
  for (const name of BOOLEANS) body[name] = form.elements[name].checked;
  for (const name of NUMBERS) {
    const raw = form.elements[name].value.trim();
    // a blank (or unreadable) number is sent as missing, so the server names it with every other error
    body[name] = raw === '' || Number.isNaN(Number(raw)) ? null : Number(raw);
  }
  return body;
}

/** Why the preview cannot be drawn from these values, or null when it can. */
function previewProblem(s) {
  const problems = [];
  for (const name of ['minSimulatedViewers', 'maxSimulatedViewers', 'engagementMultiplier']) {
    const input = form.elements[name];
    const value = s[name];
    if (value === null) problems.push(`${SETTINGS[name].label} is blank.`);
    else if (value < Number(input.min) || value > Number(input.max)) {
      problems.push(`${SETTINGS[name].label} must be between ${input.min} and ${input.max}.`);
    }
  }
  if (s.engagementMultiplier !== null && s.engagementMultiplier <= 0) problems.push('Multiplier must be greater than 0.');
  if (s.minSimulatedViewers !== null && s.maxSimulatedViewers !== null && s.minSimulatedViewers > s.maxSimulatedViewers) {
    problems.push(`Minimum (${s.minSimulatedViewers}) is greater than Maximum (${s.maxSimulatedViewers}).`);
  }
  return problems.length ? `No preview: ${problems.join(' ')}` : null;
}

function drawPreview() {
  const s = readForm();
  const problem = previewProblem(s);
  previewError.textContent = problem || '';
  previewError.hidden = !problem;
  previewBox.hidden = Boolean(problem);
  if (problem) {
    previewChart?.destroy();
    previewChart = null;
    return;
  }
  if (!window.Chart) return;
  const min = s.minSimulatedViewers;
  const max = s.maxSimulatedViewers;
  const multiplier = s.engagementMultiplier;
  const reals = Array.from({ length: 21 }, (_, i) => Math.round(i * Math.max(1, max / Math.max(multiplier, 0.1)) / 15));
  const targets = reals.map((real) => Math.min(Math.max(Math.round(real * multiplier), min), max));
  previewChart?.destroy();
  previewChart = new window.Chart(document.getElementById('preview-chart'), {
    type: 'line',
    data: { labels: reals, datasets: [{ label: 'Simulated target', data: targets, borderColor: '#b07d00', stepped: false }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { title: { display: true, text: 'real viewers' } }, y: { beginAtZero: true } } },
  });
}

async function loadAudit() {
  const changes = await api('/api/admin/settings/audit?limit=50');
  document.getElementById('audit-rows').replaceChildren(...changes.map((c) => el('tr', {},
    el('td', { text: new Date(c.changedAt).toLocaleString() }),
    el('td', { text: c.changedBy }),
    el('td', { text: settingName(c.settingKey), attrs: { 'data-setting': c.settingKey } }),
    el('td', { text: c.oldValue }),
    el('td', { text: c.newValue }))));
}

/** Labels the form, wires the dialog and loads the audit. */
export function startSettings() {
  for (const [name, setting] of Object.entries(SETTINGS)) {
    const label = form.querySelector(`label[for="${name}"]`);
    if (label) label.textContent = setting.label;
  }

  document.getElementById('open-settings').addEventListener('click', async () => {
    clearErrors();
    fillForm(await api('/api/admin/settings'));
    dialog.showModal();
  });
  document.getElementById('settings-cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('input', drawPreview);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    try {
      await api('/api/admin/settings', { method: 'PUT', body: readForm() });
      dialog.close();
      document.getElementById('settings-saved').textContent = 'Settings saved. New streams will use them.';
      loadAudit();
    } catch (e) {
      // every field error of the answer at once, each beside its field (several on one field are joined)
      const errors = e.problem?.errors || [];
      const unplaced = [];
      for (const error of errors) {
        const span = form.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`);
        const input = form.elements[error.field];
        if (!span || !input) {
          unplaced.push(`${settingName(error.field)} ${readable(error.message)}.`);
          continue;
        }
        const text = `${SETTINGS[error.field]?.label || error.field} ${readable(error.message)}.`;
        span.textContent = span.textContent ? `${span.textContent} ${text}` : text;
        span.id ||= `error-${error.field}`;
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', span.id);
      }
      const fields = new Set(errors.map((error) => error.field)).size;
      const count = fields === 1 ? '1 setting needs' : `${fields} settings need`;
      settingsError.textContent = errors.length
        ? `${count} fixing. Nothing was saved.${unplaced.length ? ` ${unplaced.join(' ')}` : ''}`
        : e.message;
      form.querySelector('[aria-invalid=true]')?.focus();
    }
  });
  loadAudit();
}
