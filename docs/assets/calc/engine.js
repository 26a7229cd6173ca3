// The calculation engine, one per tab: a Web Worker (engine-worker.js) started by boot.js while the
// page loads, or here on instant navigation. Pages subscribe to its state and send it inputs.

export const ROOT = new URL("../../", import.meta.url); // site root, also under a sub-path
const LOAD_LIMIT_MS = 90_000;

export const engine = {
  worker: null,
  state: "idle", // idle | loading | ready | error
  percent: 0,
  message: "",
  detail: "", // technical, shown small under the message when the engine failed
  pending: new Map(),
  waiting: [],
  listeners: new Set(),
  nextId: 1,
  timer: null,
};

function notify() {
  for (const listener of engine.listeners) listener();
}

function failEngine(message, detail = "") {
  engine.state = "error";
  engine.message = `${message}。您仍可填写表单、阅读政策原文；请检查网络后点击“重试”。`;
  engine.detail = detail;
  clearTimeout(engine.timer);
  for (const { reject } of engine.pending.values()) reject(new Error(message));
  engine.pending.clear();
  for (const { reject } of engine.waiting) reject(new Error(message));
  engine.waiting = [];
  if (engine.worker) engine.worker.terminate();
  engine.worker = null;
  notify();
}

function onWorkerMessage(msg) {
  if (msg.type === "progress") {
    engine.percent = msg.percent;
    engine.message = msg.message;
    notify();
  } else if (msg.type === "ready") {
    clearTimeout(engine.timer);
    engine.state = "ready";
    engine.percent = 100;
    engine.message = "计算引擎已就绪";
    for (const job of engine.waiting) job.send();
    engine.waiting = [];
    notify();
    keepOffline();
  } else if (msg.type === "error") {
    failEngine(`计算引擎加载失败：${msg.message}`, msg.detail);
  } else if (msg.type === "result") {
    const job = engine.pending.get(msg.id);
    engine.pending.delete(msg.id);
    if (!job) return;
    if (msg.failure) job.reject(new Error(msg.failure));
    else job.resolve({ response: msg.response, links: msg.links });
  }
}

// Once the engine works, the service worker (sw.js) keeps a copy of the site: the next visit
// starts the engine from it, and the calculators work offline. Not on policy pages, whose
// readers should not download the runtime; and a few seconds after the first result, so that
// copying does not compete with it. Browsers allow it only on https or localhost.
const KEEP_OFFLINE_AFTER_MS = 3000;

function keepOffline() {
  if (!("serviceWorker" in navigator)) return;
  setTimeout(() => {
    navigator.serviceWorker.register(new URL("sw.js", ROOT)).catch((err) => {
      console.warn("calc: no offline copy:", err);
    });
  }, KEEP_OFFLINE_AFTER_MS);
}

function adopt(worker, earlier = []) {
  engine.worker = worker;
  engine.timer = setTimeout(
    () => failEngine("计算引擎加载超时", "no answer from the engine worker within the time limit"),
    LOAD_LIMIT_MS,
  );
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
  engine.percent = 5;
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

export function compute(estimator, inputs) {
  return new Promise((resolve, reject) => {
    const id = engine.nextId++;
    const send = () => {
      engine.pending.set(id, { resolve, reject });
      engine.worker.postMessage({ type: "run", id, estimator, inputs });
    };
    if (engine.state === "ready") send();
    else if (engine.state === "error") reject(new Error(engine.message));
    else engine.waiting.push({ send, reject });
  });
}

