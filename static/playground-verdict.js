// @ts-check
// playground-verdict.js draws a verdict (engine.Verdict, typed in wasm/verdict.gen.d.ts) as the
// playground's panel, one small function per part. Every text that comes from a paste or a
// verdict goes in with textContent or as an attribute value, never as HTML; links are built
// only from site paths, and the API's own doc link only from an http or https URL, shown as
// itself. Elements carry data-v="field" so tests can read what a person sees.
//
// Facts that follow from the catalog are not worded here: the retry plan is the verdict's
// retry.plan (catalog.RetryPlan), and a status's reason phrase comes from reasons.gen.js
// (catalog.ReasonPhrases), so the panel says what the site and the CLI say.

import { statusText } from "./reasons.gen.js";

/**
 * @typedef {import("../wasm/errdocs.js").Verdict} Verdict
 * @typedef {import("../wasm/errdocs.js").Field} Field
 * @typedef {import("../wasm/errdocs.js").Problem} Problem
 * @typedef {import("../wasm/errdocs.js").Predicted} Predicted
 */

/**
 * RenderContext is what the panel needs besides the verdict.
 * @typedef {object} RenderContext
 * @property {string} base the site's base path, for links to the docs
 * @property {Record<string, string>} [apis] each API's name by id
 * @property {((line: number) => void) | null} [onLine] shows a line of the paste; none in the box
 * @property {(msg: string) => void} [say] tells a screen reader
 * @property {boolean} [compact] the "paste yours here" box's panel
 */

/**
 * el makes an element with a class and a text, both optional.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | null} [cls]
 * @param {string | null} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/**
 * inline puts text into parent, with `backticked` spans as <code>.
 * @template {HTMLElement} T
 * @param {T} parent
 * @param {string} text
 * @returns {T}
 */
