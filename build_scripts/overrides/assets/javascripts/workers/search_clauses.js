/*
 * The site's search worker (issue #11), in place of mkdocs-material's lunr worker: the same
 * messages (SETUP → READY, QUERY → RESULT), the same search_index.json, the same result list,
 * so the header search box, results as one types, keyboard use and highlighting stay Material's.
 *
 * What differs is how a query meets the text. lunr's worker cut a Chinese query into the words
 * the index happened to hold, greedily and without the last character (新三板 → 新 / 三), and
 * matched every piece as a prefix, alone. Here the query's words are looked up as they are
 * typed, as substrings of the text, after the same normalisation on both sides: full-width
 * letters, digits and signs as half-width (１％ → 1%), case, and no spaces (300 万元 = 300万元).
 * An entry without a word as typed may still hold its pieces, the build's words it is made of
 * (jieba, the zero-width spaces of the index): 专利权质押贷款贴息 → 专利权 质押 贷款 贴息, worth
 * a little less. The spellings without a parenthesis (首批次 for 首批（次）) and the heading a
 * paragraph clause stands under come with each entry from the build (`alt`, `section`:
 * build_scripts/search_index.py).
 *
 * Ranking: entries holding all the words first (words weighted by rarity), a word in the title
 * counts more, then the entry's boost from the build: a policy clause above its page, both above
 * the glossary and the other pages. Results are grouped by page, as Material shows them.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

let entries = [];       // {doc, page, title, text, boost}
let words = new Set();  // the build's Chinese words (jieba), to cut a query word found nowhere
let longest = 1;

/* Text as matched: no tags, no zero-width or other spaces, half-width, lower case. */
function normal(value) {
  return value.replace(/<[^>]*>/g, "").normalize("NFKC").toLowerCase().replace(/[\s\u200b]+/g, "");
}

function setup(docs) {
  entries = docs.map(doc => {
    const [page] = doc.location.split("#");
    for (const field of [doc.title, doc.text])
      for (const word of field.replace(/<[^>]*>/g, "").split(/[\s\u200b]+/))
        if (word.length > 1 && HAN.test(word)) {
          words.add(word);
          longest = Math.max(longest, word.length);
        }
    return {
      doc,
      page,
      title: normal(doc.title),
      text: normal(doc.text) + "\n" + normal(doc.alt || ""),
      section: normal(doc.section || ""),
      boost: doc.boost || 1
    };
  });
}

/* A query word cut into the build's words (longest first, at most three characters, so that
   贷款贴息 gives 贷款 + 贴息); runs of letters and digits stay whole. */
function cut(word) {
  const pieces = [];
  for (let i = 0; i < word.length;) {
    let size = Math.min(3, word.length - i);
    while (size > 1 && !words.has(word.slice(i, i + size)))
      size--;
    if (size === 1 && /[\w.%~]/.test(word[i]))
      while (i + size < word.length && /[\w.%~]/.test(word[i + size]))
        size++;
    pieces.push(word.slice(i, i + size));
    i += size;
  }
  /* A lone Chinese character says little (新三板 → 三板, not 新): it is not looked up apart. */
  const kept = pieces.filter(piece => piece.length > 1 || !HAN.test(piece));
  return [...new Set(kept.length ? kept : pieces)];
}

/* The query's words, each with the pieces it is cut into (just itself when it is one word). */
function parse(query) {
  const result = [];
  for (const word of query.split(/\s+/).map(normal).filter(Boolean))
    if (!result.some(w => w.word === word))
      result.push({ word, pieces: words.has(word) || word.length < 3 ? [word] : cut(word) });
  return result;
}

function count(text, term) {
  let n = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length))
    n++;
  return n;
}

/* <mark> the query's words in the text shown (outside tags; zero-width spaces may split them). */
function highlight(html, shown) {
  if (!shown.length)
    return html;
  const escape = value => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(
    shown.map(term => [...term].map(escape).join("\u200b?")).join("|"), "gi");
  return html.split(/(<[^>]*>)/).map(part =>
    part.startsWith("<") ? part : part.replace(pattern, match => `<mark data-md-highlight>${match}</mark>`)
  ).join("");
}

