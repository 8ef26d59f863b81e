// The figures panel on each stream card of the seller console (viewers now, peak, unique, likes, likes per
// minute, revenue, orders, duration; simulated and practice figures apart, never summed), refreshed every 5 s.
import { api, el, formatDuration } from './api.js';
import { figure, money } from './sellerparts.js';

const statsTimers = new Map();

export function statsPanel(stream) {
  const panel = el('div', { className: 'figures', attrs: { 'data-stats-for': stream.id } });
  return panel;
}

function renderStats(panel, stats) {
  const parts = [
    figure('viewers now', stats.viewers, 'viewers'),
    figure('peak', stats.peakViewers, 'peak'),
    figure('unique', stats.uniqueViewers, 'unique'),
    figure('likes', stats.likes, 'likes'),
    figure('likes / min', stats.likesPerMinute, 'likes-per-minute'),
    figure('revenue', money(stats.revenueMinor, stats.currency), 'revenue'),
    figure('orders', stats.orders, 'orders'),
    figure('duration', formatDuration(stats.durationSeconds), 'duration'),
  ];
  if (stats.simulated) {
    parts.push(el('span', { className: 'figure sim' },
      el('span', { className: 'value', text: `${stats.simulated.viewers} / ${stats.simulated.likes}` }),
      el('span', { className: 'label', text: 'simulated viewers / likes (not real)' })));
  }
  if (stats.practiceSales) {
    parts.push(el('span', { className: 'figure sim' },
      el('span', { className: 'value', text: `${money(stats.practiceSales.revenueMinor, stats.practiceSales.currency)} / ${stats.practiceSales.orders}` }),
      el('span', { className: 'label', text: 'practice revenue / orders (rehearsal, not real)' })));
  }
  panel.replaceChildren(...parts);
}

export function watchStats(stream, panel) {
  clearInterval(statsTimers.get(stream.id));
  const refresh = async () => {
    try {
      renderStats(panel, await api(`/api/streams/${stream.id}/stats`));
    } catch {
      // shown again on the next refresh
    }
  };
  refresh();
  statsTimers.set(stream.id, setInterval(refresh, 5_000));
}

/** Stops every panel's refresh (before the console renders its cards again). */
export function stopWatchingStats() {
  for (const timer of statsTimers.values()) clearInterval(timer);
  statsTimers.clear();
}