function inline(parent, text) {
  const parts = String(text).split(/`([^`\n]+)`/);
  for (let i = 0; i < parts.length; i++) {
    if (i % 2) parent.appendChild(el("code", null, parts[i]));
    else if (parts[i]) parent.appendChild(document.createTextNode(parts[i]));
  }
  return parent;
}

/**
 * paragraphs puts text into parent as paragraphs, split at blank lines.
 * @template {HTMLElement} T
 * @param {T} parent
 * @param {string} text
 * @returns {T}
 */
function paragraphs(parent, text) {
  String(text).split(/\n\s*\n/).forEach((p) => {
    p = p.trim();
    if (p) parent.appendChild(inline(el("p"), p));
  });
  return parent;
}

/**
 * sitePath returns base + path for a site path such as "/plunk/errors/conflict/", or "" for
 * anything else (another host, a javascript: URL, a protocol-relative URL).
 * @param {string} base
 * @param {unknown} p
 */
function sitePath(base, p) {
  if (typeof p !== "string" || !/^\/(?!\/)[A-Za-z0-9\-._~%!$&'()*+,;=:@\/]*(#[A-Za-z0-9\-._~]*)?$/.test(p)) return "";
  return base.replace(/\/$/, "") + p;
}

/**
 * webURL returns u when it is an absolute http or https URL (the engine sends no other), else "".
 * @param {unknown} u
 */
function webURL(u) {
  return typeof u === "string" && /^https?:\/\/[^\s"<>]+$/i.test(u) ? u : "";
}

/**
 * copyText copies text to the clipboard and says how it went on the button.
 * @param {string} text
 * @param {HTMLElement} button
 * @param {((msg: string) => void) | undefined} say
 */
export function copyText(text, button, say) {
  /** @param {string} msg */
  function done(msg) {
    button.textContent = msg;
    if (say) say(msg);
    setTimeout(() => { button.textContent = "Copy"; }, 1500);
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(() => { done("Copied"); }, () => { done("Copy failed"); });
  } else {
    done("Copy failed");
  }
}

/** reloadButton reloads the page: the way out once the engine has given up. */
export function reloadButton() {
  const b = el("button", "pg-btn pg-primary pg-reload", "Reload");
  b.type = "button";
  b.addEventListener("click", () => { location.reload(); });
  return b;
}

/**
 * statusBadge is a status as a badge, coloured by its class: "422 Unprocessable Content".
 * @param {number} status
 * @param {string} key its data-v
 */
function statusBadge(status, key) {
  const b = el("span", "badge " + (status >= 500 ? "s5" : status >= 400 ? "s4" : "s2"), statusText(status));
  b.setAttribute("data-v", key);
  return b;
}

/**
 * copyButton is a small Copy button for text.
 * @param {string} text
 * @param {string} label its accessible name
 * @param {RenderContext} ctx
 */
function copyButton(text, label, ctx) {
  const b = el("button", "pg-btn pg-small", "Copy");
  b.type = "button";
  b.setAttribute("aria-label", label);
  b.addEventListener("click", () => { copyText(text, b, ctx.say); });
  return b;
}

/**
 * head is the status and the code, the code linked to its page when the catalog knows it;
 * null when the verdict has neither.
 * @param {Verdict} v
 * @param {RenderContext} ctx
 */
function head(v, ctx) {
  const h = el("div", "pg-v-head");
  if (v.status) h.appendChild(statusBadge(v.status, "status"));
  if (v.code) {
    const href = sitePath(ctx.base, v.docs);
    const code = el(href && v.known ? "a" : "span", "badge code", v.code);
    if (href && v.known) {
      code.setAttribute("href", href);
      code.setAttribute("title", "Read the docs for " + v.code);
    }
    code.setAttribute("data-v", "code");
    h.appendChild(code);
    if (!v.known) h.appendChild(el("span", "badge retry-maybe", "not in the catalog"));
  }
  return h.firstChild ? h : null;
}

/**
 * title is the verdict's title, or what the paste was when it has none.
 * @param {Verdict} v
 */
function title(v) {
  const t = el("h3", "pg-v-title", v.title || (v.input === "request" ? "A request" : "No error recognised"));
  t.setAttribute("data-v", "title");
  return t;
}

/**
 * facts are the API, the shape, the confidence, and the category, sub-code, the API's own doc
 * link, the operation and the message when known.
 * @param {Verdict} v
 * @param {RenderContext} ctx
 */
function facts(v, ctx) {
  const dl = el("dl", "pg-facts");
  /**
   * @param {string} name
   * @param {string} value
   * @param {string} key
   */
  function fact(name, value, key) {
    dl.appendChild(el("dt", null, name));
    const dd = el("dd", null, value);
    dd.setAttribute("data-v", key);
    dl.appendChild(dd);
  }
  fact("API", v.api ? (ctx.apis && ctx.apis[v.api]) || v.api : "Not recognised", "api");
  fact("Shape", v.dialect || "none", "dialect");
  fact("Confidence", v.confidence, "confidence");
  if (v.category) fact("Category", v.category, "category");
  if (v.sub_code) fact("Sub-code", v.sub_code, "sub-code");
  const href = webURL(v.doc_url);
  if (href) {
    dl.appendChild(el("dt", null, "API's docs"));
    const a = el("a", null, href);
    a.href = href;
    a.rel = "noopener noreferrer nofollow";
    const dd = el("dd");
    dd.setAttribute("data-v", "doc-url");
    dd.appendChild(a);
    dl.appendChild(dd);
  }
  if (v.operation) fact("Operation", v.operation, "operation");
  if (v.message) fact("Message", v.message, "message");
  return dl;
}

/**
 * section is a titled part of the panel around node, which gets data-v=key.
 * @param {string} name
 * @param {HTMLElement} node
 * @param {string} key
 */
function section(name, node, key) {
  const s = el("section", "pg-v-sec");
  s.appendChild(el("h4", null, name));
  node.setAttribute("data-v", key);
  s.appendChild(node);
  return s;
}

/**
 * fixSteps are the steps to fix it, in order.
 * @param {string[]} fix
 */
function fixSteps(fix) {
  const ol = el("ol");
  fix.forEach((f) => { ol.appendChild(inline(el("li"), f)); });
  return ol;
}

/**
 * retry is the retry advice: the engine's plan (catalog.RetryPlan's words) and its detail.
 * @param {Verdict["retry"]} r
 */
function retry(r) {
  const rd = el("div", "pg-retry");
  const plan = el("p", "schedule " + (r.retryable ? "retry-yes" : "retry-no"), r.plan);
  plan.setAttribute("data-v", "retry-plan");
  rd.appendChild(plan);
  if (r.detail) {
    const det = inline(el("p"), r.detail);
    det.setAttribute("data-v", "retry-detail");
    rd.appendChild(det);
  }
  return rd;
}

/**
 * predicted is the answer the API would send to a pasted request: status, code and body.
 * @param {Predicted} p
 */
function predicted(p) {
  const pd = el("div", "pg-predicted");
  const ph = el("p", "pg-v-head");
  ph.appendChild(statusBadge(p.status, "predicted-status"));
  if (p.code) {
    const pc = el("span", "badge code", p.code);
    pc.setAttribute("data-v", "predicted-code");
    ph.appendChild(pc);
  }
  pd.appendChild(ph);
  if (p.text) pd.appendChild(pre(p.text, "predicted-text"));
  return pd;
}

/**
 * pre is text as a code block whose <code> gets data-v=key.
 * @param {string} text
 * @param {string} key
 */
function pre(text, key) {
  const b = el("pre", "pg-pre");
  const code = el("code", null, text);
  code.setAttribute("data-v", key);
  b.appendChild(code);
  return b;
}

/**
 * fixedRequest is the pasted request with its mechanical fixes made, and a Copy button.
 * @param {string} text
 * @param {RenderContext} ctx
 */
function fixedRequest(text, ctx) {
  const fx = el("div", "pg-fixed");
  fx.appendChild(pre(text, "fixed-request"));
  fx.appendChild(copyButton(text, "Copy the fixed request", ctx));
  return fx;
}

/**
 * requestID is the id to quote to support, and a Copy button.
 * @param {string} id
 * @param {RenderContext} ctx
 */
function requestID(id, ctx) {
  const rp = el("p", "pg-rid");
  const rid = el("code", null, id);
  rid.setAttribute("data-v", "request_id");
  rp.appendChild(rid);
  rp.appendChild(copyButton(id, "Copy the request id", ctx));
  return rp;
}

/**
 * fieldList lists the field-level issues; on the playground each one with a line is a button
 * that shows that line of the paste.
 * @param {Field[]} fields
 * @param {RenderContext} ctx
 */
function fieldList(fields, ctx) {
  const ul = el("ul", "pg-fields");
  fields.forEach((f) => {
    const li = el("li");
    const onLine = ctx.onLine;
    const line = f.line > 0 && onLine ? f.line : 0;
    const b = el(line ? "button" : "span", "pg-field");
    if (f.line > 0) b.setAttribute("data-line", String(f.line));
    if (line && onLine && b instanceof HTMLButtonElement) {
      b.type = "button";
      b.setAttribute("aria-label", (f.path || "body") + ": " + f.message + ". Show line " + f.line + " in the paste");
      b.addEventListener("click", () => { onLine(f.line); });
    }
    const path = el("code", "pg-path", f.path || "(body)");
    path.setAttribute("data-v", "field-path");
    b.appendChild(path);
    const msg = el("span", "pg-fmsg", f.message);
    msg.setAttribute("data-v", "field-message");
    b.appendChild(msg);
    if (f.code) b.appendChild(el("span", "pg-fcode", f.code));
    if (f.line > 0) b.appendChild(el("span", "pg-fline", "line " + f.line));
    li.appendChild(b);
    if (f.hint) {
      const h = inline(el("p", "pg-hint"), f.hint);
      h.setAttribute("data-v", "field-hint");
      li.appendChild(h);
    }
    ul.appendChild(li);
  });
  return ul;
}

/**
 * problemList lists the problems, each with its severity and, on the playground, a button
 * that shows its line.
 * @param {Problem[]} problems
 * @param {RenderContext} ctx
 */
function problemList(problems, ctx) {
  const pl = el("ul", "pg-problems");
  problems.forEach((p) => {
    const li = el("li", "sev-" + (/^(error|warning|info)$/.test(p.severity) ? p.severity : "info"));
    li.appendChild(el("span", "pg-sev", p.severity));
    const m = inline(el("span", "pg-pmsg"), p.message);
    m.setAttribute("data-v", "problem");
    li.appendChild(m);
    const onLine = ctx.onLine;
    if (p.line > 0 && onLine) {
      const go = el("button", "pg-btn pg-small", "line " + p.line + (p.column > 0 ? ":" + p.column : ""));
      go.type = "button";
      go.setAttribute("aria-label", "Show line " + p.line + " in the paste");
      go.addEventListener("click", () => { onLine(p.line); });
      li.appendChild(go);
    } else if (p.line > 0) {
      li.appendChild(el("span", "pg-fline", "line " + p.line));
    }
    pl.appendChild(li);
  });
  return pl;
}

/**
 * docsLink links to the code's page, or the API's; null when the verdict names no site path.
 * @param {Verdict} v
 * @param {RenderContext} ctx
 */
function docsLink(v, ctx) {
  const docs = sitePath(ctx.base, v.docs);
  if (!docs) return null;
  const dp = el("p", "pg-docs");
  const a = el("a", null, v.code && v.known ? "Read the page for " + v.code : "Read the docs");
  a.setAttribute("href", docs);
  a.setAttribute("data-v", "docs");
  dp.appendChild(a);
  return dp;
}

/**
 * renderVerdict draws v into out, replacing what out held.
 * @param {HTMLElement} out
 * @param {Verdict} v
 * @param {RenderContext} ctx
 */
export function renderVerdict(out, v, ctx) {
  const box = el("div", "pg-v");
  const h = head(v, ctx);
  if (h) box.appendChild(h);
  box.appendChild(title(v));
  box.appendChild(facts(v, ctx));
  if (v.meaning) box.appendChild(section("What it means", paragraphs(el("div"), v.meaning), "meaning"));
  if (v.cause) box.appendChild(section("Likely cause", inline(el("p"), v.cause), "cause"));
  if (v.fix && v.fix.length) box.appendChild(section("How to fix", fixSteps(v.fix), "fix"));
  if (v.input === "response" || (v.retry && v.retry.detail)) box.appendChild(section("Retry", retry(v.retry), "retry"));
  if (v.predicted) box.appendChild(section("What the API would answer", predicted(v.predicted), "predicted"));
  if (v.fixed_request) box.appendChild(section("The request, fixed", fixedRequest(v.fixed_request, ctx), "fixed"));
  if (v.request_id) box.appendChild(section("Request id (quote it to support)", requestID(v.request_id, ctx), "request"));
  if (v.fields && v.fields.length) box.appendChild(section("Fields", fieldList(v.fields, ctx), "fields"));
  if (v.problems && v.problems.length) box.appendChild(section("Problems", problemList(v.problems, ctx), "problems"));
  const d = docsLink(v, ctx);
  if (d) box.appendChild(d);
  out.textContent = "";
  out.appendChild(box);
}
