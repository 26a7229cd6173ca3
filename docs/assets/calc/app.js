// Calculator pages: fill the form from the address, run the engine in a Web Worker, show the
// result with its trace and warnings. Loaded on every page (mkdocs-material keeps it alive
// across instant navigation), it only starts the engine when a calculator page is shown.

const ROOT = new URL("../../", import.meta.url); // site root, also under a sub-path
const LOAD_LIMIT_MS = 90_000;
const DEBOUNCE_MS = 250;

// ---------------------------------------------------------------- engine (one per tab)

const engine = {
  worker: null,
  state: "idle", // idle | loading | ready | error
  percent: 0,
  message: "",
  pending: new Map(),
  waiting: [],
  listeners: new Set(),
  nextId: 1,
  timer: null,
};

function notify() {
  for (const listener of engine.listeners) listener();
}

function failEngine(message) {
  engine.state = "error";
  engine.message = message;
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
    document.documentElement.dataset.engineTimings = JSON.stringify(msg.timings);
    for (const job of engine.waiting) job.send();
    engine.waiting = [];
    notify();
  } else if (msg.type === "error") {
    failEngine(`计算引擎加载失败：${msg.message}`);
  } else if (msg.type === "result") {
    document.documentElement.dataset.engineTimings = JSON.stringify(msg.timings);
    const job = engine.pending.get(msg.id);
    engine.pending.delete(msg.id);
    if (!job) return;
    if (msg.failure) job.reject(new Error(msg.failure));
    else job.resolve({ response: msg.response, links: msg.links });
  }
}

function adopt(worker, earlier = []) {
  engine.worker = worker;
  engine.timer = setTimeout(
    () => failEngine("计算引擎加载超时。请检查网络后重试；若网站部署在内网，请确认服务器以 application/wasm 类型提供 .wasm 文件。"),
    LOAD_LIMIT_MS,
  );
  worker.onmessage = (event) => onWorkerMessage(event.data);
  worker.onerror = (event) => failEngine(`计算引擎出错：${event.message || "无法加载脚本"}`);
  for (const msg of earlier) onWorkerMessage(msg);
}

function startEngine(runtimePath, packages) {
  if (engine.state === "loading" || engine.state === "ready") return;
  if (typeof WebAssembly !== "object") {
    failEngine("您的浏览器不支持 WebAssembly，无法运行计算引擎。请使用最新版浏览器。");
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
    failEngine(`计算引擎无法启动：${err.message}`);
    return;
  }
  adopt(worker);
  worker.postMessage({ type: "init", indexURL: new URL(runtimePath, ROOT).href, packages });
  notify();
}

function retryEngine(runtimePath, packages) {
  engine.state = "idle";
  startEngine(runtimePath, packages);
}

