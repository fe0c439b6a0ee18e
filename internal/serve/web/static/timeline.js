// The timeline: for a place, an admin1 or a country, killed and injured
// week by week from the incidents verification stored, one line per
// source and the consensus band (the sum of the incidents' estimates).
// Each chart has its figures as a table too, for screen readers and for
// copying.
import { h, api, query, errorBox, debounce } from "./lib.js";

const palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];
const maxLines = palette.length;

function scopeForm(params) {
  const input = (name, label, hint) => h("div", {}, h("label", { for: "t-" + name }, label),
    h("input", { id: "t-" + name, name, type: name === "from" || name === "to" ? "date" : "text", value: params.get(name) || "", placeholder: hint || "" }));
  return h("form", {
    class: "filters", "aria-label": "Place and period", onsubmit: (ev) => {
      ev.preventDefault();
      const q = {};
      for (const [k, v] of new FormData(ev.target)) if (v) q[k] = v;
      window.tallyNavigate("/timeline" + query(q));
    },
  },
  input("place", "Place", "e.g. Ar Raqqah"), input("admin1", "Admin1", "e.g. Idlib"), input("country", "Country", "e.g. SY"),
  input("from", "From"), input("to", "To"), h("div", {}, h("button", { type: "submit" }, "Show")));
}

export async function timelinePage(main, _args, params, stale) {
  const scope = {};
  for (const k of ["place", "admin1", "country", "from", "to"]) if (params.get(k)) scope[k] = params.get(k);
  const what = scope.place || scope.admin1 || scope.country;
  main.append(h("h1", {}, what ? `Timeline: ${[scope.place, scope.admin1, scope.country].filter(Boolean).join(", ")}` : "Timeline"),
    scopeForm(params));
  if (!what) {
    main.append(h("p", { class: "note" }, "Give a place, an admin1 or a country, or choose a place on the ", h("a", { href: "/" }, "map"), "."));
    return;
  }
  const status = h("p", { class: "note", role: "status" }, "Loading…");
  main.append(status);
  let data;
  try {
    data = await api("/timeline" + query(scope));
  } catch (err) {
    status.replaceWith(errorBox(err));
    return;
  }
  if (stale()) return;
  status.remove();
  const plots = [];
  // One figure far above the rest (a war's toll given as a day's) would
  // flatten every other week: the scale is then logarithmic-like (asinh,
  // which keeps zero), and the reader may switch.
  const values = [...data.killed.weeks, ...data.injured.weeks].map((w) => w.best).filter((v) => v > 0).sort((a, b) => a - b);
  const skewed = values.length > 0 && values[values.length - 1] > 50 * values[Math.floor(values.length / 2)];
  const logBox = h("input", { id: "t-log", type: "checkbox", checked: skewed });
  main.append(h("p", {}, logBox, " ", h("label", { for: "t-log", class: "inline" }, "Logarithmic scale (for figures far apart)")));
  const draw = () => {
    for (const p of plots) p.redraw(logBox.checked);
  };
  logBox.addEventListener("change", draw);
  for (const kind of ["killed", "injured"]) {
    const t = data[kind];
    const section = h("section", { class: "chart", "aria-labelledby": "h-" + kind }, h("h2", { id: "h-" + kind }, kind === "killed" ? "Killed per week" : "Injured per week"));
    main.append(section);
    if (t.weeks.length === 0) {
      section.append(h("p", { class: "note" }, "No incidents of a week or less here."));
    } else {
      plots.push(chart(section, t, () => logBox.checked));
    }
    const left = [];
    if (t.longer) left.push(`${t.longer} incident${t.longer === 1 ? "" : "s"} over more than a week (running totals)`);
    if (t.undated) left.push(`${t.undated} whose reports do not say when`);
    if (left.length) section.append(h("p", { class: "note" }, `Not drawn: ${left.join(" and ")}.`));
    if (t.weeks.length) section.append(table(t));
  }
  if (!window.uPlot) return;
  const resize = debounce(() => {
    for (const p of plots) p.plot.setSize({ width: p.el.clientWidth, height: 260 });
  }, 100);
  window.addEventListener("resize", resize);
  return () => {
    window.removeEventListener("resize", resize);
    for (const p of plots) p.plot.destroy();
  };
}

function chart(section, t, logScale) {
  const el = h("div", { class: "plot", role: "img", "aria-label": `Chart of ${t.kind} per week; the table below has its figures` });
  section.append(el);
  const make = (log) => new uPlot(options(el, section, t, log), columns(t), el);
  const p = { el, plot: make(logScale()) };
  p.redraw = (log) => {
    p.plot.destroy();
    p.plot = make(log);
  };
  return p;
}

function columns(t) {
  const sources = t.sources.slice(0, maxLines);
  const x = t.weeks.map((w) => Date.parse(w.week + "T00:00:00Z") / 1000);
  const low = t.weeks.map((w) => w.low);
  const high = t.weeks.map((w) => (w.high === null ? w.best : w.high));
  const best = t.weeks.map((w) => w.best);
  return [x, high, low, best, ...sources.map((s) => t.weeks.map((w) => (s in w.sources ? w.sources[s] : null)))];
}

function options(el, section, t, log) {
  const sources = t.sources.slice(0, maxLines);
  const series = [{},
    { label: "band high", stroke: "rgba(120,120,120,0.5)", width: 1, points: { show: false } },
    { label: "band low", stroke: "rgba(120,120,120,0.5)", width: 1, points: { show: false } },
    { label: "consensus", stroke: "#222", width: 2, dash: [6, 4] },
    ...sources.map((s, i) => ({ label: s, stroke: palette[i], width: 2, spanGaps: false, points: { show: true, size: 5 } }))];
  return {
    width: Math.max(300, el.clientWidth || section.clientWidth || 600), height: 260,
    series, bands: [{ series: [1, 2], fill: "rgba(120,120,120,0.18)" }],
    scales: { x: { time: true }, y: log ? { distr: 4, asinh: 1 } : {} },
    axes: [{}, { label: log ? "people (asinh scale)" : "people" }],
    legend: { live: true },
  };
}

function table(t) {
  const sources = t.sources.slice(0, maxLines);
  const more = t.sources.length - sources.length;
  return h("details", {},
    h("summary", {}, "Figures as a table", more > 0 ? ` (${more} more source${more === 1 ? "" : "s"} in the table only)` : ""),
    h("div", { class: "scroll" }, h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Week of"), h("th", { scope: "col" }, "Incidents"),
        h("th", { scope: "col" }, "Consensus (low–high)"), t.sources.map((s) => h("th", { scope: "col" }, s)))),
      h("tbody", {}, t.weeks.filter((w) => w.incidents > 0).map((w) => h("tr", {},
        h("th", { scope: "row" }, w.week), h("td", {}, w.incidents),
        h("td", {}, `${w.best} (${w.low}–${w.high === null ? "open" : w.high})`),
        t.sources.map((s) => h("td", {}, s in w.sources ? w.sources[s] : "–"))))))));
}
