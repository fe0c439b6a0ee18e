// The application: a router from addresses to pages. Every page is a
// function that fills main and may return a cleanup to run when the reader
// leaves it. Links to pages of the application change the address without
// reloading.
import { h, errorBox } from "./lib.js";
import { mapPage } from "./map.js";
import { timelinePage } from "./timeline.js";
import { documentsPage, articlePage } from "./article.js";
import { incidentPage, incidentsPage } from "./incident.js";
import { reviewPage } from "./review.js";
import { checkPage } from "./check.js";

const routes = [
  [/^\/(map)?$/, mapPage, "Map"],
  [/^\/timeline$/, timelinePage, "Timeline"],
  [/^\/documents$/, documentsPage, "Documents"],
  [/^\/documents\/([^/]+)$/, articlePage, "Article"],
  [/^\/incidents$/, incidentsPage, "Incidents"],
  [/^\/incidents\/(\d+)$/, incidentPage, "Incident"],
  [/^\/review$/, reviewPage, "Review"],
  [/^\/check$/, checkPage, "Check"],
];

let cleanup = null;
let generation = 0;

async function render() {
  const main = document.getElementById("main");
  if (cleanup) {
    try { cleanup(); } catch { /* a page's cleanup must not stop the next page */ }
    cleanup = null;
  }
  const gen = ++generation;
  const path = location.pathname;
  for (const a of document.querySelectorAll("header nav a")) {
    const here = a.getAttribute("href") === path || (a.getAttribute("href") !== "/" && path.startsWith(a.getAttribute("href")));
    if (here || (path === "/map" && a.getAttribute("href") === "/")) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  for (const [re, page, title] of routes) {
    const m = path.match(re);
    if (!m) continue;
    document.title = `${title} · tally`;
    main.replaceChildren();
    main.removeAttribute("aria-busy");
    try {
      const c = await page(main, m.slice(1).map(decodeURIComponent), new URLSearchParams(location.search), () => gen !== generation);
      if (gen === generation) cleanup = c || null;
      else if (c) c();
    } catch (err) {
      if (gen === generation) main.replaceChildren(errorBox(err));
    }
    return;
  }
  document.title = "Not found · tally";
  main.replaceChildren(h("h1", {}, "Not found"), h("p", {}, "No page here. ", h("a", { href: "/" }, "Back to the map")));
}

// navigate goes to an address of the application.
export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  render().then(() => {
    if (!replace) {
      const target = location.hash && document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView();
      else window.scrollTo(0, 0);
      document.getElementById("main").focus({ preventScroll: true });
    }
  });
}
window.tallyNavigate = navigate;

document.addEventListener("click", (ev) => {
  const a = ev.target.closest("a");
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const href = a.getAttribute("href");
  if (!href || !href.startsWith("/") || href.startsWith("//") || href.startsWith("/api/") || a.target) return;
  const url = new URL(href, location.href);
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // an anchor on this page
  ev.preventDefault();
  navigate(href);
});
window.addEventListener("popstate", render);
render();
