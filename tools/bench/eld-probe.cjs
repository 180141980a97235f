// @ts-check
// Preloaded into a benchmarked server (NODE_OPTIONS=--require): on SIGUSR2 it writes the event-loop
// delay since the last signal (p50, p99, max in ms) to $BENCH_ELD_FILE and starts a new histogram.
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { writeFileSync } = require('node:fs');

const ELD_FILE = process.env.BENCH_ELD_FILE ?? '';
const PROFILE_FILE = process.env.BENCH_PROFILE_FILE ?? '';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
process.on('SIGUSR2', () => {
  /** @param {number} ns */
  const ms = (ns) => Math.round((ns / 1e6) * 100) / 100;
  writeFileSync(
    ELD_FILE,
    JSON.stringify({ p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) }),
  );
  histogram.reset();
});

// With BENCH_PROFILE_FILE set, a CPU profile runs from start-up and is written on SIGWINCH.
if (PROFILE_FILE) {
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start'));
  process.on('SIGWINCH', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(PROFILE_FILE, JSON.stringify(result.profile));
      session.post('Profiler.start');
    });
  });
}
