// Repeats that must keep their pace in a background tab (a muted player left playing in another tab still
// heartbeats and so still counts): the pace comes from a worker (pacerworker.js), the work runs on the page.
// Without workers it falls back to the page's own timer.
let worker = null;
let nextId = 0;
const callbacks = new Map();

function startWorker() {
  const started = new Worker(new URL('./pacerworker.js', import.meta.url));
  started.onmessage = ({ data }) => callbacks.get(data)?.();
  return started;
}

/** Calls {@code work} every {@code millis} ms; returns the function that stops it. */
export function every(millis, work) {
  try {
    worker ??= startWorker();
  } catch {
    const timer = setInterval(work, millis);
    return () => clearInterval(timer);
  }
  const id = ++nextId;
  callbacks.set(id, work);
  worker.postMessage({ id, every: millis });
  return () => {
    callbacks.delete(id);
    worker.postMessage({ id });
  };
}