function compute(estimator, inputs) {
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

// ---------------------------------------------------------------- formatting

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function formatValue(kind, value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (kind === "money") {
    const [whole, frac] = String(value).split(".");
    return `${groupThousands(whole)}${frac ? "." + frac : ""} 元`;
  }
  if (kind === "rate") return `${value}%`;
  if (Array.isArray(value)) return value.join("、");
  return String(value);
}

function rawValue(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, val] of Object.entries(attrs)) {
    if (val === undefined || val === null || val === false) continue;
    if (key === "text") node.textContent = val;
    else node.setAttribute(key, val === true ? "" : val);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// ---------------------------------------------------------------- one calculator page

function checkboxes(form, name) {
  return [...form.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(name)}"]`)];
}

function readForm(form, meta) {
  const inputs = {};
  for (const [name, field] of Object.entries(meta.fields)) {
    let value;
    if (field.kind === "choices") {
      value = checkboxes(form, name).filter((box) => box.checked).map((box) => box.value).join(",");
    } else {
      const control = form.elements.namedItem(name);
      value = control ? control.value : ""; // a RadioNodeList's value is the checked radio's
    }
    if (value !== undefined && value !== null && String(value).trim() !== "") inputs[name] = String(value).trim();
  }
  return inputs;
}

function fillForm(form, meta, params) {
  for (const [name, field] of Object.entries(meta.fields)) {
    if (!params.has(name)) continue;
    if (field.kind === "choices") {
      const wanted = new Set(params.get(name).split(","));
      for (const box of checkboxes(form, name)) box.checked = wanted.has(box.value);
      continue;
    }
    const control = form.elements.namedItem(name);
    if (control) control.value = params.get(name);
  }
}

function isComplete(inputs, meta) {
  return meta.required.every((name) => name in inputs);
}

function syncAddress(inputs) {
  const query = new URLSearchParams(inputs).toString();
  const url = new URL(location.href);
  url.search = query;
  if (url.href !== location.href) history.replaceState(history.state, "", url.href);
}

function clearErrors(form) {
  for (const node of form.querySelectorAll("[data-error-for]")) node.remove();
  for (const node of form.querySelectorAll("[aria-invalid]")) {
    node.removeAttribute("aria-invalid");
    const ids = (node.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.startsWith("error-"));
    if (ids.length) node.setAttribute("aria-describedby", ids.join(" "));
    else node.removeAttribute("aria-describedby");
  }
}

function showErrors(form, output, errors) {
  const general = [];
  for (const error of errors) {
    const box = error.field && form.querySelector(`[data-input="${CSS.escape(error.field)}"]`);
    if (!box) {
      general.push(error.message);
      continue;
    }
    const id = `error-${error.field}`;
    box.append(el("p", { class: "calc-error", id, "data-error-for": error.field, role: "alert", text: error.message }));
    for (const control of box.querySelectorAll("input, select")) {
      control.setAttribute("aria-invalid", "true");
      const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      control.setAttribute("aria-describedby", [...ids, id].join(" "));
    }
  }
  output.replaceChildren();
  if (general.length) {
    output.append(el("div", { class: "admonition failure", role: "alert" },
      el("p", { class: "admonition-title", text: "无法计算" }),
      ...general.map((text) => el("p", { text }))));
  }
}

function clauseLink(meta, clause, links) {
  const [policy, ...rest] = clause.split(" ");
  const text = policy === meta.policy ? rest.join(" ") : `${meta.policies[policy] || policy} ${rest.join(" ")}`;
  const href = links[clause];
  return href ? el("a", { href: new URL(href, ROOT).href, text }) : el("span", { text });
}

function showResult(meta, output, response, links) {
  const result = response.result;
  const headline = meta.results.find((slot) => slot.headline);
  const parts = [];
  if (headline) {
    parts.push(el("p", { class: "calc-headline" },
      el("span", { class: "calc-headline__label", text: headline.label }),
      el("strong", { "data-field": headline.name, "data-value": rawValue(result[headline.name]),
        text: formatValue(headline.kind, result[headline.name]) })));
  }
  const list = el("dl", { class: "calc-values" });
  for (const slot of meta.results) {
    if (slot === headline || !(slot.name in result)) continue;
    list.append(el("dt", { text: slot.label }),
      el("dd", {}, el("span", { "data-field": slot.name, "data-value": rawValue(result[slot.name]),
        text: formatValue(slot.kind, result[slot.name]) })));
  }
  parts.push(list);
  if (response.warnings.length) {
    parts.push(el("div", { class: "admonition warning calc-warnings" },
      el("p", { class: "admonition-title", text: "提示" }),
      el("ul", {}, ...response.warnings.map((text) => el("li", { text })))));
  }
  const steps = el("ol", { class: "calc-trace" });
  for (const step of response.trace) {
    steps.append(el("li", {},
      el("span", { class: "calc-trace__label", text: step.label }), "：",
      el("span", { class: "calc-trace__value", text: step.value }),
      step.formula ? el("span", { class: "calc-trace__formula", text: `（${step.formula}）` }) : null,
      el("span", { class: "calc-trace__clause" }, " 依据 ", clauseLink(meta, step.clause, links))));
  }
  parts.push(el("h2", { text: "计算过程" }), steps);
  output.replaceChildren(...parts);
}

function renderStatus(root, status) {
  const state = engine.state === "idle" ? "loading" : engine.state;
  root.dataset.engine = state;
  document.documentElement.dataset.engine = state; // the contract's hook, also on <html>
  status.querySelector(".engine-message").textContent = engine.message || "正在加载计算引擎…";
  const bar = status.querySelector(".engine-progress");
  bar.value = engine.percent;
  bar.hidden = engine.state !== "loading";
  status.querySelector(".engine-retry").hidden = engine.state !== "error";
  status.classList.toggle("engine-status--ready", engine.state === "ready");
  status.classList.toggle("engine-status--error", engine.state === "error");
}

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const meta = JSON.parse(root.querySelector("script.calc-meta").textContent);
  const form = root.querySelector("form.calc-form");
  const output = root.querySelector(".calc-output");
  const status = root.querySelector(".engine-status");
  let latest = 0;
  let timer = null;

  const listener = () => {
    if (!root.isConnected) {
      engine.listeners.delete(listener);
      return;
    }
    renderStatus(root, status);
  };
  engine.listeners.add(listener);
  status.querySelector(".engine-retry").addEventListener("click", () => retryEngine(meta.runtime, meta.packages));

  async function run(showMissing) {
    const inputs = readForm(form, meta);
    syncAddress(inputs);
    if (!showMissing && !isComplete(inputs, meta)) return;
    const ticket = ++latest;
    root.setAttribute("aria-busy", "true");
    try {
      const { response, links } = await compute(meta.estimator, inputs);
      if (ticket !== latest) return;
      clearErrors(form);
      if (response.ok) showResult(meta, output, response, links);
      else showErrors(form, output, response.errors);
    } catch (err) {
      if (ticket !== latest) return;
      output.replaceChildren(el("div", { class: "admonition failure", role: "alert" },
        el("p", { class: "admonition-title", text: "无法计算" }), el("p", { text: err.message })));
    } finally {
      if (ticket === latest) root.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(true);
  });
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(false), DEBOUNCE_MS);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);

  fillForm(form, meta, new URLSearchParams(location.search));
  startEngine(meta.runtime, meta.packages);
  renderStatus(root, status);
  if (isComplete(readForm(form, meta), meta)) run(false);
}

function mountAll() {
  const roots = document.querySelectorAll(".calculator[data-estimator]");
  if (!roots.length) delete document.documentElement.dataset.engine;
  for (const root of roots) mount(root);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll);
} else {
  mountAll();
}
