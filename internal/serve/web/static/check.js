// Check: paste a text or give a URL, and see its claims and flags at once,
// the text with the quotes marked. Nothing is stored. The address may
// carry text, url, published and source (a bookmarklet's "check this
// page"): the form is filled from them and checked at once.
import { h, api, link, token, words, countText, fieldList, highlighted, errorBox } from "./lib.js";
import { spans } from "./article.js";

export async function checkPage(main, _args, params) {
  const text = h("textarea", { id: "c-text", name: "text", rows: 10, placeholder: "Paste an article: headline on the first line if you like." });
  const url = h("input", { id: "c-url", name: "url", type: "url", placeholder: "https://…" });
  const published = h("input", { id: "c-published", name: "published", type: "date" });
  const source = h("input", { id: "c-source", name: "source", type: "text", placeholder: "outlet" });
  const keep = h("input", { id: "c-store", name: "store", type: "checkbox" });
  const out = h("div", { id: "check-result", "aria-live": "polite" });
  const button = h("button", { type: "submit" }, "Check");
  text.value = params.get("text") || "";
  url.value = params.get("url") || "";
  published.value = params.get("published") || "";
  source.value = params.get("source") || "";
  main.append(h("h1", {}, "Check an article"),
    h("form", {
      class: "check", onsubmit: async (ev) => {
        ev.preventDefault();
        const body = {};
        if (url.value.trim()) body.url = url.value.trim();
        else body.text = text.value;
        if (published.value) body.published = published.value;
        if (source.value.trim()) body.source = source.value.trim();
        if (keep.checked) {
          if (!token()) {
            out.replaceChildren(h("p", { class: "error", role: "alert" }, "Keeping it needs a token: set one on the ", link("/review", "review page"), "."));
            return;
          }
          body.store = true;
        }
        if (!body.url && !body.text.trim()) {
          out.replaceChildren(h("p", { class: "error", role: "alert" }, "Paste a text or give a URL."));
          return;
        }
        button.disabled = true;
        out.replaceChildren(h("p", { class: "note", role: "status" }, "Checking…"));
        try {
          out.replaceChildren(result(await api("/check", { method: "POST", body }), body.text));
        } catch (err) {
          out.replaceChildren(errorBox(err));
        } finally {
          button.disabled = false;
        }
      },
    },
    h("div", { class: "wide" }, h("label", { for: "c-text" }, "Text"), text),
    h("div", {}, h("label", { for: "c-url" }, "or URL"), url),
    h("div", {}, h("label", { for: "c-published" }, "Published"), published),
    h("div", {}, h("label", { for: "c-source" }, "Source"), source),
    h("div", {}, keep, " ", h("label", { for: "c-store", class: "inline" }, "Keep it in the store (needs a token)")),
    h("div", {}, button)),
    out);
  if (text.value.trim() || url.value.trim()) button.click();
  else text.focus();
}

function result(res, sent) {
  const doc = res.document || {};
  const body = typeof doc.text === "string" ? doc.text : sent || "";
  const marked = spans(body, res.claims, "body");
  const mark = (s, t) => h("mark", { class: "q", tabindex: "0", dataset: { kind: s.claim.kind }, title: `${s.claim.id}: ${words(s.claim.kind)} ${countText(s.claim)}` }, t);
  const stored = res.stored ? h("p", { role: "status" }, res.stored.new ? "Stored as " : "Already stored as ",
    link(`/documents/${res.stored.id}`, `document ${res.stored.id}`), ".") : "";
  return h("section", { "aria-label": "Result" },
    h("h2", {}, `${res.claims.length} claim${res.claims.length === 1 ? "" : "s"}`, doc.published ? ` · published ${doc.published}` : ""),
    stored,
    res.flags.length ? h("ul", { class: "flags" }, res.flags.map((f) => h("li", { class: "flag" }, h("strong", {}, words(f.kind)), ": ", f.message))) : "",
    h("div", { class: "article-layout" },
      h("div", { class: "text" }, h("p", {}, highlighted(body, marked, mark))),
      h("ol", { class: "claims" }, res.claims.map((c) => h("li", { class: "claim card", dataset: { kind: c.kind } },
        h("h3", {}, c.id, " ", h("span", { class: "kind" }, words(c.kind)), " ", countText(c)),
        h("blockquote", {}, c.quote.text), fieldList(c))))));
}
