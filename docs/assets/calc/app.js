// Calculator pages: fill the form from the address, run the engine in a Web Worker, show the
// result with its trace and warnings. Loaded on every page (mkdocs-material keeps it alive
// across instant navigation), it only starts the engine when a calculator page is shown.

import { ROOT, compute, engine, retryEngine, startEngine } from "./engine.js";
import {
  compareDecimal, inWanText, multiplyDecimal, shiftDecimal, typedYuan, wan as wanAmount, yuan,
} from "./numbers.js";
import { fillSheet, printForm } from "./print-form.js";

const DEBOUNCE_MS = 250;

// A value as text. Yes / no / not known yet are the package's words (calc.rules.conditions.YES_NO);
// an amount is also said in 万元 where the policy's form uses them (`withWan`).
function formatValue(meta, kind, value, withWan = meta.wan_too) {
  if (kind === "bool" || typeof value === "boolean") return meta.yes_no[String(value ?? null)];
  if (value === null || value === undefined) return "—";
  if (kind === "money") return withWan ? `${yuan(value)}（${wanAmount(value)} 万元）` : yuan(value);
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

export function el(tag, attrs = {}, ...children) {
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

// The inputs as the engine reads them. Amounts go in 元 ("120万" and 万元 mode understood); a
// question left unanswered goes as null (the contract's default would otherwise answer it), so
// that the result counts it as unanswered: nothing is answered for the user. "以上都不是" is
// an empty list.
function readForm(form, meta) {
  const inputs = {};
  const wan = inWan(form);
  for (const [name, field] of Object.entries(meta.fields)) {
    if (!isShown(form, name)) continue;
    let value;
    if (field.kind === "choices") {
      const boxes = checkboxes(form, name).filter((box) => box.checked);
      if (boxes.some((box) => box.hasAttribute("data-none"))) {
        inputs[name] = "";
        continue;
      }
      value = boxes.map((box) => box.value).join(",");
    } else {
      const control = form.elements.namedItem(name);
      value = control ? control.value : ""; // a RadioNodeList's value is the checked radio's
    }
    value = String(value ?? "").trim();
    if (value === "") {
      if (field.kind === "bool" && field.nullable) inputs[name] = null;
      continue;
    }
    if (field.kind === "money") value = typedYuan(value, wan); // the address keeps 元
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
      for (const box of checkboxes(form, name)) {
        box.checked = box.hasAttribute("data-none") ? value === "" : wanted.delete(box.value); // true if wanted
      }
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

// "以上都不是" and the other boxes of a list exclude each other.
function exclusiveNone(box) {
  if (!box || box.type !== "checkbox" || !box.checked) return;
  for (const other of checkboxes(box.form, box.name)) {
    if (other !== box && other.hasAttribute("data-none") !== box.hasAttribute("data-none")) other.checked = false;
  }
}

// Every text of the form that speaks of amounts speaks the unit chosen: labels, help, placeholders.
function showUnit(form) {
  const wan = inWan(form);
  for (const label of form.querySelectorAll(".calc-money-unit")) label.textContent = wan ? "万元" : "元";
  for (const node of form.querySelectorAll("[data-yuan-text]")) {
    node.dataset.yuanText ||= node.textContent;
    node.textContent = wan ? inWanText(node.dataset.yuanText) : node.dataset.yuanText;
  }
  for (const input of form.querySelectorAll("[data-yuan-placeholder]")) {
    input.placeholder = wan ? wanAmount(input.dataset.yuanPlaceholder) : input.dataset.yuanPlaceholder;
  }
}

function switchUnit(form, meta, toWan) {
  for (const [name, field] of Object.entries(meta.fields)) {
    if (field.kind !== "money") continue;
    const control = form.elements.namedItem(name);
    if (control && /^[\d.,\s\uFF10-\uFF19\uFF0C\uFF0E]+$/.test(control.value.trim())) {
      control.value = shiftDecimal(control.value, toWan ? -4 : 4) ?? control.value; // "120万" stays as typed
    }
  }
  showUnit(form);
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
    const filled = [...group.querySelectorAll("input[type=text], select, input:checked:not([value=''])")]
      .some((c) => c.type === "radio" || c.type === "checkbox" || c.value.trim());
    if (filled || group.querySelector("[data-error-for]")) group.open = true;
  }
}

function isComplete(inputs, meta) {
  return meta.required.every((name) => name in inputs && inputs[name] !== null);
}

function syncAddress(form, inputs) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(inputs)) if (value !== null) query.set(name, value);
  if (inWan(form)) query.set("unit", "wan");
  const url = new URL(location.href);
  url.search = query.toString();
  if (url.href !== location.href) history.replaceState(history.state, "", url.href);
}

function describe(control, id, add) {
  const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
  if (add) ids.push(id);
  if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
  else control.removeAttribute("aria-describedby");
}

// A field's note (an error, or a plausibility hint), shown under it and described by it; the
// same text is not written again while typing, so a screen reader announces an error once, not
// per keystroke; `again` (a submit) writes it anew, to be announced again.
function setNote(form, name, kind, message, again = false) {
  const box = form.querySelector(`[data-input="${CSS.escape(name)}"]`);
  if (!box) return;
  const attr = kind === "error" ? "data-error-for" : "data-hint-for";
  const id = `${kind}-${name}`;
  let note = box.querySelector(`[${attr}]`);
  const controls = box.querySelectorAll("input, select");
  if (!message) {
    note?.remove();
    for (const control of controls) {
      describe(control, id, false);
      if (kind === "error") control.removeAttribute("aria-invalid");
    }
    return;
  }
  if (note && note.textContent === message && !again) return;
  note?.remove();
  note = el("p", { class: `calc-${kind}`, id, [attr]: name, role: kind === "error" ? "alert" : null, text: message });
  box.append(note);
  for (const control of controls) {
    describe(control, id, true);
    if (kind === "error") control.setAttribute("aria-invalid", "true");
  }
}

// Errors go next to their fields: on submit all of them, while typing only those of fields the
// user has left (a date is not wrong at "2025-03-"). Return whether any error is shown.
function showErrors(root, form, output, errors, touched, all) {
  const general = [];
  const byField = new Map();
  for (const error of errors) {
    if (error.field && form.querySelector(`[data-input="${CSS.escape(error.field)}"]`)) {
      byField.set(error.field, [byField.get(error.field), error.message].filter(Boolean).join("；"));
    } else general.push(error.message);
  }
  const wan = inWan(form);
  for (const node of form.querySelectorAll("[data-error-for]")) {
    if (!byField.has(node.dataset.errorFor)) setNote(form, node.dataset.errorFor, "error", "");
  }
  let shown = 0;
  for (const [name, message] of byField) {
    const visible = all || touched.has(name);
    setNote(form, name, "error", visible ? (wan ? inWanText(message) : message) : "", all);
    shown += visible ? 1 : 0;
  }
  openFilledGroups(form);
  root.querySelector(".calc-announce").textContent = ""; // the errors are alerts
  output.querySelector(".calc-general-errors")?.remove();
  if (general.length && (all || touched.size)) shown += 1;
  if (shown) { // no figure next to an error: the result goes until the input is put right
    output.replaceChildren(el("p", { class: "calc-placeholder", text: "请更正标出的输入后查看结果。" }));
    root.querySelector(".calc-jump").hidden = true;
  } else markStale(output, true);
  if (general.length && shown) {
    output.prepend(el("div", { class: "admonition failure calc-general-errors", role: "alert" },
      el("p", { class: "admonition-title", text: "无法计算" }),
      ...general.map((text) => el("p", { text: wan ? inWanText(text) : text }))));
  }
  return shown > 0;
}

function clearErrors(form, output) {
  for (const node of form.querySelectorAll("[data-error-for]")) setNote(form, node.dataset.errorFor, "error", "");
  output.querySelector(".calc-general-errors")?.remove();
}

// An earlier result that no longer matches the form says so, rather than vanishing while typing.
function markStale(output, stale) {
  const has = output.querySelector(".calc-result");
  output.classList.toggle("calc-output--stale", Boolean(stale && has));
  let note = output.querySelector(".calc-stale-note");
  if (stale && has && !note) {
    note = el("p", { class: "calc-stale-note", text: "输入已修改，结果尚未更新：请完成或更正输入。" });
    output.prepend(note);
  } else if (!(stale && has)) note?.remove();
}

// Hints that never block: a rate typed as a fraction ("0.035" for 3.5 %), a part unusually large
// against its whole. The bounds are the package's (calc/page.py).
function plausibilityHints(form, meta) {
  const inputs = readForm(form, meta);
  for (const [name, field] of Object.entries(meta.fields)) {
    let hint = "";
    const value = inputs[name];
    if (typeof value === "string" && compareDecimal(value, "0") === 1) {
      if (field.plausible && compareDecimal(value, field.plausible.min) === -1) {
        hint = `${value}% 低于常见范围，是否应为 ${shiftDecimal(value, 2)}？（利率按百分数填写，3.5 表示 3.5%）`;
      } else if (field.plausible && compareDecimal(value, field.plausible.max) === 1) {
        hint = `${value}% 高于常见范围，是否应为 ${shiftDecimal(value, -2)}？（利率按百分数填写，3.5 表示 3.5%）`;
      } else if (field.usual_share && typeof inputs[field.usual_share.of] === "string") {
        const usual = multiplyDecimal(inputs[field.usual_share.of], shiftDecimal(field.usual_share.percent, -2));
        if (usual !== null && compareDecimal(value, usual) === 1) {
          hint = `超过“${meta.fields[field.usual_share.of].label}”的 ${field.usual_share.percent}%，较少见，请核对。`;
        }
      }
    }
    setNote(form, name, "hint", hint);
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

// The headline: the figure a user came for, with what it is worth next to it (issue 12): whether
// the conditions are met (the page's gate, or the headline itself when it is the yes/no answer),
// the warnings, and the defaults the rule assumed for fields left blank.
const STATES = {
  true: { name: "yes", words: "符合条件" },
  false: { name: "no", words: "不符合条件" },
  null: { name: "unknown", words: "按符合条件估算：尚有条件未确定" },
};

function headlineSlot(meta, result) {
  for (const name of meta.headlines) {
    const value = path(result, name);
    if (value === null || value === undefined) continue;
    const [top, sub] = name.split(".");
    const slot = meta.results.find((s) => s.name === top);
    const field = sub ? slot.fields.find((f) => f.name === sub) : slot;
    return { ...field, name, label: sub ? `${slot.label}：${field.label}` : field.label, value };
  }
  const slot = meta.results.find((s) => s.headline && s.kind !== "table");
  return slot && { ...slot, value: result[slot.name] };
}

// The defaults the rule applied to fields left blank, as its trace says them (calc/rules/defaults.py).
function defaultsApplied(meta, response) {
  return response.trace.filter((step) => String(step.formula).startsWith(meta.default_said))
    .map((step) => `${step.label}：${step.value}`);
}

function headlineBox(meta, headline, response) {
  const result = response.result;
  // A yes/no headline (the eligibility check) is its own state: its figure already says it.
  const gate = meta.gate ? result[meta.gate] : headline?.kind === "bool" ? headline.value : undefined;
  const state = gate === undefined ? null : STATES[String(gate)];
  const cautious = state?.name !== "no" && response.warnings.length > 0;
  const kind = state && state.name !== "yes" ? state.name : cautious ? "caution" : state ? "yes" : "plain";
  const box = el("div", { class: `calc-headline calc-headline--${kind}` });
  if (state && meta.gate) box.append(el("p", { class: "calc-headline__state", text: state.words }));
  if (headline) {
    box.append(el("p", { class: "calc-headline__figure" },
      el("span", { class: "calc-headline__label", text: headline.label }),
      el("strong", { "data-field": headline.name, "data-value": rawValue(headline.value),
        text: formatValue(meta, headline.kind, headline.value, false) }),
      meta.wan_too && headline.kind === "money" && headline.value != null
        ? el("span", { class: "calc-headline__wan", text: `合 ${wanAmount(headline.value)} 万元` }) : null));
  }
  if (response.warnings.length) {
    box.append(el("div", { class: "admonition warning calc-warnings" },
      el("p", { class: "admonition-title", text: state?.name === "no" ? "说明" : "请注意" }),
      el("ul", {}, ...response.warnings.map((text) => el("li", { text })))));
  }
  const defaults = defaultsApplied(meta, response);
  if (defaults.length) {
    box.append(el("p", { class: "calc-defaults", text: `未填写的项按默认值计算：${defaults.join("；")}。` }));
  }
  return box;
}

// What changed since the previous result is highlighted for a moment.
function markChanges(output, before) {
  for (const node of output.querySelectorAll("[data-field][data-value]")) {
    const old = before.get(node.dataset.field);
    if (old === undefined || old === node.dataset.value) continue;
    node.classList.add("calc-changed");
    node.addEventListener("animationend", () => node.classList.remove("calc-changed"), { once: true });
  }
}

function showResult(root, meta, output, response, links, inputs) {
  const result = response.result;
  const headline = headlineSlot(meta, result);
  const before = new Map([...output.querySelectorAll("[data-field][data-value]")]
    .map((node) => [node.dataset.field, node.dataset.value]));
  const parts = [headlineBox(meta, headline, response), toolbar(root, meta, response)];
  const list = el("dl", { class: "calc-values" });
  const tables = [];
  for (const slot of meta.results) {
    if (!(slot.name in result) || (headline && slot.name === headline.name)) continue;
    const value = result[slot.name];
    if (slot.kind === "table") tables.push(table(meta, slot, value || [], links));
    else if (slot.kind === "object" && value) {
      for (const sub of slot.fields) {
        const name = `${slot.name}.${sub.name}`;
        if (headline && name === headline.name) continue;
        list.append(...valueItem(meta, { ...sub, label: `${slot.label}：${sub.label}` }, value[sub.name], name));
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
  output.replaceChildren(el("div", { class: "calc-result" }, ...parts.filter(Boolean)));
  markStale(output, false);
  markChanges(output, before);
  const state = meta.gate ? STATES[String(result[meta.gate])]?.words : "";
  const summary = headline
    ? `${state ? state + "，" : ""}${headline.label}：${formatValue(meta, headline.kind, headline.value, false)}`
    : "计算完成";
  root.querySelector(".calc-announce").textContent = `${summary}。详情见计算结果。`;
  const jump = root.querySelector(".calc-jump");
  jump.textContent = `${summary} ↓`;
  jump.setAttribute("aria-label", `${summary}，转到计算结果`);
  jump.hidden = false;
  const sheet = root.querySelector(".calc-print-form");
  if (sheet) fillSheet(sheet, inputs, result);
}

// The engine's status line and the offline copy's notice (under the result). Both are live
// regions: what they announce is the stage (downloading, a slow network, starting, ready,
// failed; offered, saving, saved); the byte figures, which change several times a second, are
// left out (aria-hidden) and carried by the progress bars, whose value is the share received.
const mb = (bytes) => (bytes / 1e6).toFixed(1);

function offlineNotice(box) {
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

// Keeps a mounted root's engine status line current (and its 重试 button working) while the root
// is in the page; `then` runs after each change (a calculator computes again after a retry).
export function watchEngine(root, status, meta, then = () => {}) {
  const listener = () => {
    if (!root.isConnected) {
      engine.listeners.delete(listener);
      return;
    }
    renderStatus(root, status);
    then();
  };
  engine.listeners.add(listener);
  status.querySelector(".engine-retry").addEventListener("click", () => retryEngine(meta.runtime, meta.packages));
}

export function renderStatus(root, status) {
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
  offlineNotice(root.querySelector(".engine-offline"));
}

// On a phone the result is below the form: a bar at the bottom says the headline and leads to
// it while the result itself is out of view.
function followResult(root, output) {
  const jump = root.querySelector(".calc-jump");
  if (!("IntersectionObserver" in window)) return;
  const seen = new IntersectionObserver(([entry]) => jump.classList.toggle("calc-jump--away", !entry.isIntersecting));
  seen.observe(output);
  jump.addEventListener("click", (event) => {
    event.preventDefault();
    output.scrollIntoView({ block: "start" });
    output.focus({ preventScroll: true });
  });
}

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const meta = JSON.parse(root.querySelector(".calc-meta").dataset.meta);
  const form = root.querySelector("form.calc-form");
  const output = root.querySelector(".calc-output");
  const status = root.querySelector(".engine-status");
  const touched = new Set(); // fields the user has left: their errors show while typing elsewhere
  let rerun = false; // the engine failed a run: compute again once a retry brings it up
  let latest = 0;
  let timer = null;

  watchEngine(root, status, meta, () => {
    if (engine.state === "ready" && rerun) {
      rerun = false;
      run();
    }
  });

  // submitted: every error shows and the first takes the focus; shared: the result is brought
  // into view (a link opened on a phone lands on the form).
  async function run({ submitted = false, shared = false } = {}) {
    const inputs = readForm(form, meta);
    syncAddress(form, inputs);
    if (!submitted && !isComplete(inputs, meta)) {
      markStale(output, true);
      return;
    }
    const ticket = ++latest;
    root.setAttribute("aria-busy", "true");
    try {
      const { response, links } = await compute(meta.estimator, inputs);
      if (ticket !== latest) return;
      if (response.ok) {
        clearErrors(form, output);
        showResult(root, meta, output, response, links, inputs);
        if (shared && output.getBoundingClientRect().top > window.innerHeight * 0.6) {
          output.scrollIntoView({ block: "start" });
        }
      } else if (showErrors(root, form, output, response.errors, touched, submitted) && submitted) {
        const first = form.querySelector("[aria-invalid='true']");
        if (first) first.focus();
        else output.focus();
      }
    } catch (err) {
      if (ticket !== latest) return;
      rerun = true;
      output.replaceChildren(el("div", { class: "admonition failure", role: "alert" },
        el("p", { class: "admonition-title", text: "无法计算" }), el("p", { text: err.message })));
    } finally {
      if (ticket === latest) root.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    for (const name of Object.keys(meta.fields)) touched.add(name);
    plausibilityHints(form, meta);
    run({ submitted: true });
  });
  const later = (event) => {
    if (event.target.name === "_unit") switchUnit(form, meta, inWan(form));
    exclusiveNone(event.target);
    applyVisibility(form);
    clearTimeout(timer);
    timer = setTimeout(() => run(), DEBOUNCE_MS);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", (event) => {
    if (event.target.name) touched.add(event.target.name);
    later(event);
  });
  form.addEventListener("focusout", (event) => {
    if (!event.target.name || event.target.name === "_unit") return;
    touched.add(event.target.name);
    plausibilityHints(form, meta);
    clearTimeout(timer);
    run();
  });

  const params = new URLSearchParams(location.search);
  const unplaced = fillForm(form, meta, params);
  const given = [...params.keys()].filter((name) => name in meta.fields);
  for (const name of given) touched.add(name); // a link's errors show
  showUnit(form);
  applyVisibility(form);
  openFilledGroups(form);
  followResult(root, output);
  startEngine(meta.runtime, meta.packages);
  renderStatus(root, status);
  if (unplaced.length) showErrors(root, form, output, unplaced, touched, true);
  else if (isComplete(readForm(form, meta), meta)) {
    plausibilityHints(form, meta);
    run({ shared: given.length > 0 });
  }
}

function mountAll() {
  const roots = document.querySelectorAll(".calculator[data-estimator]");
  const batches = document.querySelectorAll("[data-batch]");
  if (!roots.length) delete document.documentElement.dataset.engine;
  for (const root of roots) mount(root);
  // The batch page (批量测算) has its own script, fetched only there.
  if (batches.length) import("./batch.js").then(({ mountBatch }) => batches.forEach(mountBatch));
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll);
} else {
  mountAll();
}