const rarity = new Map();
function weight(term) {
  if (!rarity.has(term)) {
    const df = entries.filter(e => e.title.includes(term) || e.text.includes(term)).length;
    rarity.set(term, Math.log(1 + entries.length / (1 + df)) * Math.min(term.length, 4));
  }
  return rarity.get(term);
}

/* How much an entry holds of a term: 1.5 in its title, 1 and a little more per repeat in its
   text, half as much in the heading its clause stands under. */
function strength(entry, term) {
  const times = count(entry.text, term);
  return (entry.title.includes(term) ? 1.5 : 0) + (times ? 1 + 0.3 * Math.log(times) : 0) +
    (entry.section.includes(term) ? 0.5 : 0);
}

function search(query) {
  const wanted = parse(query);
  if (!wanted.length)
    return { items: [] };
  if (rarity.size > 5000)
    rarity.clear();
  for (const w of wanted)
    w.weight = w.pieces.reduce((sum, piece) => sum + weight(piece), 0);
  const total = wanted.reduce((sum, w) => sum + w.weight, 0);

  const scored = [];
  for (const entry of entries) {
    let score = 0, covered = 0;
    const matched = {};
    for (const w of wanted) {
      const whole = strength(entry, w.word);
      if (whole > 0) {  // the word as typed
        matched[w.word] = true;
        covered += w.weight;
        score += w.weight * whole;
        continue;
      }
      matched[w.word] = false;
      if (w.pieces.length < 2)
        continue;
      for (const piece of w.pieces) {  // its pieces, apart: worth less
        const part = strength(entry, piece);
        if (part > 0) {
          matched[piece] = true;
          covered += 0.8 * weight(piece);
          score += 0.8 * weight(piece) * part;
        }
      }
    }
    for (const w of wanted)
      if (!matched[w.word] && w.pieces.some(piece => matched[piece]))
        delete matched[w.word];  // shown as found in pieces, not as missing
    if (covered > 0) {
      /* A title that is little more than the query's words: the clause is about them. */
      const core = entry.title.replace(/^[第一二三四五六七八九十百0-9()、.章节条]+/, "")
        .replace(/[“”"'、，。,:：;；!！?？《》〈〉·]/g, "");
      const inTitle = Object.keys(matched).filter(term => matched[term] && core.includes(term))
        .reduce((sum, term) => sum + term.length, 0);
      const about = core.length ? Math.min(1, inTitle / core.length) : 0;
      scored.push({ entry, matched, score: score * (covered / total) ** 4 * entry.boost * (1 + 2 * about) });
    }
  }
  scored.sort((a, b) => b.score - a.score);

  /* Group by page, best group first; each group holds its page, as Material's list expects. */
  const groups = new Map();
  for (const hit of scored) {
    const items = groups.get(hit.entry.page) || [];
    items.push(hit);
    groups.set(hit.entry.page, items);
  }
  /* The page last in its group: Material shows it as the group's heading all the same, and
     folds only the sections scoring below the group's first item, so a page matching its
     header never hides its best clause. */
  const byLocation = new Map(entries.map(entry => [entry.doc.location, entry]));
  const items = [];
  for (const [page, hits] of groups) {
    const sections = hits.filter(hit => hit.entry.doc.location !== page);
    const article = hits.find(hit => hit.entry.doc.location === page) ||
      (byLocation.has(page) ? { entry: byLocation.get(page), matched: {}, score: 0 } : undefined);
    if (!article)
      continue;
    items.push([...sections, article].map(({ entry, matched, score }) => {
      const shown = Object.keys(matched).filter(term => matched[term]);
      const { alt, section, ...doc } = entry.doc;
      return {
        ...doc,
        title: highlight(doc.title, shown),
        text: highlight(doc.text, shown),
        score,
        terms: matched
      };
    }));
  }
  return { items };
}

addEventListener("message", ev => {
  const message = ev.data;
  if (message.type === SETUP) {
    setup(message.data.docs);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    let data = { items: [] };
    try {
      data = search(message.data);
    } catch (err) {
      console.warn(`Invalid query: ${message.data}`, err);
    }
    postMessage({ type: RESULT, data });
  }
});
