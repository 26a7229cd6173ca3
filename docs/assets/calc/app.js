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

function startEngine(runtimePath, packages) {
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

// ---------------------------------------------------------------- numbers as text (never floats)

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

// Number text as the engine reads it (calc/numbers.py to_decimal): full-width characters as
// ASCII, spaces dropped, commas dropped only where they group thousands ("1,00" stays wrong).
function normalizeNumber(text) {
  const plain = String(text)
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s/g, "");
  return GROUPED.test(plain) ? plain.replace(/,/g, "") : plain;
}

// A decimal string times 10^places, exactly (with its sign, and an exponent as in "1e3"); null
// when the text is not a decimal number, which then goes to the engine as typed to be explained.
function shiftDecimal(text, places) {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(normalizeNumber(text));
  if (!match || (match[2] === "" && !match[3])) return null;
  const sign = match[1] === "-" ? "-" : "";
  let digits = match[2] + (match[3] || "");
  let point = match[2].length + places + Number(match[4] || 0);
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  digits = digits.padEnd(point, "0");
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const frac = digits.slice(point).replace(/0+$/, "");
  return sign + (frac ? `${whole}.${frac}` : whole);
}

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function yuan(text) {
  const [whole, frac] = String(text).split(".");
  return `${groupThousands(whole)}${frac ? "." + frac : ""} 元`;
}

// 人民币大写, e.g. "30333.33" → "叁万零叁佰叁拾叁元叁角叁分".
function rmbWords(text) {
  const DIGITS = "零壹贰叁肆伍陆柒捌玖";
  const [whole, frac = ""] = String(text).split(".");
  const units = ["", "拾", "佰", "仟"];
  const groups = ["", "万", "亿", "万亿"];
  let words = "";
  const chunks = [];
  for (let end = whole.length; end > 0; end -= 4) chunks.unshift(whole.slice(Math.max(0, end - 4), end));
  chunks.forEach((chunk, i) => {
    let part = "";
    let zero = false;
    [...chunk].forEach((d, j) => {
      const unit = units[chunk.length - 1 - j];
      if (d === "0") zero = true;
      else {
        part += (zero && part ? "零" : "") + DIGITS[d] + unit;
        zero = false;
      }
    });
    if (part) words += (words && (chunk[0] === "0" || /零$/.test(words)) ? "零" : "") + part + groups[chunks.length - 1 - i];
  });
  words = (words || "零") + "元";
  const jiao = frac[0] || "0";
  const fen = frac[1] || "0";
  if (jiao === "0" && fen === "0") return words + "整";
  if (jiao !== "0") words += DIGITS[jiao] + "角";
  else if (whole !== "0") words += "零";
  if (fen !== "0") words += DIGITS[fen] + "分";
  return words;
}

