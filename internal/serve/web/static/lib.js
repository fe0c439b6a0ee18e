// Helpers every page uses: building DOM from data (always as text, never
// as markup: document text is untrusted), calling the API, the token for
// writes, and claims' words.

// h makes an element: attrs are properties or attributes (on* are event
// listeners), children are nodes or strings (set as text).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// link is an <a> to a page of the application.
export function link(href, ...children) {
  return h("a", { href }, ...children);
}

// safeURL is an http(s) URL from a document, else null: a javascript: or
// data: URL must not become a link.
export function safeURL(u) {
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export class APIError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// api calls the JSON API; body, when given, is sent as JSON. Writes carry
// the token when one is set.
export async function api(path, { method = "GET", body, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const tok = token();
  if (method !== "GET" && tok) headers.Authorization = "Bearer " + tok;
  const res = await fetch("/api/v1" + path, {
    method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try {
    data = await res.json();
  } catch {
    // An empty or non-JSON body: the status says what happened.
  }
  if (!res.ok) {
    const e = data && data.error;
    throw new APIError(res.status, e ? e.code : "http_" + res.status, e ? e.message : res.statusText);
  }
  return data;
}

// query makes "?a=1&b=2" of the set values of obj.
export function query(obj) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || v === "") continue;
    q.set(k, v);
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

// The token lives in the tab's session storage: writes need it, reads do
// not, and closing the tab forgets it.
const tokenKey = "tally.token";
export function token() {
  try {
    return sessionStorage.getItem(tokenKey) || "";
  } catch {
    return "";
  }
}
export function setToken(t) {
  try {
    if (t) sessionStorage.setItem(tokenKey, t);
    else sessionStorage.removeItem(tokenKey);
  } catch {
    // Storage refused (private mode): the token lasts this page only.
  }
}

// tokenForm lets the reader give the token writes need.
export function tokenForm(onChange) {
  const input = h("input", { id: "token", type: "password", autocomplete: "off", value: token(), placeholder: "tally_…" });
  const status = h("span", { class: "note", role: "status" }, token() ? "A token is set for this tab." : "");
  return h("form", {
    class: "token", onsubmit: (ev) => {
      ev.preventDefault();
      setToken(input.value.trim());
      status.textContent = token() ? "A token is set for this tab." : "No token: reviews cannot be saved.";
      if (onChange) onChange();
    },
  },
  h("label", { for: "token" }, "Token for writes"), " ", input, " ", h("button", { type: "submit" }, "Use"), " ", status,
  h("p", { class: "note" }, "Create one with ", h("code", {}, "tally token create NAME"), "; it names you in the review log."));
}

// The claim model's words, as people read them.
export const kindColours = {
  killed: "#b2182b", injured: "#ef8a62", casualties: "#d6604d", missing: "#7b3294",
  displaced: "#2166ac", returned: "#1b7837", service: "#666666",
};
export const kinds = Object.keys(kindColours);
export const victimsAll = ["civilians", "children", "women", "combatants", "security_forces", "people"];
export const causes = ["mine", "airstrike", "shelling", "barrel_bomb", "chemical", "suicide_bombing", "car_bomb",
  "explosion", "gunfire", "execution", "clashes", "siege", "unknown"];

export function words(s) {
  return String(s || "").replaceAll("_", " ");
}

// countText is a claim's figure as written, with the interval it allows.
export function countText(c) {
  if (c.service) return `${c.service.name}: ${words(c.service.status)}`;
  if (!c.count) return "";
  const { low, high, text } = c.count;
  const range = high === null || high === undefined ? `${low} or more` : low === high ? `${low}` : `${low}–${high}`;
  return text === range ? text : `${text} (${range})`;
}

export function periodText(p) {
  if (!p || !p.start) return "";
  return p.start === p.end || !p.end ? p.start : `${p.start} to ${p.end}`;
}

export function placeText(p) {
  if (!p) return "";
  if (!p.name) return p.text;
  return [p.name, p.admin1, p.country].filter(Boolean).join(", ");
}

export function sourceText(s) {
  if (!s) return "";
  return s.type && s.type !== "unknown" ? `${s.name} (${s.type})` : s.name;
}

// claimFields are a claim's fields as label and value pairs, the empty
// ones left out.
export function claimFields(c) {
  return [
    ["Kind", words(c.kind)],
    ["Figure", countText(c)],
    ["Rate", c.rate ? "per " + c.rate : ""],
    ["When", periodText(c.period)],
    ["Victims", [words(c.victims), c.victims_text && c.victims_text !== c.victims ? `“${c.victims_text}”` : ""].filter(Boolean).join(" ")],
    ["Cause", words(c.cause)],
    ["Actor", c.actor ? c.actor.name || c.actor.text : ""],
    ["Place", placeText(c.place)],
    ["Source", sourceText(c.source)],
    ["Hypothetical", c.hypothetical ? "yes: the text only supposes it" : ""],
    ["Review", c.review ? `${c.review.decision} by ${c.review.reviewer}${c.review.reason ? ": " + c.review.reason : ""}` : ""],
  ].filter(([, v]) => v);
}

export function fieldList(c) {
  return h("dl", { class: "fields" }, claimFields(c).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

// byteIndex maps byte offsets of text's UTF-8 form to string indices:
// the API's offsets count bytes, JavaScript's strings UTF-16 units.
export function byteIndex(text) {
  const enc = new TextEncoder();
  const map = new Map();
  let bytes = 0;
  let i = 0;
  for (const ch of text) {
    map.set(bytes, i);
    bytes += enc.encode(ch).length;
    i += ch.length;
  }
  map.set(bytes, i);
  return (b) => map.get(b);
}

// highlighted is text with the given spans marked, each mark made by
// mark(span, textOfSpan). Spans are {start, end} in string indices;
// overlapping spans are nested as far as they nest and otherwise cut.
export function highlighted(text, spans, mark) {
  const sorted = spans.filter((s) => s.start < s.end).sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue; // inside an earlier mark: its claim is listed, not marked twice
    out.push(text.slice(at, s.start));
    out.push(mark(s, text.slice(s.start, s.end)));
    at = s.end;
  }
  out.push(text.slice(at));
  return out;
}

// errorBox says what went wrong in words, for a page or a part of one.
export function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, err instanceof APIError ? `${err.message} (${err.code})` : String(err.message || err));
}

// debounce calls f once calls stop for ms.
export function debounce(f, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => f(...args), ms);
  };
}
