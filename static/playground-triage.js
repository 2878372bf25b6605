// @ts-check
// playground-triage.js: the report of a paste of many exchanges (a HAR file, a log, several
// transcripts; the verdict's exchanges, from package engine/triage). It draws a summary, the
// groups of failures as a table (most frequent first) whose rows show a group's verdict, and a
// timeline of the exchanges over time as an inline SVG: one bar per stretch of time, stacked by
// status class, each bar focusable with a label that says what it holds, and the same data as a
// table for screen readers and keyboards.
//
// It also opens a dropped or picked file in the worker (readInWorker): the worker reads the file
// in slices and posts its progress, so a 50 MB HAR never blocks the page.

import { formatBytes } from "./playground-common.js";
import { el, renderVerdict } from "./playground-verdict.js";

/**
 * @typedef {import("../wasm/errdocs.js").Verdict} Verdict
 * @typedef {import("../wasm/errdocs.js").Exchanges} Exchanges
 * @typedef {import("../wasm/errdocs.js").Group} Group
 * @typedef {import("../wasm/errdocs.js").Point} Point
 * @typedef {import("../wasm/errdocs.js").Answer} Answer
 * @typedef {import("./playground-verdict.js").RenderContext} RenderContext
 * @typedef {import("./playground-engine.js").Engine} Engine
 */

/** MAX_FILE is the largest file the worker reads: engine/triage's MaxInput. */
export const MAX_FILE = 256 << 20;

const SVG = "http://www.w3.org/2000/svg";
const BARS = 40; // at most this many bars
const W = 640, H = 120, PAD = 4;

/**
 * statusClass is a status's class for colour and labels: "2xx", "3xx", "4xx", "5xx" or "none".
 * @param {number} s
 */
export function statusClass(s) {
  return s >= 200 && s < 600 ? Math.floor(s / 100) + "xx" : "none";
}

const CLASSES = ["5xx", "4xx", "none", "3xx", "2xx"]; // stacked bottom to top

/**
 * bins cuts the timeline into at most BARS stretches: of time when every exchange has one,
 * else of the paste's order.
 * @param {Point[]} points
 * @returns {{label: string, points: Point[]}[]}
 */
export function bins(points) {
  const times = points.map((p) => (p.at ? Date.parse(p.at) : NaN));
  const timed = times.every((t) => !isNaN(t));
  const key = timed ? times : points.map((_, i) => i);
  const lo = Math.min(...key), hi = Math.max(...key);
  const n = Math.max(1, Math.min(BARS, points.length));
  const step = (hi - lo) / n || 1;
  /** @type {{label: string, points: Point[]}[]} */
  const out = [];
  for (let i = 0; i < n; i++) {
    const a = lo + i * step, b = lo + (i + 1) * step;
    out.push({ label: timed ? span(a, b) : "exchanges " + (Math.floor(a) + 1) + "–" + Math.max(Math.floor(a) + 1, Math.ceil(b)), points: [] });
  }
  points.forEach((p, i) => {
    out[Math.min(n - 1, Math.floor((key[i] - lo) / step))].points.push(p);
  });
  return out;
}

/**
 * span words a stretch of time as "10:00:01.250–10:00:02.500" (UTC, as the verdict's times).
 * @param {number} a
 * @param {number} b
 */
function span(a, b) {
  const t = (/** @type {number} */ x) => new Date(x).toISOString().slice(11, 23);
  return t(a) + "–" + t(b) + " UTC";
}

/**
 * describe words what a bar holds: how many exchanges, how many of each status.
 * @param {Point[]} pts
 */
function describe(pts) {
  /** @type {Record<string, number>} */
  const by = {};
  pts.forEach((p) => {
    const k = p.status ? String(p.status) : "no response";
    by[k] = (by[k] || 0) + 1;
  });
  const parts = Object.keys(by).sort().map((k) => by[k] + " × " + k);
  const failed = pts.filter((p) => p.group >= 0).length;
  return pts.length + (pts.length === 1 ? " exchange" : " exchanges") + ", " + failed + " failed" + (parts.length ? ": " + parts.join(", ") : "");
}

