// One place that turns an analytics timeline into a Chart.js line chart: real series always,
// simulated series (dashed, labelled) only for rehearsals. Never a summed series.

const charts = new WeakMap();

/**
 * Draws from go-live on (points before {@code startedAt}, when given, are dropped). Viewers and likes per
 * minute differ by orders of magnitude, so each has its own axis: viewers on the left, likes and chat messages
 * per minute on the right.
 */
export function drawTimeline(canvas, report, { startedAt } = {}) {
  const from = startedAt ? Date.parse(startedAt) : NaN;
  const timeline = Number.isNaN(from) ? report.timeline : report.timeline.filter((p) => Date.parse(p.at) >= from);
  const labels = timeline.map((point) => new Date(point.at).toLocaleTimeString());
  const datasets = [
    { label: 'Real viewers (left axis)', data: timeline.map((p) => p.viewers), borderColor: '#b3124e', tension: 0.2, yAxisID: 'viewers' },
    { label: 'Real likes / min (right axis)', data: timeline.map((p) => p.likesPerMinute), borderColor: '#1a5fd1',
      borderDash: [2, 3], tension: 0.2, yAxisID: 'likes' },
    { label: 'Real chat messages / min (right axis)', data: timeline.map((p) => p.messagesPerMinute ?? 0), borderColor: '#17663a',
      borderDash: [8, 3], tension: 0.2, yAxisID: 'likes' },
  ];
  if (report.rehearsal) {
    datasets.push({ label: 'Simulated viewers (rehearsal, left axis)', data: timeline.map((p) => p.simulatedViewers ?? null),
      borderColor: '#b07d00', borderDash: [6, 4], tension: 0.2, yAxisID: 'viewers' });
  }
  // each product's pin windows shade the samples taken while it was pinned
  let pinned = false;
  const shades = ['rgba(179, 18, 78, 0.14)', 'rgba(26, 95, 209, 0.14)', 'rgba(23, 102, 58, 0.16)', 'rgba(176, 125, 0, 0.16)'];
  (report.products ?? []).filter((product) => product.pinWindows?.length).forEach((product, i) => {
    pinned = true;
    const pinnedAt = (at) => product.pinWindows.some((w) => Date.parse(w.from) <= at && (!w.to || at < Date.parse(w.to)));
    datasets.push({ type: 'bar', label: `Pinned: ${product.title}`, data: timeline.map((p) => (pinnedAt(Date.parse(p.at)) ? 1 : null)),
      backgroundColor: shades[i % shades.length], borderWidth: 0, barPercentage: 1, categoryPercentage: 1, yAxisID: 'pins' });
  });
  const scales = {
    viewers: { type: 'linear', position: 'left', beginAtZero: true, ticks: { precision: 0 },
      title: { display: true, text: 'viewers' } },
    likes: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
      title: { display: true, text: 'likes, chat messages / min' } },
  };
  if (pinned) scales.pins = { type: 'linear', display: false, min: 0, max: 1 };
  charts.get(canvas)?.destroy();
  if (!window.Chart) return;
  charts.set(canvas, new window.Chart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales },
  }));
}
