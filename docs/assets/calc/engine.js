// The calculation engine, one per tab: a Web Worker (engine-worker.js) started by boot.js while the
// page loads, or here on instant navigation. Pages subscribe to its state and send it inputs.

export const ROOT = new URL("../../", import.meta.url); // site root, also under a sub-path

// A slow link must not look frozen, nor be cut while it still brings bytes: the limits count
// time without progress, not time since the start. While files download, progress is a byte
// arriving; after that (the processor's work) it is the engine being ready.
const SLOW_NOTICE_MS = 10_000; // no byte for this long: say the network is slow
const DOWNLOAD_IDLE_LIMIT_MS = 30_000; // no byte for this long: give up, offer 重试
const START_LIMIT_MS = 90_000; // every byte here, still not ready after this long: give up
const WATCH_EVERY_MS = 1000;

export const engine = {
  worker: null,
  state: "idle", // idle | loading | ready | error
  phase: "download", // while loading: download | start
  percent: 0, // null: not known (no total yet, or starting)
  loaded: 0, // bytes of the engine's download so far (approximate, see engine-worker.js)
  total: null, // bytes of the whole download, null while unknown
  slow: false, // no byte for SLOW_NOTICE_MS
  message: "",
  label: "", // the message without the byte figures (which the page shows apart)
  detail: "", // technical, shown small under the message when the engine failed
  offlineBytes: null, // size of the offline copy, from engine.json
  offline: "none", // none | offer | declined | saving | saved | failed | kept (see considerOffline)
  offlineLoaded: 0,
  offlineTotal: null,
  saveOffline: () => saveOffline(),
  declineOffline: () => declineOffline(),
  pending: new Map(),
  waiting: [],
  listeners: new Set(),
  nextId: 1,
  timer: null,
  lastProgress: 0,
};

function notify() {
  for (const listener of engine.listeners) listener();
}

function failEngine(message, detail = "") {
  engine.state = "error";
  engine.message = `${message}。您仍可填写表单、阅读政策原文；请检查网络后点击“重试”。`;
  engine.detail = detail;
  engine.slow = false;
  clearInterval(engine.timer);
  for (const { reject } of engine.pending.values()) reject(new Error(message));
  engine.pending.clear();
  for (const { reject } of engine.waiting) reject(new Error(message));
  engine.waiting = [];
  if (engine.worker) engine.worker.terminate();
  engine.worker = null;
  notify();
}

/** Once a second while loading: a slow link is told so, a dead one is given up. */
function watch() {
  const idle = Date.now() - engine.lastProgress;
  if (engine.phase === "download") {
    if (idle >= DOWNLOAD_IDLE_LIMIT_MS) {
      failEngine("计算引擎下载中断（长时间未收到数据）", `no byte received for ${DOWNLOAD_IDLE_LIMIT_MS / 1000} s`);
    } else if (idle >= SLOW_NOTICE_MS && !engine.slow) {
      engine.slow = true;
      notify();
    }
  } else if (idle >= START_LIMIT_MS) {
    failEngine("计算引擎启动超时", `not ready ${START_LIMIT_MS / 1000} s after its files arrived`);
  }
}

function onWorkerMessage(msg) {
  if (msg.type === "progress") {
    const phase = msg.phase || "download";
    const moved = phase !== engine.phase || (msg.loaded ?? 0) > engine.loaded || msg.total !== engine.total;
    if (moved || !engine.lastProgress) {
      engine.lastProgress = Date.now();
      engine.slow = false;
    }
    engine.phase = phase;
    engine.loaded = msg.loaded ?? 0;
    engine.total = msg.total ?? null;
    engine.percent = msg.percent ?? null;
    engine.message = msg.message;
    engine.label = msg.label || msg.message; // the message without its figures
    notify();
  } else if (msg.type === "ready") {
    clearInterval(engine.timer);
    engine.state = "ready";
    engine.percent = 100;
    engine.slow = false;
    engine.message = "计算引擎已就绪";
    engine.label = engine.message;
    engine.offlineBytes = msg.offlineBytes ?? null;
    for (const job of engine.waiting) job.send();
    engine.waiting = [];
    notify();
  } else if (msg.type === "error") {
    failEngine(`计算引擎加载失败：${msg.message}`, msg.detail);
  } else if (msg.type.startsWith("batch-")) {
    const job = engine.pending.get(msg.id);
    if (!job) return;
    if (msg.type === "batch-progress") {
      job.progress(msg);
      return;
    }
    engine.pending.delete(msg.id);
    job.resolve(msg); // batch-error and batch-cancelled too: said by the page, not failures of the engine
    if (msg.type === "batch-done") setTimeout(considerOffline, 0);
  } else if (msg.type === "result") {
    const job = engine.pending.get(msg.id);
    engine.pending.delete(msg.id);
    if (!job) return;
    if (msg.failure) job.reject(new Error(msg.failure));
    else job.resolve({ response: msg.response, links: msg.links });
    if (msg.response && msg.response.ok) setTimeout(considerOffline, 0); // once the page has shown it
  }
}

