// Numbers as text, never floats: the page's side of calc/numbers.py.

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

// Number text as the engine reads it (calc/numbers.py to_decimal): full-width characters as
// ASCII, spaces dropped, commas dropped only where they group thousands ("1,00" stays wrong).
export function normalizeNumber(text) {
  const plain = String(text)
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s/g, "");
  return GROUPED.test(plain) ? plain.replace(/,/g, "") : plain;
}

// A decimal string times 10^places, exactly (with its sign, and an exponent as in "1e3"); null
// when the text is not a decimal number, which then goes to the engine as typed to be explained.
export function shiftDecimal(text, places) {
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

export function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// A decimal string with its whole part grouped in thousands: "1234567.5" → "1,234,567.5".
export function grouped(text) {
  const [whole, frac] = String(text).split(".");
  return `${groupThousands(whole)}${frac ? "." + frac : ""}`;
}

export function yuan(text) {
  return `${grouped(text)} 元`;
}

// 人民币大写, e.g. "30333.33" → "叁万零叁佰叁拾叁元叁角叁分".
export function rmbWords(text) {
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


// A decimal string rounded half-up (away from zero, as calc/numbers.py round_money) to at most
// `places` decimals, exactly: "3.033333" → "3.0333", "2.00005" → "2.0001", "50" → "50". Null
// when the text is not a decimal number.
export function roundDecimal(text, places) {
  const plain = shiftDecimal(text, 0);
  if (plain === null) return null;
  const sign = plain.startsWith("-") ? "-" : "";
  const [whole, frac = ""] = plain.replace(/^-/, "").split(".");
  if (frac.length <= places) return plain;
  const kept = BigInt(whole + frac.slice(0, places)) + (frac[places] >= "5" ? 1n : 0n);
  const rounded = shiftDecimal(String(kept), -places);
  return rounded === "0" ? rounded : sign + rounded;
}

// The number of decimals of a decimal string (null when it is not a number).
function decimals(text) {
  const plain = shiftDecimal(text, 0);
  return plain === null ? null : (plain.split(".")[1] || "").length;
}

// A decimal string as a BigInt of its value times 10^places (null when not a whole number then).
function scaled(text, places) {
  const shifted = shiftDecimal(text, places);
  return shifted === null || shifted.includes(".") ? null : BigInt(shifted);
}

// Exact comparison of two decimal strings: -1, 0 or 1; null when either is not a number.
export function compareDecimal(a, b) {
  const places = Math.max(decimals(a), decimals(b));
  const [x, y] = [scaled(a, places), scaled(b, places)];
  if (x === null || y === null) return null;
  return x < y ? -1 : x > y ? 1 : 0;
}

// An amount as typed, in 元: "120万" and "120 万元" are 1200000, "1,200元" is 1200; a bare number
// is in the form's unit (万元 when `wan`). Text that is no amount goes to the engine as typed.
export function typedYuan(text, wan) {
  const match = /^(.*?)\s*(万元|万|元)$/.exec(normalizeNumber(text));
  const [number, unit] = match ? [match[1], match[2]] : [text, wan ? "万" : "元"];
  if (unit === "元") return match ? normalizeNumber(number) : text;
  return shiftDecimal(number, 4) ?? text;
}

// 万元 for an amount in 元, rounded half-up to at most four decimals: "1200000.00" → "120",
// "30333.33" → "3.0333"; null when the text is not a number.
export function wan(text) {
  const shifted = shiftDecimal(text, -4);
  return shifted === null ? null : roundDecimal(shifted, 4);
}

// Text with each amount in 元 said in 万元 ("不填时按 3,000,000 元计算" → "… 300 万元计算").
export function inWanText(text) {
  return String(text).replace(/(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*元/g,
    (_, whole, frac = "") => `${grouped(wan(whole.replace(/,/g, "") + frac))} 万元`);
}

// The exact product of two decimal strings (null when either is not a number).
export function multiplyDecimal(a, b) {
  const [da, db] = [decimals(a), decimals(b)];
  if (da === null || db === null) return null;
  return shiftDecimal((scaled(a, da) * scaled(b, db)).toString(), -(da + db));
}