/**
 * timeline draws the exchanges over time as an SVG bar chart, with a table of the same data.
 * onPick receives the group of the first failure in a bar the reader activates.
 * @param {Exchanges} x
 * @param {(group: number) => void} onPick
 */
export function timeline(x, onPick) {
  const wrap = el("figure", "pg-timeline");
  const cap = el("figcaption", "pg-label", "Timeline: " + x.total + " exchanges, coloured by status");
  cap.id = "pg-timeline-title";
  wrap.appendChild(cap);
  const bs = bins(x.timeline);
  const most = Math.max(1, ...bs.map((b) => b.points.length));
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-labelledby", "pg-timeline-title");
  svg.setAttribute("class", "pg-chart");
  const bw = (W - 2 * PAD) / bs.length;
  bs.forEach((b, i) => {
    const g = document.createElementNS(SVG, "g");
    g.setAttribute("class", "pg-bar");
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("data-bar", String(i));
    const label = b.label + ": " + describe(b.points);
    g.setAttribute("aria-label", label);
    const title = document.createElementNS(SVG, "title");
    title.textContent = label;
    g.appendChild(title);
    let y = H - PAD;
    CLASSES.forEach((c) => {
      const n = b.points.filter((p) => statusClass(p.status) === c).length;
      if (!n) return;
      const h = ((H - 2 * PAD) * n) / most;
      const r = document.createElementNS(SVG, "rect");
      r.setAttribute("x", (PAD + i * bw + 1).toFixed(1));
      r.setAttribute("width", Math.max(1, bw - 2).toFixed(1));
      r.setAttribute("y", (y - h).toFixed(1));
      r.setAttribute("height", h.toFixed(1));
      r.setAttribute("class", "st-" + c);
      g.appendChild(r);
      y -= h;
    });
    const pick = () => {
      const f = b.points.find((p) => p.group >= 0);
      if (f) onPick(f.group);
    };
    g.addEventListener("click", pick);
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        pick();
      }
    });
    svg.appendChild(g);
  });
  wrap.appendChild(svg);
  const legend = el("p", "pg-legend");
  [["2xx", "2xx"], ["3xx", "3xx"], ["4xx", "4xx"], ["5xx", "5xx"], ["none", "no response"]].forEach(([c, name]) => {
    const s = el("span", "pg-key");
    s.appendChild(el("span", "pg-swatch st-" + c));
    s.appendChild(document.createTextNode(" " + name));
    legend.appendChild(s);
  });
  wrap.appendChild(legend);
  const details = el("details", "pg-timeline-table");
  details.appendChild(el("summary", null, "The timeline as a table"));
  const t = el("table");
  const hr = el("tr");
  ["When", "Exchanges"].forEach((h) => hr.appendChild(el("th", null, h)));
  t.appendChild(el("thead")).appendChild(hr);
  const body = el("tbody");
  bs.forEach((b) => {
    if (!b.points.length) return;
    const tr = el("tr");
    tr.appendChild(el("td", null, b.label));
    tr.appendChild(el("td", null, describe(b.points)));
    body.appendChild(tr);
  });
  t.appendChild(body);
  details.appendChild(t);
  wrap.appendChild(details);
  return wrap;
}

/**
 * renderTriage draws the report of a verdict with exchanges into out: the summary, the groups'
 * table, the timeline, and the verdict of the group picked (the first at the start).
 * @param {HTMLElement} out
 * @param {Verdict} v
 * @param {RenderContext} ctx
 */
