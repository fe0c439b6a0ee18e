package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// chromium is the browser the end-to-end tests drive: TALLY_CHROMIUM, else
// Debian's chromium on the PATH. Without one the tests skip, except under
// CI, which installs it.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TALLY_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium on the PATH: CI installs Debian's chromium for the browser tests")
	}
	t.Skip("no chromium on the PATH (apt-get install chromium, or set TALLY_CHROMIUM): browser tests skipped")
	return ""
}

// browser is a headless Chromium on a tally server over the test fixture,
// failing the test on any script error or dialog in its pages: an article's
// <script> or onerror that ran would open one.
type browser struct {
	ctx    context.Context
	url    string
	e      *env
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	exe := chromium(t)
	e := newEnv(t, storetest.SQLite(t), Options{})
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true), chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	b := &browser{url: srv.URL, e: e}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			b.fail(fmt.Sprintf("script error at %s:%d: %s", d.URL, d.LineNumber+1, msg))
		case *cdppage.EventJavascriptDialogOpening:
			b.fail("a dialog opened: " + ev.Message)
		}
	}))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium %s: %v", exe, err)
	}
	b.ctx = ctx
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, msg := range b.errors {
			t.Error(msg)
		}
	})
	return b
}

func (b *browser) fail(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = append(b.errors, msg)
}

// open loads a page of the application.
func (b *browser) open(t *testing.T, path string) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(b.url+path)); err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
}

// wait polls a JavaScript expression until it is truthy and returns its
// value, decoded.
func wait[T any](t *testing.T, b *browser, what, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Poll[T](expr, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		html, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
		t.Fatalf("%s: %v (%s); the page says: %.600s", what, err, expr, html)
	}
	return v
}

// axeSource is axe-core (tools/webvendor vendors it into testdata): the
// WCAG 2 A and AA rules every page is held to.
var axeSource = sync.OnceValues(func() ([]byte, error) { return os.ReadFile("testdata/axe/axe.min.js") })

// accessible runs axe-core's WCAG 2 A and AA rules on the page as it is
// and fails on every serious or critical violation.
func (b *browser) accessible(t *testing.T, page string) {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatalf("load axe-core: %v", err)
	}
	report, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}})
		.then(r => JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
			.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	if report != "[]" {
		t.Errorf("%s: accessibility violations (WCAG 2 A/AA, serious or critical): %s", page, report)
	}
}

