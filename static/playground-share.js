// @ts-check
// playground-share.js: share links. A link carries engine.ShareState (engine/share.go, typed in
// wasm/verdict.gen.d.ts) as JSON, compressed with raw DEFLATE and base64url-encoded, after
// "#share=" in the playground's URL: browsers never send that part to a server.

import { MAX_PASTE, formatBytes } from "./playground-common.js";

/** @typedef {import("../wasm/errdocs.js").ShareState} ShareState */

/**
 * Opened is a share link, read: a paste link's masked paste and what was masked, or a
 * verdict-only link's engine.Share as JSON, for the engine to rebuild the verdict from.
 * @typedef {object} Opened
 * @property {"paste" | "verdict"} mode
 * @property {string} paste
 * @property {string} share
 * @property {string[]} masked
 */

/** @param {Uint8Array} bytes */
function b64url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    // apply takes any array-like; a typed array spares a copy.
    s += String.fromCharCode.apply(null, /** @type {number[]} */ (/** @type {unknown} */ (bytes.subarray(i, i + 0x8000))));
  }
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} s */
function unb64url(s) {
  s = s.replace(/-/g, "+").replace(/_/g, "/");
  while (s.length % 4) s += "=";
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @param {CompressionStream | DecompressionStream} stream
 */
function pipe(bytes, stream) {
  return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then((b) => new Uint8Array(b));
}

/**
 * encodeShare makes the fragment that follows "#share=" for a state.
 * @param {ShareState} state
 * @returns {Promise<string>}
 */
export function encodeShare(state) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return pipe(json, new CompressionStream("deflate-raw")).then(b64url);
}

/**
 * inflateCapped inflates a link's bytes as a stream and gives up as soon as the output passes
 * max bytes: a small link that inflates to a gigabyte is refused at once, not after the page
 * has frozen.
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @param {number} max
 * @returns {Promise<Uint8Array>}
 */
function inflateCapped(bytes, max) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  /** @type {Uint8Array[]} */
  const parts = [];
  let total = 0;
  /** @returns {Promise<Uint8Array>} */
  function next() {
    return reader.read().then((r) => {
      if (r.done) {
        const out = new Uint8Array(total);
        let at = 0;
        parts.forEach((p) => { out.set(p, at); at += p.length; });
        return out;
      }
      total += r.value.length;
      if (total > max) {
        reader.cancel().catch(() => {});
        throw new Error("it holds more than the largest paste errdocs reads (" + formatBytes(max) + ")");
      }
      parts.push(r.value);
      return next();
    });
  }
  return next().catch((e) => {
    if (/holds more than/.test(e.message)) throw e;
    throw new Error("the link is damaged (it does not inflate)");
  });
}

/**
 * decodeShare reads a "#share=" fragment: the format is engine.ShareState (engine/share.go).
 * A verdict-only link holds engine.Share, which the engine turns back into a verdict from the
 * catalog; a paste link holds the paste with its secrets masked.
 * @param {string} frag
 * @returns {Promise<Opened>}
 */
export function decodeShare(frag) {
  /** @type {Uint8Array<ArrayBuffer>} */
  let bytes;
  try {
    bytes = unb64url(frag);
  } catch (e) {
    return Promise.reject(new Error("the link is damaged (it is not base64url)"));
  }
  // Room for the largest paste, JSON-escaped, and the list of what was masked.
  return inflateCapped(bytes, 2 * MAX_PASTE + 65536).then((raw) => {
    /** @type {any} what the link holds is not trusted: every member is checked below */
    let x;
    try {
      x = JSON.parse(new TextDecoder().decode(raw));
    } catch (e) {
      throw new Error("the link is damaged (its content is not JSON)");
    }
    if (!x || typeof x !== "object") throw new Error("the link is damaged");
    if (x.v === 1) throw new Error("it was made by an older errdocs; ask for a new link");
    if (x.v !== 2 || (x.mode !== "paste" && x.mode !== "verdict")) throw new Error("unknown link format");
    /** @type {Opened} */
    const st = { mode: x.mode, paste: "", share: "", masked: [] };
    if (x.mode === "paste") {
      if (typeof x.paste !== "string" || x.paste.length > MAX_PASTE) throw new Error("the link holds no paste");
      st.paste = x.paste;
      if (Array.isArray(x.masked)) {
        st.masked = x.masked.filter((/** @type {unknown} */ m) => typeof m === "string").slice(0, 100);
      }
    } else {
      if (!x.verdict || typeof x.verdict !== "object") throw new Error("the link holds no verdict");
      st.share = JSON.stringify(x.verdict);
    }
    return st;
  });
}