// A value as text. Yes / no / not known yet are the package's words (calc.rules.conditions.YES_NO).
function formatValue(meta, kind, value) {
  if (kind === "bool" || typeof value === "boolean") return meta.yes_no[String(value ?? null)];
  if (value === null || value === undefined) return "—";
  if (kind === "money") return yuan(value);
  if (kind === "rate") return `${value}%`;
  if (kind === "days") return `${value} 天`;
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
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

function path(object, dotted) {
  return dotted.split(".").reduce((value, key) => (value == null ? value : value[key]), object);
}

// ---------------------------------------------------------------- the form

function checkboxes(form, name) {
  return [...form.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(name)}"]`)];
}

function inWan(form) {
  const unit = form.elements.namedItem("_unit");
  return Boolean(unit && unit.value === "wan");
}

function isShown(form, name) {
  const box = form.querySelector(`[data-input="${CSS.escape(name)}"]`);
  return Boolean(box) && !box.hidden;
}

function readForm(form, meta) {
  const inputs = {};
  const wan = inWan(form);
  for (const [name, field] of Object.entries(meta.fields)) {
    if (!isShown(form, name)) continue;
    let value;
    if (field.kind === "choices") {
      value = checkboxes(form, name).filter((box) => box.checked).map((box) => box.value).join(",");
    } else {
      const control = form.elements.namedItem(name);
      value = control ? control.value : ""; // a RadioNodeList's value is the checked radio's
    }
    value = String(value ?? "").trim();
    if (value === "") continue;
    if (field.kind === "money" && wan) value = shiftDecimal(value, 4) ?? value; // the address keeps 元
    inputs[name] = value;
  }
  return inputs;
}

// Fill the form from the address; return the values a select, radio or checkbox cannot show
// ({field, message}), so that the page says so instead of silently computing without them.
function fillForm(form, meta, params) {
  const unit = form.elements.namedItem("_unit");
  if (unit && params.get("unit") === "wan") unit.value = "wan";
  const wan = inWan(form);
  const unplaced = [];
  const refuse = (name, value) => unplaced.push({ field: name,
    message: `${meta.fields[name].label}：链接中的“${value}”不是可选的值，请重新选择` });
  for (const [name, field] of Object.entries(meta.fields)) {
    if (!params.has(name)) continue;
    let value = params.get(name);
    if (field.kind === "choices") {
      const wanted = new Set(value.split(",").filter(Boolean));
      for (const box of checkboxes(form, name)) box.checked = wanted.delete(box.value); // true if wanted
      if (wanted.size) refuse(name, [...wanted].join(","));
      continue;
    }
    if (field.kind === "money" && wan) value = shiftDecimal(value, -4) ?? value;
    const control = form.elements.namedItem(name);
    if (!control) continue;
    control.value = value;
    const fixed = control instanceof RadioNodeList || control.tagName === "SELECT" || control.type === "radio";
    if (fixed && value !== "" && control.value !== value) refuse(name, value);
  }
  return unplaced;
}

function switchUnit(form, meta, toWan) {
  for (const [name, field] of Object.entries(meta.fields)) {
    if (field.kind !== "money") continue;
    const control = form.elements.namedItem(name);
    if (control && control.value.trim()) control.value = shiftDecimal(control.value, toWan ? -4 : 4) ?? control.value;
  }
  for (const label of form.querySelectorAll(".calc-money-unit")) label.textContent = toWan ? "万元" : "元";
}

function applyVisibility(form) {
  for (const box of form.querySelectorAll("[data-show-if]")) {
    const rule = JSON.parse(box.dataset.showIf);
    const shown = Object.entries(rule).every(([name, values]) => {
      const control = form.elements.namedItem(name);
      return control && values.includes(control.value);
    });
    box.hidden = !shown;
    for (const control of box.querySelectorAll("input, select")) control.disabled = !shown;
  }
}

function openFilledGroups(form) {
  for (const group of form.querySelectorAll("details.calc-group")) {
    const filled = [...group.querySelectorAll("input[type=text], select")].some((c) => c.value.trim());
    if (filled || group.querySelector("[data-error-for]")) group.open = true;
  }
}

function isComplete(inputs, meta) {
  return meta.required.every((name) => name in inputs);
}

function syncAddress(form, inputs) {
  const query = new URLSearchParams(inputs);
  if (inWan(form)) query.set("unit", "wan");
  const url = new URL(location.href);
  url.search = query.toString();
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
  openFilledGroups(form);
  output.replaceChildren();
  form.closest(".calculator").querySelector(".calc-announce").textContent = ""; // the errors are alerts
  if (general.length) {
    output.append(el("div", { class: "admonition failure", role: "alert" },
      el("p", { class: "admonition-title", text: "无法计算" }),
      ...general.map((text) => el("p", { text }))));
  }
}

// ---------------------------------------------------------------- the result

function clauseLink(meta, clause, links) {
  const [policy, ...rest] = clause.split(" ");
  const text = policy === meta.policy ? rest.join(" ") : `${meta.policies[policy] || policy} ${rest.join(" ")}`;
  const href = links[clause];
  return href ? el("a", { href: new URL(href, ROOT).href, text }) : el("span", { text });
}

function calculatorLink(meta, estimator, prefill) {
  const url = new URL(`calculators/${estimator}/`, ROOT);
  url.search = new URLSearchParams(prefill || {}).toString();
  return el("a", { href: url.href, text: meta.titles[estimator] || estimator });
}

// Input names (a condition's id, the conditions still unanswered) shown by their labels.
function inputLabels(meta, value) {
  const label = (name) => meta.fields[name]?.label ?? name;
  return Array.isArray(value) ? value.map(label) : label(value);
}

// A table cell, by its column's declared kind (calc/outputs.py KINDS), never by the column's name.
function cell(meta, slot, column, row, links) {
  const value = row[column.name];
  if (column.kind === "answer") {
    return el("span", { class: `calc-check calc-check--${value}`, text: meta.met[String(value ?? null)] });
  }
  if (column.kind === "status" && column.labels && value in column.labels) {
    return el("span", { class: `calc-status calc-status--${value}`, text: column.labels[value] });
  }
  if (column.kind === "estimator") {
    const prefill = slot.columns.find((c) => c.kind === "prefill");
    return calculatorLink(meta, value, prefill && row[prefill.name]);
  }
  if (column.kind === "policy") return document.createTextNode(meta.policies[value] || value);
  if (column.kind === "clause" && typeof value === "string") return clauseLink(meta, value, links);
  const shown = column.kind === "input" && value != null ? inputLabels(meta, value) : value;
  if (Array.isArray(shown)) return el("ul", {}, ...shown.map((text) => el("li", { text: String(text) })));
  return document.createTextNode(formatValue(meta, column.kind, shown));
}

function table(meta, slot, rows, links) {
  const hasLink = slot.columns.some((c) => c.kind === "estimator");
  const columns = slot.columns.filter((c) => c.kind !== "prefill" && !(hasLink && c.kind === "policy"));
  return el("table", { class: "calc-table", "data-field": slot.name, "data-value": rawValue(rows) },
    el("caption", { text: slot.label }),
    el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { scope: "col", text: c.label })))),
    el("tbody", {}, ...rows.map((row) => el("tr", {},
      ...columns.map((c) => el("td", { "data-label": c.label }, cell(meta, slot, c, row, links)))))));
}