export function renderTriage(out, v, ctx) {
  const x = /** @type {Exchanges} */ (v.exchanges);
  const box = el("div", "pg-triage");
  box.appendChild(el("p", "pg-summary", x.total + " exchanges, " + x.failed + " failed, in " + x.groups.length + (x.groups.length === 1 ? " group" : " groups") + "."));
  const detail = el("div", "pg-group-verdict");
  detail.setAttribute("tabindex", "-1");
  /** @type {HTMLElement[]} */
  const rows = [];
  /** @param {number} i */
  const pick = (i) => {
    const g = x.groups[i];
    if (!g) return;
    rows.forEach((r, j) => r.setAttribute("aria-selected", String(i === j)));
    out.setAttribute("data-group", String(i));
    const h = el("h3", "pg-label", "Group " + (i + 1) + ": " + groupName(g) + " (" + g.count + "×)");
    detail.textContent = "";
    detail.appendChild(h);
    const inner = el("div");
    detail.appendChild(inner);
    if (g.verdict) renderVerdict(inner, g.verdict, ctx);
  };
  if (x.groups.length) {
    const t = el("table", "pg-groups");
    t.appendChild(el("caption", null, "Failures by API, operation, status and code; pick one for its verdict"));
    const hr = el("tr");
    ["Count", "Status", "Code", "API", "Operation", "When", "Lines"].forEach((h) => hr.appendChild(el("th", null, h)));
    t.appendChild(el("thead")).appendChild(hr);
    const body = el("tbody");
    x.groups.forEach((g, i) => {
      const tr = el("tr");
      tr.setAttribute("data-group", String(i));
      tr.setAttribute("aria-selected", "false");
      const c = el("td");
      const b = el("button", "pg-link", String(g.count));
      b.setAttribute("type", "button");
      b.setAttribute("aria-label", "Show the verdict of " + groupName(g) + ", " + g.count + "×");
      b.addEventListener("click", () => { pick(i); detail.focus(); });
      c.appendChild(b);
      tr.appendChild(c);
      const st = el("td", "st-text-" + statusClass(g.status), g.status ? String(g.status) : "none");
      tr.appendChild(st);
      [g.code || "—", g.api || "unknown", g.operation || "—", when(g), lines(g.lines)].forEach((s) => tr.appendChild(el("td", null, s)));
      tr.addEventListener("click", (e) => {
        if (e.target !== b) pick(i);
      });
      rows.push(tr);
      body.appendChild(tr);
    });
    t.appendChild(body);
    const scroll = el("div", "pg-groups-wrap");
    scroll.appendChild(t);
    box.appendChild(scroll);
  }
  box.appendChild(timeline(x, (i) => { pick(i); detail.focus(); }));
  box.appendChild(detail);
  out.textContent = "";
  out.appendChild(box);
  if (x.groups.length) {
    pick(0);
  } else {
    renderVerdict(detail, v, ctx);
  }
}

/** @param {Group} g */
function groupName(g) {
  return [g.status ? String(g.status) : "no response", g.code, g.operation].filter(Boolean).join(" ");
}

/**
 * when words a group's first and last times, "2026-12-04 10:00:01Z" or a span of them.
 * @param {Group} g
 */
function when(g) {
  const c = (/** @type {string} */ at) => at.replace("T", " ").replace(/\.\d+Z$/, "Z");
  if (!g.first) return "—";
  return g.last && g.last !== g.first ? c(g.first) + " – " + c(g.last).slice(11) : c(g.first);
}

/** @param {number[]} ls */
function lines(ls) {
  return ls.length > 8 ? ls.slice(0, 8).join(", ") + " … (" + ls.length + ")" : ls.join(", ");
}

/**
 * readInWorker has the worker read a dropped or picked file and explain it, reporting the
 * progress of the reading through onProgress (bytes read of total) and resolving with the
 * worker's answer, whose text holds the file's text, masked.
 * @param {Engine} engine
 * @param {File} f
 * @param {(msg: string) => void} onProgress
 * @returns {Promise<Answer>}
 */
export function readInWorker(engine, f, onProgress) {
  if (f.size > MAX_FILE) return Promise.resolve({ error: "the file is " + formatBytes(f.size) + "; errdocs reads at most " + formatBytes(MAX_FILE) });
  return engine.requestFile(f, (loaded, total, phase) => {
    onProgress(phase === "explain"
      ? "Explaining " + f.name + " (" + formatBytes(total) + ")…"
      : "Reading " + f.name + ": " + formatBytes(loaded) + " of " + formatBytes(total) + " (" + Math.round((100 * loaded) / Math.max(1, total)) + "%)…");
  });
}
