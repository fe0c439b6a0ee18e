// Incidents: what several reports say of one event, the sources side by
// side with their figures and quotes, the estimate and its grade, and each
// claim's verdict against the casualty records.
import { h, api, query, link, words, countText, placeText, sourceText, errorBox } from "./lib.js";
import { verdictLine } from "./article.js";

const grades = ["corroborated", "single_source", "contested"];

export async function incidentsPage(main, _args, params, stale) {
  const grade = params.get("grade") || "";
  const admin1 = params.get("admin1") || "";
  main.append(h("h1", {}, "Incidents"),
    h("form", {
      class: "filters", onsubmit: (ev) => {
        ev.preventDefault();
        const q = {};
        for (const [k, v] of new FormData(ev.target)) if (v) q[k] = v;
        window.tallyNavigate("/incidents" + query(q));
      },
    },
    h("div", {}, h("label", { for: "i-grade" }, "Grade"), h("select", { id: "i-grade", name: "grade" }, h("option", { value: "" }, "all"),
      grades.map((g) => h("option", { value: g, selected: g === grade }, words(g))))),
    h("div", {}, h("label", { for: "i-admin1" }, "Admin1"), h("input", { id: "i-admin1", name: "admin1", value: admin1 })),
    h("div", {}, h("button", { type: "submit" }, "Show"))));
  const status = h("p", { class: "note", role: "status" }, "Loading…");
  main.append(status);
  try {
    const page = await api("/incidents" + query({ grade, admin1, limit: 100 }));
    if (stale()) return;
    status.textContent = page.items.length ? "" : "No incidents: run tally verify after ingesting.";
    main.append(h("ul", { class: "docs" }, page.items.map((i) => h("li", {},
      link(`/incidents/${i.id}`, `${words(i.kind)} ${estimateText(i.estimate)}`),
      ` · ${[i.place, i.admin1].filter(Boolean).join(", ")} · ${[i.start, i.end].filter(Boolean).join(" to ")} · `,
      h("span", { class: "grade", dataset: { grade: i.grade } }, words(i.grade)), ` · ${i.summary}`))));
  } catch (err) {
    status.replaceWith(errorBox(err));
  }
}

function estimateText(e) {
  if (!e) return "";
  const high = e.high === null || e.high === undefined ? "open" : e.high;
  return `${e.best} (${e.low}–${high})`;
}

export async function incidentPage(main, [id], _params, stale) {
  const inc = await api("/incidents/" + id);
  if (stale()) return;
  const claimsByRef = new Map(inc.claims.map((c) => [c.ref, c]));
  main.append(
    h("h1", {}, `Incident ${inc.id}: ${words(inc.kind)}${inc.victims ? " " + words(inc.victims) : ""}`),
    h("p", { class: "meta" }, [inc.place, inc.admin1, inc.country].filter(Boolean).join(", "), " · ",
      [inc.start, inc.end].filter(Boolean).join(" to "), " · ",
      link("/timeline" + query({ place: inc.place, admin1: inc.admin1 }), "timeline of the place")),
    h("section", { class: "estimate", "aria-label": "Estimate" },
      h("p", {}, h("span", { class: "big" }, estimateText(inc.estimate)), " ",
        h("span", { class: "grade", dataset: { grade: inc.grade } }, words(inc.grade)),
        inc.spread > 1 ? ` · the sources are ${inc.spread.toFixed(1)}× apart` : ""),
      h("p", {}, inc.summary),
      h("p", { class: "note" }, "Best: the median of the sources' best figures; low: the lowest any wording allows; high: the highest upper end (open when an “at least” figure lies above every bounded one).")),
    h("h2", {}, "Sources side by side"),
    h("div", { class: "sources" }, inc.sources.map((s) => sourceCard(s, claimsByRef))),
    h("h2", {}, "Claims and their verdicts"),
    h("ul", { class: "claims" }, inc.claims.map((c) => h("li", { class: "claim", dataset: { kind: c.kind } },
      link(`/documents/${c.document.id}#${c.id}`, c.ref), " ", h("strong", {}, countText(c)), " · ",
      sourceText(c.source) || c.document.source || "", " · ", placeText(c.place),
      h("p", { class: "verdict" }, c.verdict ? verdictLine(c.verdict) : "No verdict: run tally verify.")))));
}

function sourceCard(s, claimsByRef) {
  const c = claimsByRef.get(s.claim);
  return h("article", { class: "source card" },
    h("h3", {}, s.source || "unattributed"),
    h("p", { class: "big" }, countText({ count: s.count })),
    s.outlets && s.outlets.length ? h("p", { class: "note" }, "Carried by " + s.outlets.join(", ")) : "",
    c ? [h("blockquote", {}, c.quote.text), link(`/documents/${c.document.id}#${c.id}`, c.document.title || "(untitled)"),
      c.document.published ? ` · ${c.document.published}` : ""] : h("p", { class: "note" }, s.claim));
}
