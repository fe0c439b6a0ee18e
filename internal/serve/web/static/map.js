// The map: claims by place, sized by how many, coloured by the kind most
// of them are; filters for period, kind, victims, cause and source; a
// place's claims beside the map when it is chosen (on the map or in the
// list of places, which is also how a keyboard reaches them).
import { h, api, query, link, kindColours, kinds, victimsAll, causes, words, countText, periodText, sourceText, errorBox } from "./lib.js";

const maxPlaces = 2000;
let countries = null; // the Natural Earth boundaries, fetched once

async function boundaries() {
  if (!countries) {
    countries = fetch("/assets/vendor/world-atlas/countries-50m.json").then((r) => r.json())
      .then((topo) => topojson.feature(topo, topo.objects.countries));
  }
  return countries;
}

function select(name, label, values, current) {
  return [h("label", { for: "f-" + name }, label),
    h("select", { id: "f-" + name, name },
      h("option", { value: "" }, "all"),
      values.map((v) => h("option", { value: v, selected: v === current }, words(v))))];
}

function filterForm(params, onSubmit) {
  const input = (name, label, type, attrs = {}) => [h("label", { for: "f-" + name }, label),
    h("input", { id: "f-" + name, name, type, value: params.get(name) || "", ...attrs })];
  return h("form", {
    class: "filters", "aria-label": "Filters", onsubmit: (ev) => {
      ev.preventDefault();
      const q = {};
      for (const [k, v] of new FormData(ev.target)) if (v) q[k] = v;
      onSubmit(q);
    },
  },
  h("div", {}, input("from", "From", "date")),
  h("div", {}, input("to", "To", "date")),
  h("div", {}, select("kind", "Kind", kinds, params.get("kind"))),
  h("div", {}, select("victims", "Victims", victimsAll, params.get("victims"))),
  h("div", {}, select("cause", "Cause", causes, params.get("cause"))),
  h("div", {}, input("source", "Source", "text", { placeholder: "e.g. SOHR", autocomplete: "off" })),
  h("div", {}, h("button", { type: "submit" }, "Apply")));
}

function dominantKind(p) {
  let best = null;
  for (const [k, n] of Object.entries(p.kinds || {})) if (!best || n > p.kinds[best]) best = k;
  return best;
}

function legend() {
  return h("ul", { class: "legend", "aria-label": "Colours" },
    kinds.map((k) => h("li", {}, h("span", { class: "swatch", dataset: { kind: k } }), words(k))));
}

