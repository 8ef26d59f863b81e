// Repeats that must keep their pace in a background tab (a muted player left playing in another tab still
// heartbeats and so still counts): the pace comes from a worker (pacerworker.js), the work runs on the page.
// Without workers it falls back to the page's own timer.
let worker = null;
let workerFailed = false;
let nextId = 0;
// id -> { work, millis, timer }: a timer of the page's own once the worker failed
const repeats = new Map();

function fallBack() {
  workerFailed = true;
  for (const repeat of repeats.values()) repeat.timer ??= setInterval(repeat.work, repeat.millis);
}

function startWorker() {
  const started = new Worker(new URL('./pacerworker.js', import.meta.url));
  started.onmessage = ({ data }) => repeats.get(data)?.work();
  // a worker that cannot load (blocked, missing) fails after its start: its repeats go on with the page's timers
  started.onerror = fallBack;
  return started;
}

/** Calls {@code work} every {@code millis} ms; returns the function that stops it. */
export function every(millis, work) {
  const id = ++nextId;
  const repeat = { work, millis, timer: null };
  repeats.set(id, repeat);
  try {
    worker ??= startWorker();
  } catch {
    workerFailed = true;
  }
  if (workerFailed) repeat.timer = setInterval(work, millis);
  else worker.postMessage({ id, every: millis });
  return () => {
    repeats.delete(id);
    if (repeat.timer) clearInterval(repeat.timer);
    else worker.postMessage({ id });
  };
}
