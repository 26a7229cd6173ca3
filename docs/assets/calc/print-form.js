// The policy's attached form (附表), filled from the inputs and the result and printed alone.

import { rmbWords, shiftDecimal } from "./numbers.js";

export function fillSheet(sheet, inputs, result) {
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

export function printForm(sheet) {
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

