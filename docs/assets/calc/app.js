// Calculator pages: fill the form from the address, run the engine in a Web Worker, show the
// result with its trace and warnings. Loaded on every page (mkdocs-material keeps it alive
// across instant navigation), it only starts the engine when a calculator page is shown.

import { ROOT, compute, engine, retryEngine, startEngine } from "./engine.js";
import { shiftDecimal, yuan } from "./numbers.js";
import { fillSheet, printForm } from "./print-form.js";

const DEBOUNCE_MS = 250;

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

// The engine's status line. It is a live region: what it announces is the stage (downloading,
// a slow network, starting, ready, failed) and the offline copy's notice; the byte figures,
// which change several times a second, are left out of it (aria-hidden) and carried by the
// progress bar, whose value is the share of bytes received.
const mb = (bytes) => (bytes / 1e6).toFixed(1);

function offlineNotice(status) {
  let box = status.querySelector(".engine-offline");
  if (!box) {
    box = el("span", { class: "engine-offline", tabindex: "-1" });
    status.append(box);
  }
  const state = engine.offline;
  if (box.dataset.state !== state) {
    box.dataset.state = state;
    const size = engine.offlineBytes ? `（约 ${Math.max(1, Math.round(engine.offlineBytes / 1e6))} MB）` : "";
    // After a click the buttons are replaced: keyboard focus goes to what takes their place.
    const button = (text, label, action) => {
      const node = el("button", { type: "button", class: "md-button engine-offline__button", "aria-label": label, text });
      node.addEventListener("click", () => {
        action();
        (box.querySelector("button") || box).focus();
      });
      return node;
    };
    const save = () => button("保存", `保存离线副本${size}`, engine.saveOffline);
    if (state === "offer") {
      box.replaceChildren(
        el("span", { text: `保存离线副本${size}后，下次打开更快，断网也能计算。` }),
        save(),
        button("不用了", "不用了：不保存离线副本，不再询问", engine.declineOffline),
      );
    } else if (state === "declined") {
      box.replaceChildren(button("保存离线副本", `保存离线副本${size}，下次打开更快，断网也能计算`, engine.saveOffline));
      box.lastChild.classList.add("engine-offline__button--small");
    } else if (state === "saving") {
      box.replaceChildren(
        el("span", { text: "正在保存离线副本：" }),
        el("span", { class: "engine-offline__figures", "aria-hidden": "true" }),
        el("progress", { class: "engine-offline__progress", max: "100", "aria-label": "离线副本保存进度" }),
      );
    } else if (state === "saved") {
      box.replaceChildren(el("span", { text: "离线副本已保存：下次打开更快，断网也能计算。" }));
    } else if (state === "failed") {
      box.replaceChildren(el("span", { text: "离线副本未能完整保存，部分文件将在使用时再下载。" }));
    } else {
      box.replaceChildren();
    }
    box.hidden = !box.childNodes.length;
  }
  if (state === "saving") {
    const total = engine.offlineTotal;
    box.querySelector(".engine-offline__figures").textContent = total
      ? `${mb(engine.offlineLoaded)} / 约 ${mb(total)} MB`
      : "";
    const bar = box.querySelector(".engine-offline__progress");
    if (total) bar.value = Math.min(100, Math.floor((engine.offlineLoaded / total) * 100));
  }
}

function renderStatus(root, status) {
  const state = engine.state === "idle" ? "loading" : engine.state;
  root.dataset.engine = state;
  document.documentElement.dataset.engine = state; // the contract's hook, also on <html>
  const message = status.querySelector(".engine-message");
  let figures = status.querySelector(".engine-figures");
  if (!figures) {
    figures = el("span", { class: "engine-figures", "aria-hidden": "true" });
    message.after(figures);
  }
  const downloading = state === "loading" && engine.phase === "download";
  let text = engine.label || engine.message || "正在加载计算引擎…";
  if (downloading && engine.slow) text = "网络较慢，仍在下载计算引擎…";
  message.textContent = state === "loading" ? text : engine.message;
  figures.textContent = "";
  if (downloading && engine.total) figures.textContent = `${mb(engine.loaded)} / 约 ${mb(engine.total)} MB`;
  else if (downloading && engine.loaded) figures.textContent = `已下载约 ${mb(engine.loaded)} MB`;
  figures.hidden = !figures.textContent;
  let detail = status.querySelector(".engine-detail"); // for whoever hosts the site
  if (!detail) {
    detail = el("small", { class: "engine-detail" });
    figures.after(detail);
  }
  detail.textContent = engine.state === "error" && engine.detail ? `（技术信息：${engine.detail}）` : "";
  detail.hidden = !detail.textContent;
  const progress = status.querySelector(".engine-progress");
  if (downloading && engine.percent !== null) progress.value = engine.percent;
  else progress.removeAttribute("value"); // indeterminate: no total yet, or starting
  progress.hidden = state !== "loading";
  status.querySelector(".engine-retry").hidden = engine.state !== "error";
  status.classList.toggle("engine-status--ready", engine.state === "ready");
  status.classList.toggle("engine-status--error", engine.state === "error");
  offlineNotice(status);
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
