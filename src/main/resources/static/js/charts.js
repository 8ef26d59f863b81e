// One place that turns an analytics timeline into a Chart.js line chart: real series always,
// simulated series (dashed, labelled) only for rehearsals. Never a summed series.

const charts = new WeakMap();

export function drawTimeline(canvas, report) {
  const labels = report.timeline.map((point) => new Date(point.at).toLocaleTimeString());
  const datasets = [
    { label: 'Real viewers', data: report.timeline.map((p) => p.viewers), borderColor: '#b3124e', tension: 0.2 },
    { label: 'Real likes / min', data: report.timeline.map((p) => p.likesPerMinute), borderColor: '#1a5fd1', tension: 0.2 },
  ];
  if (report.rehearsal) {
    datasets.push({ label: 'Simulated viewers (rehearsal)', data: report.timeline.map((p) => p.simulatedViewers ?? null),
      borderColor: '#b07d00', borderDash: [6, 4], tension: 0.2 });
  }
  charts.get(canvas)?.destroy();
  if (!window.Chart) return;
  charts.set(canvas, new window.Chart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } },
  }));
}
