// Package web is tally's web UI: its pages' HTML, scripts and styles, and
// the front-end libraries vendored from npm at pinned versions
// (tools/webvendor: Leaflet, uPlot, topojson-client, world-atlas's Natural
// Earth boundaries), all embedded in the binary so that the UI works with
// no network. The pages are one application that reads the JSON API
// under /api/v1; the page addresses (/, /timeline, /documents/7, ...) all
// answer with its one HTML page, and its script draws the page the
// address names.
//
// Document text reaches the pages only as JSON and is put into them as
// text nodes, never as markup; the server's Content-Security-Policy allows
// scripts from this origin only, so that nothing an article holds can run.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static vendor
var files embed.FS

// pages are the addresses the application draws: each answers with
// index.html. A trailing slash names a page with a parameter in its path.
var pages = []string{"/", "/map", "/timeline", "/documents", "/documents/", "/incidents", "/incidents/", "/review", "/check"}

// asset is an embedded file with what its responses need.
type asset struct {
	body  []byte
	etag  string
	ctype string
}

// Handler serves the UI: the pages and /assets/.
type Handler struct {
	assets map[string]asset // by URL path
	index  asset
}

// New makes the UI's handler from the embedded files.
func New() (*Handler, error) {
	h := &Handler{assets: map[string]asset{}}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(p)
		if err != nil {
			return fmt.Errorf("web: %w", err)
		}
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a := asset{body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, ctype: ctype}
		// static/app.js is /assets/app.js; vendor/leaflet/leaflet.js is
		// /assets/vendor/leaflet/leaflet.js.
		h.assets["/assets/"+strings.TrimPrefix(p, "static/")] = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	idx, ok := h.assets["/assets/index.html"]
	if !ok {
		return nil, fmt.Errorf("web: no index.html embedded")
	}
	delete(h.assets, "/assets/index.html")
	idx.ctype = "text/html; charset=utf-8"
	h.index = idx
	return h, nil
}

// Owns tells whether the UI answers p: an asset or a page address.
func (h *Handler) Owns(p string) bool {
	if strings.HasPrefix(p, "/assets/") {
		return true
	}
	for _, pg := range pages {
		if p == pg || (strings.HasSuffix(pg, "/") && pg != "/" && strings.HasPrefix(p, pg) && !strings.Contains(p[len(pg):], "/")) {
			return true
		}
	}
	return false
}

// ServeHTTP answers GET and HEAD of assets and pages; the caller has
// checked Owns.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	a, ok := h.index, true
	if strings.HasPrefix(r.URL.Path, "/assets/") {
		a, ok = h.assets[r.URL.Path]
	}
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("ETag", a.etag)
	// Revalidated on every load, so that a new binary's UI is never mixed
	// with an old one's cached script; the ETag makes that a 304.
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
