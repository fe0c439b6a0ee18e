// Documents: the list with search, and one article with every claim's
// quote marked in its text (focus or hover shows the claim's fields), the
// flags on top, and each claim's verdict and incident.
import { h, api, query, link, safeURL, words, countText, periodText, placeText, sourceText, fieldList, byteIndex, highlighted, errorBox } from "./lib.js";

export async function documentsPage(main, _args, params, stale) {
  const q = params.get("q") || "";
  const group = params.get("group") || "";
  const input = h("input", { id: "d-q", name: "q", type: "search", value: q, placeholder: "words in the text" });
  main.append(h("h1", {}, group ? `Documents of report group ${group}` : "Documents"),
    h("form", {
      class: "filters", role: "search", onsubmit: (ev) => {
        ev.preventDefault();
        window.tallyNavigate("/documents" + query({ q: input.value.trim() }));
      },
    }, h("div", {}, h("label", { for: "d-q" }, "Search"), input), h("div", {}, h("button", { type: "submit" }, "Search"))));
  const list = h("ul", { class: "docs" });
  const more = h("button", { type: "button", hidden: true }, "More");
  const status = h("p", { class: "note", role: "status" }, "Loading…");
  main.append(status, list, more);
  let cursor = null;
  const load = async () => {
    try {
      const page = await api("/documents" + query({ q, group, limit: 50, cursor }));
      if (stale()) return;
      for (const d of page.items) list.append(docItem(d));
      cursor = page.next;
      more.hidden = !cursor;
      status.textContent = list.children.length === 0 ? "No documents." : `${list.children.length}${cursor ? "+" : ""} documents.`;
    } catch (err) {
      status.replaceWith(errorBox(err));
    }
  };
  more.addEventListener("click", load);
  await load();
}

function docItem(d) {
  return h("li", {}, link(`/documents/${d.id}`, titleOf(d)),
    h("span", { class: "note" }, " ", [d.published, d.source, d.primary_place && placeText(d.primary_place), `${d.claims} claim${d.claims === 1 ? "" : "s"}`].filter(Boolean).join(" · ")));
}

export async function articlePage(main, [ref], _params, stale) {
  const d = await api("/documents/" + encodeURIComponent(ref));
  if (stale()) return;
  const byID = new Map(d.claims.map((c) => [c.id, c]));
  const url = safeURL(d.url);
  main.append(
    h("article", { class: "doc" },
      h("h1", {}, markTitle(d)),
      h("p", { class: "meta" }, [d.published, d.source].filter(Boolean).join(" · "),
        url ? [" · ", h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : "",
        d.primary_place ? ` · main event in ${placeText(d.primary_place)}` : "",
        d.copies_total ? ` · ${d.copies_total} other cop${d.copies_total === 1 ? "y" : "ies"} of this report` : ""),
      flagList(d.flags, byID),
      h("div", { class: "article-layout" },
        h("div", { class: "text", "aria-label": "Article text with its claims marked" }, markBody(d)),
        h("aside", { class: "claims-col", "aria-label": "Claims" },
          h("h2", {}, `${d.claims.length} claim${d.claims.length === 1 ? "" : "s"}`),
          h("ol", { class: "claims" }, d.claims.map((c) => claimCard(d, c))))),
      d.copies.length ? h("section", {}, h("h2", {}, "Copies of this report"),
        h("ul", {}, d.copies.map(docItem)),
        d.copies_total > d.copies.length ? h("p", { class: "note" }, `The newest ${d.copies.length} of ${d.copies_total}; `,
          link(`/documents?group=${d.report_group}`, "all of them"), ".") : "") : ""));
  // Verdicts and incidents, one request per claim, after the text shows.
  for (const c of d.claims.slice(0, 100)) {
    api(`/claims/${d.id}/${c.id}`).then((full) => {
      if (stale() || !full.verdict) return;
      const slot = document.getElementById("verdict-" + c.id);
      if (slot) slot.replaceChildren(verdictLine(full.verdict));
    }).catch(() => { /* the claim shows without its verdict */ });
  }
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    }
  }
}

