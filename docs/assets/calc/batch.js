// The batch page (批量测算): choose an estimator, download its template, choose a filled file; the
// engine's worker reads it, computes every row and writes the results (engine-worker.js, calc's
// BatchJob), reporting progress; the page shows the summary and offers both files as Blob URLs.
// The page computes nothing itself: every figure is calc's. Fetched by app.js on this page only.
//
// Hooks (issue 14): the root's data-batch is idle | running | done | error;
// select[data-batch-estimator], a[data-batch-template], input[type=file][data-batch-file];
// after a run [data-batch-ok] and [data-batch-errors] (data-value: the counts) and
// a[data-batch-download="xlsx" | "csv"].

import { engine, runBatch, startEngine } from "./engine.js";
import { el, renderStatus, watchEngine } from "./app.js";
import { yuan } from "./numbers.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PHASES = {
  load: "正在准备读写 Excel 文件的程序…",
  read: "正在读取文件…",
};

export function mountBatch(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const meta = JSON.parse(root.querySelector(".calc-meta").dataset.meta);
  const status = root.querySelector(".engine-status");
  const select = root.querySelector("[data-batch-estimator]");
  const template = root.querySelector("[data-batch-template]");
  const input = root.querySelector("[data-batch-file]");
  const running = root.querySelector(".batch-run");
  const progressText = root.querySelector(".batch-progress-text");
  const bar = root.querySelector(".batch-progress");
  const cancelButton = root.querySelector(".batch-cancel");
  const message = root.querySelector(".batch-message");
  const result = root.querySelector(".batch-result");
  let urls = []; // Blob URLs of the last results, released when a new run starts
  let current = null; // {cancel} of the run in progress

  watchEngine(root, status, meta);

  // The chosen template is fetched as soon as it is chosen and offered as a Blob URL: a click then
  // downloads it at once, and the offline copy answers the fetch. Until then (or if the fetch
  // fails) the link is the file's own address.
  const templateFile = template.getAttribute("href");
  let templateBlob = null;
  function chooseTemplate() {
    const id = select.value;
    const file = templateFile.replace(/[^/]*\.xlsx$/, `${id}.xlsx`);
    if (templateBlob) URL.revokeObjectURL(templateBlob);
    templateBlob = null;
    template.href = file;
    template.download = `${id}-模板.xlsx`;
    template.setAttribute("aria-label", `下载 Excel 模板：${meta.titles[id]}`);
    fetch(file)
      .then((response) => (response.ok ? response.arrayBuffer() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((bytes) => {
        if (select.value !== id) return;
        templateBlob = URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
        template.href = templateBlob;
      })
      .catch(() => {}); // the link keeps the file's address
  }

  function setState(state) {
    root.dataset.batch = state;
    running.hidden = state !== "running";
    input.setAttribute("aria-busy", String(state === "running"));
  }

  function showProgress({ phase, done, total }) {
    if (phase !== "rows" || !total) {
      progressText.textContent = PHASES[phase] || "正在计算…";
      if (phase === "read" && done) progressText.textContent += `已读取 ${done.toLocaleString("zh-CN")} 行`;
      bar.removeAttribute("value");
      return;
    }
    progressText.textContent = `已完成 ${done.toLocaleString("zh-CN")} / ${total.toLocaleString("zh-CN")} 行`;
    bar.value = Math.floor((done / total) * 100);
  }

  function release() {
    for (const url of urls) URL.revokeObjectURL(url);
    urls = [];
  }

  function download(kind, bytes, type, name) {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    urls.push(url);
    return el("a", { class: "md-button", href: url, download: name, "data-batch-download": kind, text: `下载结果（${kind === "xlsx" ? "Excel" : "CSV"}）` });
  }

  function showSummary(id, reply) {
    const { summary } = reply;
    const count = (hook, label, value) =>
      el("tr", {}, el("th", { scope: "row", text: label }), el("td", { [hook]: "", "data-value": String(value), text: value.toLocaleString("zh-CN") }));
    const rows = [
      count("data-batch-rows", "行数", summary.rows),
      count("data-batch-ok", "计算成功", summary.computed),
      count("data-batch-errors", "输入有误", summary.invalid),
      ...summary.totals.map(({ label, value }) => el("tr", {}, el("th", { scope: "row", text: label }), el("td", { text: yuan(value) }))),
    ];
    const parts = [
      el("h2", { text: `计算完成：${meta.titles[id]}` }),
      ...(summary.mismatch ? [el("p", { class: "batch-mismatch", role: "alert", text: summary.mismatch })] : []),
      el("table", {}, el("caption", { text: "汇总（合计为计算成功各行之和）" }), el("tbody", {}, ...rows)),
    ];
    if (summary.invalid) {
      parts.push(el("p", { class: "batch-invalid-note", text: `有 ${summary.invalid} 行输入有误：结果文件中这些行的“计算成功”为否，并在“输入错误”一列写明原因；其余各行已照常计算。` }));
    }
    for (const note of summary.notes) parts.push(el("p", { class: "calc-help", text: note }));
    parts.push(el("p", { class: "batch-downloads" },
      download("xlsx", reply.xlsx, XLSX_TYPE, `${id}-结果.xlsx`), " ",
      download("csv", reply.csv, "text/csv;charset=utf-8", `${id}-结果.csv`)));
    result.replaceChildren(...parts);
    result.hidden = false;
    root.dataset.batchMemory = String(reply.memory ?? ""); // the engine's memory after the run (tests/bench/batch.py)
  }

  async function run(file) {
    const id = select.value;
    release();
    result.hidden = true;
    result.replaceChildren();
    message.replaceChildren();
    setState("running");
    showProgress({ phase: engine.state === "ready" ? "read" : "load" });
    let reply;
    try {
      const bytes = await file.arrayBuffer();
      current = runBatch(id, file.name, bytes, meta.batchPackages, showProgress);
      reply = await current.promise;
    } catch (err) {
      reply = { type: "batch-error", message: err.message };
    } finally {
      current = null;
      input.value = ""; // choosing the same file again runs it again
    }
    if (reply.type === "batch-done") {
      setState("done");
      showSummary(id, reply);
      result.focus();
    } else if (reply.type === "batch-cancelled") {
      setState("idle");
      message.replaceChildren(el("p", { text: "已取消。可重新选择文件。" }));
    } else {
      setState("error");
      message.replaceChildren(el("div", { class: "admonition failure" },
        el("p", { class: "admonition-title", text: "无法处理这个文件" }),
        el("p", { text: reply.message }),
        el("p", { text: "请修改后重新选择文件，或下载模板按模板填写。" })));
    }
  }

  select.addEventListener("change", chooseTemplate);
  input.addEventListener("change", () => {
    if (input.files.length && !current) run(input.files[0]);
  });
  cancelButton.addEventListener("click", () => {
    if (!current) return;
    current.cancel();
    progressText.textContent = "正在取消…";
  });

  const wanted = new URLSearchParams(location.search).get("estimator");
  if (wanted && wanted in meta.titles) select.value = wanted;
  chooseTemplate();
  setState("idle");
  startEngine(meta.runtime, meta.packages);
  renderStatus(root, status);
}
