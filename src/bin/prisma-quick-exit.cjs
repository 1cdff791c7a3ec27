// Preloaded into Prisma CLI calls (`node -r`): the 6.19 WASM schema engine leaves a 10 s timer
// running after `migrate deploy` has finished, which keeps the process alive. Unref'ing long timers
// lets the process exit as soon as its work is done (see STACK.md).
const original = global.setTimeout;
global.setTimeout = function unrefLongTimers(fn, ms, ...args) {
  const timer = original(fn, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