function flagList(flags, byID) {
  if (!flags.length) return h("p", { class: "note" }, "No flags: the article's figures do not contradict each other.");
  return h("section", { class: "flags", "aria-label": "Flags" }, h("h2", {}, "Flags"),
    h("ul", {}, flags.map((f) => h("li", { class: "flag" }, h("strong", {}, words(f.kind)), ": ", f.message, " ",
      f.claims.filter((id) => byID.has(id)).map((id) => [h("a", { href: "#" + id }, id), " "])))));
}

// spans are the claims whose quotes lie in text at their offsets. A
// headline's claim points into the title when the title is a field of its
// own, into the text when the text holds the headline (plain text files).
export function spans(text, claims, where, title) {
  const at = byteIndex(text);
  const titleAt = title ? byteIndex(title) : null;
  const out = [];
  for (const c of claims) {
    const inTitle = c.in_headline && quoteAt(title, titleAt, c);
    if (inTitle !== (where === "title")) continue;
    const s = at(c.quote.start);
    const e = at(c.quote.end);
    if (s === undefined || e === undefined || text.slice(s, e) !== c.quote.text) continue;
    out.push({ start: s, end: e, claim: c });
  }
  return out;
}

function quoteAt(text, at, c) {
  if (!text) return false;
  const s = at(c.quote.start);
  const e = at(c.quote.end);
  return s !== undefined && e !== undefined && text.slice(s, e) === c.quote.text;
}

// titleOf is a document's title, else its text's first line (a plain text
// file's headline, after its date header).
export function titleOf(d) {
  if (d.title) return d.title;
  const first = (d.text || "").split("\n", 1)[0].replace(/^\s*date\s+\d{4}-\d{2}-\d{2}\s*/, "").trim();
  return first.length > 200 ? first.slice(0, 200) + "…" : first || "(untitled)";
}

function mark(s, text) {
  const c = s.claim;
  return h("mark", {
    id: c.id, tabindex: "0", class: "q", dataset: { kind: c.kind },
    title: `${c.id}: ${words(c.kind)} ${countText(c)}${c.period ? " · " + periodText(c.period) : ""}${c.place ? " · " + placeText(c.place) : ""}${c.source ? " · per " + sourceText(c.source) : ""}`,
    "aria-describedby": "card-" + c.id,
  }, text);
}

function markTitle(d) {
  if (!d.title) return titleOf(d);
  return highlighted(d.title, spans(d.title, d.claims, "title", d.title), mark);
}

function markBody(d) {
  // Several claims may share a quote: the first is marked, all are listed.
  const seen = new Set();
  const body = spans(d.text, d.claims, "body", d.title).filter((s) => {
    const k = s.start + ":" + s.end;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return d.text.split(/\n{2,}/).length > 1 ? paragraphs(d.text, body) : h("p", {}, highlighted(d.text, body, mark));
}

// paragraphs splits text at blank lines, each paragraph with its marks.
function paragraphs(text, spansAll) {
  const out = [];
  const re = /\n{2,}/g;
  let at = 0;
  for (;;) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    const own = spansAll.filter((s) => s.start >= at && s.end <= end).map((s) => ({ ...s, start: s.start - at, end: s.end - at }));
    out.push(h("p", {}, highlighted(text.slice(at, end), own, mark)));
    if (!m) break;
    at = m.index + m[0].length;
  }
  return out;
}

function claimCard(d, c) {
  return h("li", { class: "claim card", id: "card-" + c.id, dataset: { kind: c.kind } },
    h("h3", {}, h("a", { href: "#" + c.id }, c.id), " ", h("span", { class: "kind" }, words(c.kind)), " ", countText(c)),
    fieldList(c),
    h("p", { id: "verdict-" + c.id, class: "verdict" }),
    h("p", {}, link(`/review?doc=${d.id}&claim=${c.id}`, "Review this claim")));
}

export function verdictLine(v) {
  return h("span", {}, h("strong", {}, words(v.verdict)), v.grade ? ` · ${words(v.grade)}` : "", " ", v.summary || "",
    v.incident ? [" ", link(`/incidents/${v.incident}`, "Incident " + v.incident)] : "");
}
