// The admins' viewer report of one stream (issue 26): whether its viewers are verified by the video they fetch,
// present against verified now and over the last samples, and what to find viewbots by (addresses, /24s, tokens
// used from several addresses, devices that heartbeat but never fetched, user agents, log lines that proved
// nothing), with the CSV of every device. Every value is the client's own text: shown as text only.
import { api, el, session, bringIntoView } from './api.js';

const section = document.getElementById('viewer-report');
const REFUSALS = { NO_TOKEN: 'without a token', TOKEN_NOT_VALID_HERE: 'token not valid from that network',
  OTHER_STREAM: "another stream's token", PARTIAL_SEGMENT: 'segment not fetched whole', OLD_SEGMENT: 'old segment',
  REPEATED_SEGMENT: 'same segment again' };
let shown = null;

function list(title, items, text) {
  return el('div', { className: 'report-list' }, el('h3', { text: title }),
    items.length ? el('ul', {}, ...items.map((item) => el('li', { text: text(item) }))) : el('p', { className: 'muted', text: 'None.' }));
}

async function show(streamId) {
  const report = await api(`/api/admin/streams/${streamId}/viewer-report`);
  shown = streamId;
  section.hidden = false;
  document.getElementById('viewer-report-heading').textContent = `Viewers — stream ${streamId}`;
  document.getElementById('viewer-report-mode').textContent = report.verifying
    ? 'Verified: a viewer counts only while their player fetches the video.'
    : 'Presence only: this stream has no video LivePulse hears the delivery of; every heartbeating viewer counts.';
  const figure = (value, label) => el('span', { className: 'figure' }, el('span', { className: 'value', text: value }),
    el('span', { className: 'label', text: label }));
  document.getElementById('viewer-report-figures').replaceChildren(figure(report.present, 'present (pages heartbeating)'),
    figure(report.verified, 'verified (fetching the video)'), figure(report.webRtc, 'of them over WebRTC'));
  const refused = Object.entries(report.refusedLines).map(([reason, n]) => ({ key: REFUSALS[reason] || reason, count: n }));
  const counted = (item) => `${item.key}: ${item.count}`;
  document.getElementById('viewer-report-lists').replaceChildren(
    list('Present / verified, last samples', report.history.slice(-12).reverse(),
      (s) => `${new Date(s.at).toLocaleTimeString()}: ${s.present} / ${s.verified}`),
    list('Addresses with the most devices', report.devicesByAddress, counted),
    list('Networks (/24, /64) with the most devices', report.devicesByNetwork, counted),
    list('Tokens fetched from several addresses', report.tokensFromSeveralAddresses,
      (d) => `${d.viewerKey}: heartbeat ${d.heartbeatAddress}, fetched from ${d.fetchedFrom.join(', ')}`),
    list('Heartbeat but never fetched', report.heartbeatOnly, (d) => `${d.viewerKey} from ${d.heartbeatAddress}`),
    list('User agents', report.userAgents, counted),
    list('Log lines that proved nothing', refused, counted),
    list('Their addresses', report.refusedLinesByAddress, counted));
}

document.getElementById('viewer-report-csv').addEventListener('click', async () => {
  if (shown === null) return;
  const status = document.getElementById('viewer-report-status');
  status.textContent = '';
  try {
    const response = await fetch(`/api/admin/streams/${shown}/viewer-report.csv`,
      { headers: { Accept: 'text/csv', Authorization: `Bearer ${session()?.token}` } });
    if (!response.ok) throw new Error(`The CSV could not be made (${response.status}).`);
    const url = URL.createObjectURL(await response.blob());
    const link = el('a', { attrs: { href: url, download: `viewers-${shown}.csv` } });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  } catch (e) {
    status.textContent = e.message;
  }
});

/** The "Viewers" button of a stream's row. */
export function viewerReportButton(streamId, onError) {
  const button = el('button', { text: 'Viewers', attrs: { type: 'button' } });
  button.addEventListener('click', () => show(streamId)
    .then(() => bringIntoView(section)).catch((e) => onError(e.message)));
  return button;
}