function valueItem(meta, slot, value, name = slot.name) {
  const shownValue = slot.kind === "input" && value != null ? inputLabels(meta, value) : value;
  return [el("dt", { text: slot.label }),
    el("dd", {}, el("span", { "data-field": name, "data-value": rawValue(value), text: formatValue(meta, slot.kind, shownValue) }))];
}

function bar(spec, result) {
  const parts = spec.parts.map((part) => ({ ...part, value: path(result, part.field) }));
  const amounts = parts.map((part) => Number(part.value) || 0); // widths only: the figures stay text
  const total = amounts.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const described = parts.map((part, i) => `${part.label} ${yuan(part.value ?? "0")}（${((amounts[i] / total) * 100).toFixed(1)}%）`);
  // The legend is the bar's text equivalent (figures and shares); the coloured track only repeats it.
  const track = el("div", { class: "calc-bar__track", "aria-hidden": "true" });
  parts.forEach((part, i) => {
    const piece = el("span", { class: `calc-bar__part calc-bar__part--${i}` });
    piece.style.width = `${(amounts[i] / total) * 100}%`;
    track.append(piece);
  });
  return el("figure", { class: "calc-bar" }, el("figcaption", { text: spec.title }), track,
    el("ul", { class: "calc-bar__legend" },
      ...described.map((text, i) => el("li", {}, el("span", { class: `calc-bar__swatch calc-bar__part--${i}` }), text))));
}