// The offline copy. The service worker (sw.js) keeps a copy of the whole site: the next visit
// starts the engine from it, and the calculators work with no network. It weighs about as much
// as the engine's own download, so the page asks first: after the first result is shown (never
// before, nor on policy pages, whose readers need no runtime), a notice under the result gives
// its size (from engine.json, written at build time) and two buttons.
// The answer, and only the answer, is kept in localStorage; 不用了 is not asked again on this
// device, and a small 保存离线副本 button stays for whoever changes their mind. A worker that is
// already registered (an earlier yes) is kept up to date without asking. Browsers allow service
// workers only on https or localhost.
const CHOICE_KEY = "calc-offline-copy"; // "yes" | "no"
let considered = false;

function choice() {
  try {
    return localStorage.getItem(CHOICE_KEY);
  } catch {
    return null; // storage switched off: ask, and do not remember
  }
}

function remember(value) {
  try {
    localStorage.setItem(CHOICE_KEY, value);
  } catch {
    // storage switched off: the answer holds for this page only
  }
}

function setOffline(state) {
  engine.offline = state;
  notify();
}

function register() {
  navigator.serviceWorker.register(new URL("sw.js", ROOT)).catch((err) => {
    console.warn("calc: no offline copy:", err);
    if (engine.offline === "saving") setOffline("failed");
  });
}

function onServiceWorkerMessage(event) {
  const msg = event.data || {};
  if (engine.offline !== "saving") return; // a copy being refreshed: nothing to say
  if (msg.type === "offline-progress") {
    engine.offlineLoaded = msg.loaded;
    engine.offlineTotal = msg.total;
    notify();
  } else if (msg.type === "offline-saved") {
    setOffline(msg.complete ? "saved" : "failed");
  }
}

async function considerOffline() {
  if (considered || !("serviceWorker" in navigator)) return;
  considered = true;
  navigator.serviceWorker.addEventListener("message", onServiceWorkerMessage);
  navigator.serviceWorker.startMessages();
  let registration = null;
  try {
    registration = await navigator.serviceWorker.getRegistration(ROOT);
  } catch {
    return; // not allowed here (plain http, a sandbox)
  }
  if (registration) {
    register(); // kept, as agreed earlier: registering again checks for a new sw.js
    setOffline("kept");
  } else if (choice() === "yes") {
    saveOffline(); // agreed, but the copy is gone (storage cleared): copy again, and say so
  } else {
    setOffline(choice() === "no" ? "declined" : "offer");
  }
}

function saveOffline() {
  remember("yes");
  engine.offlineLoaded = 0;
  engine.offlineTotal = engine.offlineBytes;
  setOffline("saving");
  register();
}

function declineOffline() {
  remember("no");
  setOffline("declined");
}

function adopt(worker, earlier = []) {
  engine.worker = worker;
  engine.phase = "download";
  engine.loaded = 0;
  engine.total = null;
  engine.label = "";
  engine.slow = false;
  engine.lastProgress = Date.now();
  clearInterval(engine.timer);
  engine.timer = setInterval(watch, WATCH_EVERY_MS);
  worker.onmessage = (event) => onWorkerMessage(event.data);
  worker.onerror = (event) => failEngine("计算引擎出错", event.message || "the worker script could not be loaded");
  for (const msg of earlier) onWorkerMessage(msg);
}

export function startEngine(runtimePath, packages) {
  if (engine.state === "loading" || engine.state === "ready") return;
  if (typeof WebAssembly !== "object") {
    failEngine("您的浏览器不支持 WebAssembly，无法运行计算引擎，请使用较新版本的浏览器", "no WebAssembly");
    return;
  }
  engine.state = "loading";
  engine.percent = null;
  engine.message = "正在加载计算引擎…";
  const boot = window.__calcBoot; // started by boot.js while the page was loading
  delete window.__calcBoot;
  if (boot && boot.worker) {
    adopt(boot.worker, boot.messages);
    notify();
    return;
  }
  let worker;
  try {
    worker = new Worker(new URL("engine-worker.js", import.meta.url), { type: "module" });
  } catch (err) {
    failEngine("计算引擎无法启动", err.message);
    return;
  }
  adopt(worker);
  worker.postMessage({ type: "init", indexURL: new URL(runtimePath, ROOT).href, packages });
  notify();
}

export function retryEngine(runtimePath, packages) {
  engine.state = "idle";
  startEngine(runtimePath, packages);
}

// Posts `message` with its id once the engine is ready (at once if it is); the promise settles with
// the worker's answer (onWorkerMessage), and rejects if the engine fails first.
function request(message, { id = engine.nextId++, progress, transfer = [] } = {}) {
  return new Promise((resolve, reject) => {
    const send = () => {
      engine.pending.set(id, { resolve, reject, progress });
      engine.worker.postMessage({ ...message, id }, transfer);
    };
    if (engine.state === "ready") send();
    else if (engine.state === "error") reject(new Error(engine.message));
    else engine.waiting.push({ send, reject });
  });
}

export function compute(estimator, inputs) {
  return request({ type: "run", estimator, inputs });
}

/**
 * Run a batch file in the engine (the batch page). `bytes` is the file's ArrayBuffer (transferred:
 * unusable here afterwards); `progress({phase, done, total})` hears how far it got. Resolves with
 * the worker's last message: batch-done {xlsx, csv, summary}, batch-error {message} or
 * batch-cancelled. Returns {promise, cancel}.
 */
export function runBatch(estimator, name, bytes, packages, progress) {
  const id = engine.nextId++;
  const promise = request({ type: "batch", estimator, name, bytes, packages }, { id, progress, transfer: [bytes] });
  const cancel = () => engine.worker?.postMessage({ type: "batch-cancel", id });
  return { promise, cancel };
}
