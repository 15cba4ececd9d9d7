// Child processes driven over IPC: `request(cmd, fields)` sends `{ id, cmd, ...fields }` and resolves
// with the child's `{ id, ok, ... }` reply (rejects on `ok: false` or when the child dies).
import { fork } from 'node:child_process';

export async function startChild(script, args = [], options = {}) {
  const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...options });
  const pending = new Map();
  let nextId = 1;
  let exited = false;
  child.on('message', (msg) => {
    const call = pending.get(msg.id);
    if (!call) return;
    pending.delete(msg.id);
    if (msg.ok) call.resolve(msg);
    else call.reject(new Error(`child ${script}: ${msg.error}`));
  });
  child.on('exit', (code) => {
    exited = true;
    for (const call of pending.values()) call.reject(new Error(`child ${script} exited (${code})`));
    pending.clear();
  });
  await new Promise((resolve, reject) => {
    const onMessage = (msg) => {
      if (msg?.ready) {
        child.off('message', onMessage);
        resolve();
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child ${script} exited before ready (${code})`)));
  });
  return {
    pid: child.pid,
    request(cmd, fields = {}) {
      if (exited) return Promise.reject(new Error(`child ${script} has exited`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, ...fields });
      });
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send({ id: 0, cmd: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Splits `total` into `parts` near-equal whole shares. */
export function shares(total, parts) {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/**
 * The child side of `startChild`: answers each `{ id, cmd, ...fields }` with what `handlers[cmd](message)`
 * returns (an object, or nothing), or with the error it throws; then tells the parent it is ready.
 */
export function serveParent(handlers) {
  process.on('message', async (msg) => {
    try {
      if (!Object.hasOwn(handlers, msg.cmd)) throw new Error(`unknown command ${msg.cmd}`);
      process.send({ id: msg.id, ok: true, ...(await handlers[msg.cmd](msg)) });
    } catch (error) {
      process.send({ id: msg.id, ok: false, error: String(error?.stack ?? error) });
    }
  });
  process.send({ ready: true });
}