func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	b := newBrowser(t)

	t.Run("map", func(t *testing.T) {
		b.open(t, "/")
		n := wait[int](t, b, "the map's places", `document.querySelectorAll("path.leaflet-interactive").length >= 3 && document.querySelectorAll("path.leaflet-interactive").length`)
		if n < 3 {
			t.Errorf("%d places on the map", n)
		}
		wait[bool](t, b, "the boundaries", fmt.Sprintf(`document.querySelectorAll(".leaflet-overlay-pane path").length > %d`, n))
		// A place from the list (how a keyboard reaches it) shows its claims.
		b.do(t, "choose a place", chromedp.Click(chromedp.CSS("ol.places li button")))
		wait[int](t, b, "the place's claims", `document.querySelectorAll("#place-panel ul.claims li").length`)
		// A filter narrows the map and is kept in the address.
		b.do(t, "filter by cause", chromedp.SetValue(chromedp.CSS("#f-cause"), "mine"), chromedp.Click(chromedp.CSS("form.filters button")))
		wait[bool](t, b, "the filtered map", `location.search === "?cause=mine" && document.querySelectorAll("ol.places li").length === 1`)
		b.accessible(t, "map")
	})

	t.Run("article", func(t *testing.T) {
		// The SANA copy's title and text hold markup: shown as text, never run.
		b.open(t, fmt.Sprint("/documents/", b.e.docs["aleppo-sana"]))
		marks := wait[int](t, b, "the marked quotes", `document.querySelectorAll(".text mark.q").length`)
		if marks != 1 {
			t.Errorf("%d quotes marked, want 1", marks)
		}
		text := wait[string](t, b, "the text", `document.querySelector(".text").textContent`)
		if !strings.Contains(text, "<script>alert(1)</script> <img src=x onerror=alert(2)>") {
			t.Errorf("the markup is not shown as text: %q", text)
		}
		if n := wait[string](t, b, "no markup from the text", `String(document.querySelectorAll("main img, main script, main b").length)`); n != "0" {
			t.Errorf("the article's markup became %s elements", n)
		}
		if title := wait[string](t, b, "the title", `document.querySelector("h1").textContent`); title != "Aleppo <b>raids</b>" {
			t.Errorf("title %q", title)
		}
		// The mark shows its claim's fields; the claim's card its verdict
		// and incident.
		tip := wait[string](t, b, "the mark's fields", `document.querySelector(".text mark.q").title`)
		if !strings.Contains(tip, "killed 30") || !strings.Contains(tip, "Aleppo") {
			t.Errorf("the mark's fields: %q", tip)
		}
		wait[bool](t, b, "the verdict", `!!document.querySelector(".verdict a[href^='/incidents/']")`)
		b.accessible(t, "article")
	})

	t.Run("incident and timeline", func(t *testing.T) {
		var id int64
		for i, err := range b.e.st.Incidents(context.Background(), store.IncidentFilter{Admin1: "Aleppo", Kind: "killed"}) {
			if err != nil {
				t.Fatal(err)
			}
			id = i.ID
		}
		b.open(t, fmt.Sprint("/incidents/", id))
		if n := wait[int](t, b, "the sources side by side", `document.querySelectorAll(".sources .source").length`); n != 2 {
			t.Errorf("%d sources, want 2", n)
		}
		wait[bool](t, b, "the grade", `document.querySelector(".estimate .grade").textContent === "contested"`)
		b.accessible(t, "incident")
		b.do(t, "go to the timeline", chromedp.Click(chromedp.CSS("p.meta a")))
		wait[bool](t, b, "the killed chart", `location.pathname === "/timeline" && document.querySelectorAll(".uplot canvas").length === 1`)
		legend := wait[string](t, b, "the chart's sources", `document.querySelector(".uplot .u-legend").textContent`)
		if !strings.Contains(legend, "consensus") || !strings.Contains(legend, "Syrian Observatory for Human Rights") {
			t.Errorf("legend: %q", legend)
		}
		b.accessible(t, "timeline")
	})

	t.Run("phone", func(t *testing.T) {
		// A phone's width: every page fits it, without sideways scrolling.
		b.do(t, "a phone's screen", chromedp.EmulateViewport(412, 860, chromedp.EmulateMobile))
		defer b.do(t, "a laptop's screen", chromedp.EmulateViewport(1280, 900))
		for _, path := range []string{"/", fmt.Sprint("/documents/", b.e.docs["maarat"]), "/timeline?admin1=Aleppo", "/review", "/check"} {
			b.open(t, path)
			wait[bool](t, b, path, `document.querySelector("main h1, main h2, main .filters") !== null`)
			if fits := wait[string](t, b, path+" fits", `String(document.documentElement.scrollWidth <= window.innerWidth + 1)`); fits != "true" {
				w := wait[string](t, b, "widths", `document.documentElement.scrollWidth + " > " + window.innerWidth`)
				t.Errorf("%s is wider than a phone: %s", path, w)
			}
		}
	})

	t.Run("review", func(t *testing.T) {
		b.open(t, "/review")
		ref := wait[string](t, b, "the queue", `document.querySelector("ol.queue li h2 a") && document.querySelector("ol.queue li h2 a").textContent`)
		b.do(t, "give the token", chromedp.SendKeys(chromedp.CSS("#token"), b.e.token), chromedp.Click(chromedp.CSS("form.token button")))
		wait[bool](t, b, "the token is set", `document.querySelector("form.token [role=status]").textContent.includes("is set")`)
		// The first claim in focus; "a" accepts it.
		b.do(t, "focus the queue", chromedp.Focus(chromedp.CSS("ol.queue li")), chromedp.KeyEvent("a"))
		wait[bool](t, b, "the acceptance", `document.querySelector(".status-line").textContent.includes("accepted as amal")`)
		doc, cid, _ := strings.Cut(ref, "/")
		log := reviewsOf(t, b.e, doc, cid)
		if len(log) != 1 || log[0].Decision != store.Accept || log[0].Reviewer != "amal" {
			t.Fatalf("the review log of %s after accepting: %+v", ref, log)
		}
		// "u" undoes it: a reopen in the log, the claim back in the queue.
		b.do(t, "undo", chromedp.KeyEvent("u"))
		wait[bool](t, b, "the undo", `document.querySelector(".status-line").textContent.includes("back in the queue")`)
		log = reviewsOf(t, b.e, doc, cid)
		if len(log) != 2 || log[1].Decision != store.Reopen {
			t.Errorf("the review log of %s after undoing: %+v", ref, log)
		}
		b.accessible(t, "review")
	})

	t.Run("check", func(t *testing.T) {
		b.open(t, "/check")
		b.do(t, "paste an article",
			chromedp.SendKeys(chromedp.CSS("#c-text"), "Shelling killed 9 civilians and wounded 14 in Idlib on Monday, the Syrian Observatory for Human Rights said."),
			chromedp.SetValue(chromedp.CSS("#c-published"), "2019-03-19"),
			chromedp.Click(chromedp.CSS("form.check button[type=submit]")))
		if n := wait[int](t, b, "the claims", `document.querySelectorAll("#check-result ol.claims li").length`); n != 2 {
			t.Errorf("%d claims, want 2", n)
		}
		if n := wait[int](t, b, "the marks", `document.querySelectorAll("#check-result mark.q").length`); n != 1 {
			t.Errorf("%d marks, want 1 (both claims share the sentence)", n)
		}
		fields := wait[string](t, b, "the fields", `document.querySelector("#check-result ol.claims").textContent`)
		for _, want := range []string{"2019-03-18", "Idlib", "Syrian Observatory for Human Rights", "civilians"} {
			if !strings.Contains(fields, want) {
				t.Errorf("the check's claims lack %q: %s", want, fields)
			}
		}
		b.accessible(t, "check")
		// Kept when asked, with the token the review set for this tab.
		b.do(t, "keep it", chromedp.Click(chromedp.CSS("#c-store")), chromedp.Click(chromedp.CSS("form.check button[type=submit]")))
		href := wait[string](t, b, "the stored document", `document.querySelector("#check-result [role=status] a") && document.querySelector("#check-result [role=status] a").getAttribute("href")`)
		if w := b.e.do(t, "GET", "/api/v1"+href, "", nil); w.Code != 200 || !strings.Contains(w.Body.String(), "wounded 14 in Idlib") {
			t.Errorf("the kept document %s: %d", href, w.Code)
		}
		b.open(t, "/documents")
		wait[int](t, b, "the documents", `document.querySelectorAll("ul.docs li").length`)
		b.accessible(t, "documents")
	})
}

func reviewsOf(t *testing.T, e *env, doc, cid string) []store.Review {
	t.Helper()
	w := e.do(t, "GET", "/api/v1/claims/"+doc+"/"+cid+"/reviews", "", nil)
	var out struct {
		Items []store.Review `json:"items"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || w.Code != 200 {
		t.Fatalf("reviews of %s/%s: %d %s", doc, cid, w.Code, w.Body)
	}
	return out.Items
}
