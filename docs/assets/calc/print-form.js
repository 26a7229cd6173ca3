// The policy's attached form (附表), filled from the inputs, the result and the applicant's own
// entries (details.calc-sheet-extra, kept in the page only), and printed alone.

import { rmbWords, shiftDecimal, wan } from "./numbers.js";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

// "2025-03-01" → "2025年3月1日"; any other text as it is.
function chineseDate(text) {
  const match = ISO_DATE.exec(String(text).trim());
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : String(text);
}

// Days from one ISO date to another (the first counted, the last not: calc.dates.interest_days).
function daysBetween(start, end) {
  const [a, b] = [start, end].map((text) => ISO_DATE.exec(String(text)));
  if (!a || !b) return null;
  return (Date.UTC(b[1], b[2] - 1, b[3]) - Date.UTC(a[1], a[2] - 1, a[3])) / DAY_MS;
}

function formatted(format, value, until) {
  if (value === undefined || value === null || value === "") return "";
  if (format === "wan") return wan(value) ?? String(value); // 万元, 4 places at most
  if (format === "words") return `（大写：${rmbWords(shiftDecimal(value, 0) ?? "0")}）`; // the exact amount
  if (format === "rate") return `${value}%`;
  if (format === "date") return chineseDate(value);
  if (format === "period") {
    if (until === undefined || until === null || until === "") return "";
    const days = daysBetween(value, until);
    return `${chineseDate(value)}至${chineseDate(until)}${days === null ? "" : `（${days}天）`}`;
  }
  return String(value);
}

function extraOf(sheet) {
  const root = sheet.closest(".calculator") || document;
  return root.querySelector(".calc-sheet-extra");
}

// The applicant's entries into their cells, as typed (dates written the Chinese way).
function fillEntries(sheet) {
  const extra = extraOf(sheet);
  if (!extra) return;
  const typed = {};
  for (const control of extra.querySelectorAll("[data-entry]")) typed[control.dataset.entry] = control.value.trim();
  for (const cell of sheet.querySelectorAll("[data-entry]")) {
    cell.textContent = formatted(cell.dataset.format, typed[cell.dataset.entry]);
  }
}

export function fillSheet(sheet, inputs, result) {
  const value = (name) => (name in result ? result[name] : inputs[name]);
  for (const slot of sheet.querySelectorAll("[data-slot]")) {
    const until = slot.dataset.until ? value(slot.dataset.until) : undefined;
    slot.textContent = formatted(slot.dataset.format, value(slot.dataset.slot), until);
  }
  const extra = extraOf(sheet);
  if (extra) {
    extra.hidden = false; // offered once there is something to print
    if (!extra.dataset.bound) {
      extra.dataset.bound = "true";
      extra.addEventListener("input", () => fillEntries(sheet));
      extra.querySelector(".calc-sheet-print")?.addEventListener("click", () => printForm(sheet));
    }
  }
  fillEntries(sheet);
}

export function printForm(sheet) {
  fillEntries(sheet);
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