function toolbar(root, meta, response) {
  const copy = el("button", { type: "button", class: "md-button", text: "复制链接" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      copy.textContent = "已复制链接";
    } catch {
      window.prompt("复制此链接：", location.href);
    }
  });
  const print = el("button", { type: "button", class: "md-button", text: "打印结果" });
  print.addEventListener("click", () => window.print());
  const download = el("button", { type: "button", class: "md-button", text: "下载 JSON" });
  download.addEventListener("click", () => {
    const blob = new Blob([JSON.stringify({ inputs: readForm(root.querySelector("form"), meta), ...response }, null, 2)],
      { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: `${meta.estimator}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  const buttons = el("p", { class: "calc-toolbar" }, copy, print, download);
  const sheet = root.querySelector(".calc-print-form");
  if (sheet) {
    const form = el("button", { type: "button", class: "md-button md-button--primary", text: `打印${sheet.dataset.form}申请表` });
    form.addEventListener("click", () => printForm(sheet));
    buttons.append(form);
  }
  return buttons;
}

function fillSheet(sheet, inputs, result) {
  for (const slot of sheet.querySelectorAll("[data-slot]")) {
    const value = slot.dataset.slot in result ? result[slot.dataset.slot] : inputs[slot.dataset.slot];
    let text = "";
    if (value !== undefined && value !== null && value !== "") {
      if (slot.dataset.format === "wan") text = shiftDecimal(value, -4) ?? String(value);
      else if (slot.dataset.format === "words") text = `（大写：${rmbWords(shiftDecimal(value, 0) ?? "0")}）`;
      else if (slot.dataset.format === "rate") text = `${value}%`;
      else text = String(value);
    }
    slot.textContent = text;
  }
}

function printForm(sheet) {
  document.documentElement.classList.add("print-form");
  sheet.hidden = false;
  const done = () => {
    document.documentElement.classList.remove("print-form");
    sheet.hidden = true;
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

function showResult(root, meta, output, response, links, inputs) {
  const result = response.result;
  const headline = meta.results.find((slot) => slot.headline);
  const parts = [toolbar(root, meta, response)];
  if (headline && headline.kind !== "table") {
    parts.push(el("p", { class: "calc-headline" },
      el("span", { class: "calc-headline__label", text: headline.label }),
      el("strong", { "data-field": headline.name, "data-value": rawValue(result[headline.name]),
        text: formatValue(meta, headline.kind, result[headline.name]) })));
  }
  const list = el("dl", { class: "calc-values" });
  const tables = [];
  for (const slot of meta.results) {
    if (slot === headline && slot.kind !== "table") continue;
    if (!(slot.name in result)) continue;
    const value = result[slot.name];
    if (slot.kind === "table") tables.push(table(meta, slot, value || [], links));
    else if (slot.kind === "object" && value) {
      for (const sub of slot.fields) {
        list.append(...valueItem(meta, { ...sub, label: `${slot.label}：${sub.label}` }, value[sub.name], `${slot.name}.${sub.name}`));
      }
    } else list.append(...valueItem(meta, slot, value));
  }
  parts.push(...tables, list);
  for (const spec of meta.bars) parts.push(bar(spec, result));
  const steps = el("ol", { class: "calc-trace" });
  for (const step of response.trace) {
    steps.append(el("li", {},
      el("span", { class: "calc-trace__label", text: step.label }), "：",
      el("span", { class: "calc-trace__value", text: step.value }),
      step.formula ? el("span", { class: "calc-trace__formula", text: `（${step.formula}）` }) : null,
      el("span", { class: "calc-trace__clause" }, " 依据 ", clauseLink(meta, step.clause, links))));
  }
  parts.push(el("h2", { text: "计算过程" }), steps);
  if (response.warnings.length) {
    parts.push(el("div", { class: "admonition warning calc-warnings" },
      el("p", { class: "admonition-title", text: "提示" }),
      el("ul", {}, ...response.warnings.map((text) => el("li", { text })))));
  }
  output.replaceChildren(...parts.filter(Boolean));
  const summary = headline && headline.kind !== "table"
    ? `${headline.label}：${formatValue(meta, headline.kind, result[headline.name])}`
    : "计算完成";
  root.querySelector(".calc-announce").textContent = `${summary}。详情见计算结果。`;
  const sheet = root.querySelector(".calc-print-form");
  if (sheet) fillSheet(sheet, inputs, result);
}

function renderStatus(root, status) {
  const state = engine.state === "idle" ? "loading" : engine.state;
  root.dataset.engine = state;
  document.documentElement.dataset.engine = state; // the contract's hook, also on <html>
  const message = status.querySelector(".engine-message");
  message.textContent = engine.message || "正在加载计算引擎…";
  let detail = status.querySelector(".engine-detail"); // for whoever hosts the site
  if (!detail) {
    detail = el("small", { class: "engine-detail" });
    message.after(detail);
  }
  detail.textContent = engine.state === "error" && engine.detail ? `（技术信息：${engine.detail}）` : "";
  detail.hidden = !detail.textContent;
  const progress = status.querySelector(".engine-progress");
  progress.value = engine.percent;
  progress.hidden = engine.state !== "loading";
  status.querySelector(".engine-retry").hidden = engine.state !== "error";
  status.classList.toggle("engine-status--ready", engine.state === "ready");
  status.classList.toggle("engine-status--error", engine.state === "error");
}

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const meta = JSON.parse(root.querySelector(".calc-meta").dataset.meta);
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
    syncAddress(form, inputs);
    if (!showMissing && !isComplete(inputs, meta)) return;
    const ticket = ++latest;
    root.setAttribute("aria-busy", "true");
    try {
      const { response, links } = await compute(meta.estimator, inputs);
      if (ticket !== latest) return;
      clearErrors(form);
      if (response.ok) showResult(root, meta, output, response, links, inputs);
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
  const later = (event) => {
    if (event.target.name === "_unit") switchUnit(form, meta, inWan(form));
    applyVisibility(form);
    clearTimeout(timer);
    timer = setTimeout(() => run(false), DEBOUNCE_MS);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);

  const unplaced = fillForm(form, meta, new URLSearchParams(location.search));
  for (const label of form.querySelectorAll(".calc-money-unit")) label.textContent = inWan(form) ? "万元" : "元";
  applyVisibility(form);
  openFilledGroups(form);
  startEngine(meta.runtime, meta.packages);
  renderStatus(root, status);
  if (unplaced.length) showErrors(form, output, unplaced);
  else if (isComplete(readForm(form, meta), meta)) run(false);
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