export async function mapPage(main, _args, params, stale) {
  const filters = ["from", "to", "kind", "victims", "cause", "source"];
  const f = {};
  for (const k of filters) if (params.get(k)) f[k] = params.get(k);
  const mapEl = h("div", { id: "map", role: "region", "aria-label": "Map of places with claims" });
  const panel = h("section", { class: "panel", id: "place-panel", "aria-live": "polite" },
    h("p", { class: "note" }, "Choose a place on the map or in the list to see its claims."));
  const list = h("ol", { class: "places", "aria-label": "Places with most claims" });
  const status = h("p", { class: "note", role: "status" }, "Loading places…");
  main.append(
    h("h1", { class: "visually-hidden" }, "Map"),
    filterForm(params, (q) => window.tallyNavigate("/" + query(q))),
    h("div", { class: "map-layout" },
      h("div", { class: "map-col" }, mapEl, legend(), status),
      h("div", { class: "side-col" }, panel, h("h2", {}, "Places"), list)));

  const map = L.map(mapEl, { attributionControl: false, worldCopyJump: true, minZoom: 2 }).setView([35, 38.5], 6);
  let removed = false;
  // Leaflet throws when a map is removed in the middle of a zoom: stop
  // first, and add nothing to a removed map.
  const remove = () => {
    removed = true;
    map.stop();
    map.remove();
  };
  boundaries().then((geo) => {
    if (stale() || removed) return;
    L.geoJSON(geo, { interactive: false, style: { color: "#8a8f98", weight: 0.8, fillColor: "#f2efe9", fillOpacity: 1 } })
      .addTo(map).bringToBack();
  }).catch(() => { /* the points still show without boundaries */ });

  const places = [];
  let cursor = null;
  try {
    do {
      const page = await api("/places" + query({ ...f, limit: 500, cursor }));
      places.push(...page.items);
      cursor = page.next;
    } while (cursor && places.length < maxPlaces && !stale());
  } catch (err) {
    status.replaceWith(errorBox(err));
    return remove;
  }
  if (stale()) return remove;
  const located = places.filter((p) => p.lat !== null && p.lon !== null);
  status.textContent = places.length === 0 ? "No claims with a place match these filters."
    : `${places.length}${cursor ? "+" : ""} places with ${places.reduce((n, p) => n + p.claims, 0)} claims.`;
  const layer = L.featureGroup().addTo(map);
  const max = Math.max(1, ...located.map((p) => p.claims));
  const show = (p) => showPlace(panel, p, f, stale);
  for (const p of located) {
    const kind = dominantKind(p);
    L.circleMarker([p.lat, p.lon], {
      radius: 4 + 18 * Math.sqrt(p.claims / max), color: "#222", weight: 1,
      fillColor: kindColours[kind] || "#666", fillOpacity: 0.75,
    }).bindTooltip(`${placeLabel(p)}: ${p.claims} claim${p.claims === 1 ? "" : "s"}`).on("click", () => show(p)).addTo(layer);
  }
  if (located.length > 0) map.fitBounds(layer.getBounds().pad(0.15), { maxZoom: 9, animate: false });
  for (const p of places.slice(0, 50)) {
    list.append(h("li", {}, h("button", { type: "button", class: "linkish", onclick: () => show(p) },
      placeLabel(p)), ` ${p.claims}`));
  }
  return remove;
}

// precisionWords tell a province or a country named as a whole from the
// town of the same name (Idlib the city, Idlib the governorate).
const precisionWords = { admin1: "province", admin2: "district", country: "country", region: "region" };

function placeLabel(p) {
  const what = precisionWords[p.precision];
  const where = p.admin1 && p.admin1 !== p.name ? `, ${p.admin1}` : "";
  return `${p.name}${what ? ` (${what})` : ""}${where}`;
}

async function showPlace(panel, p, f, stale) {
  const scope = { place: p.name, admin1: p.admin1 };
  panel.replaceChildren(
    h("h2", { id: "place-title", tabindex: "-1" }, placeLabel(p)),
    h("p", {}, [p.admin1, p.country].filter(Boolean).join(", "), " · ",
      Object.entries(p.kinds).map(([k, n]) => `${n} ${words(k)}`).join(", ")),
    h("p", {}, link("/timeline" + query(scope), "Timeline of this place"), " · ",
      link("/timeline" + query({ admin1: p.admin1, country: p.country }), "of " + (p.admin1 || p.country))),
    h("p", { class: "note" }, "Loading claims…"));
  panel.querySelector("#place-title").focus();
  try {
    const page = await api("/claims" + query({ ...f, ...scope, limit: 50 }));
    if (stale()) return;
    panel.lastChild.replaceWith(claimList(page.items));
  } catch (err) {
    panel.lastChild.replaceWith(errorBox(err));
  }
}

// claimList is claims in brief, each linked to its place in its article.
export function claimList(items) {
  if (items.length === 0) return h("p", { class: "note" }, "No claims.");
  return h("ul", { class: "claims" }, items.map((c) => h("li", { class: "claim", dataset: { kind: c.kind } },
    h("span", { class: "kind" }, words(c.kind)), " ", h("strong", {}, countText(c)),
    c.victims ? ` ${words(c.victims)}` : "", c.period ? ` · ${periodText(c.period)}` : "",
    c.source ? ` · ${sourceText(c.source)}` : "",
    h("blockquote", {}, c.quote.text),
    link(`/documents/${c.document.id}#${c.id}`, c.document.title || "(untitled)"),
    c.document.published ? ` · ${c.document.published}` : "")));
}
