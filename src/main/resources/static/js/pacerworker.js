// The pacer's clock (pacer.js). A dedicated worker's timers keep their pace while the page's tab is in the
// background, where the browser wakes the page's own timers once a minute at most (Chrome after 5 minutes).
const intervals = new Map();

onmessage = ({ data }) => {
  if (data.every) {
    intervals.set(data.id, setInterval(() => postMessage(data.id), data.every));
  } else {
    clearInterval(intervals.get(data.id));
    intervals.delete(data.id);
  }
};
