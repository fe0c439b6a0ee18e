package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/tallyhq/tally/internal/ingest/fetch"
	"github.com/tallyhq/tally/internal/serve/web"
	"github.com/tallyhq/tally/internal/store"
)

// csp is every response's Content-Security-Policy: no inline script or
// style, nothing from another origin, no plugins, no framing.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// DefaultMaxBody bounds the body of a POST when Options.MaxBody is zero:
// an article is tens of kilobytes; a megabyte leaves room for long reports
// without letting one request hold much memory.
const DefaultMaxBody = 1 << 20

// DefaultRequestTimeout bounds a request's work when
// Options.RequestTimeout is zero: a URL fetch (30 s at most) and its
// extraction.
const DefaultRequestTimeout = 45 * time.Second

// Options configure a Server. The zero value is a writable server that
// fetches only public addresses.
type Options struct {
	// ReadOnly refuses every write, with or without a token: for public
	// deployments.
	ReadOnly bool
	// MaxBody bounds request bodies; zero means DefaultMaxBody.
	MaxBody int64
	// RequestTimeout bounds each request's work; zero means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// Fetch configures fetching URLs given to check and documents;
	// private and loopback addresses are refused unless Fetch.AllowPrivate.
	Fetch fetch.Options
	// Log receives errors the client is not told the details of; nil
	// discards them.
	Log *slog.Logger
	// CacheBytes bounds the cache of GET responses, which writes to the
	// store empty but for pages of claims after a cursor, which appends
	// leave right; zero means DefaultCacheBytes, negative no cache.
	CacheBytes int
	// RowCacheBytes bounds the cache of claims' and documents' JSON by
	// their rows, which writes leave as it is; zero means DefaultRowCacheBytes,
	// negative no cache.
	RowCacheBytes int
}

// Server answers the API's requests from a store.
type Server struct {
	st      *store.Store
	opt     Options
	log     *slog.Logger
	fetcher *fetch.Client
	mux     *http.ServeMux
	ui      *web.Handler // nil when the embedded UI is broken: the API still serves
	watcher *store.Watcher
	cache   *respCache // nil when off
	rows    *rowCache  // nil when off
}

// handler is an endpoint: it writes a response, or returns the error to
// answer with.
type handler func(w http.ResponseWriter, r *http.Request) error

// route is one endpoint. write routes need a token and are refused in
// read-only mode; optional-write routes (check) need one only for what
// they would store.
type route struct {
	method, pattern string
	h               handler
	write           bool
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "/api/v1/openapi.json", s.openAPI, false},
		{"GET", "/api/v1/documents", s.listDocuments, false},
		{"POST", "/api/v1/documents", s.postDocument, true},
		{"GET", "/api/v1/documents/{ref}", s.getDocument, false},
		{"GET", "/api/v1/claims", s.listClaims, false},
		{"GET", "/api/v1/claims/{doc}/{cid}", s.getClaim, false},
		{"GET", "/api/v1/claims/{doc}/{cid}/reviews", s.listReviews, false},
		{"POST", "/api/v1/claims/{doc}/{cid}/reviews", s.postReview, true},
		{"POST", "/api/v1/check", s.check, false},
		{"GET", "/api/v1/incidents", s.listIncidents, false},
		{"GET", "/api/v1/incidents/{id}", s.getIncident, false},
		{"GET", "/api/v1/places", s.listPlaces, false},
		{"GET", "/api/v1/timeline", s.timeline, false},
		{"GET", "/api/v1/verdicts", s.listVerdicts, false},
		{"GET", "/api/v1/records", s.listRecords, false},
		{"GET", "/api/v1/records/sets", s.listRecordSets, false},
	}
}

// New makes a server over st.
func New(st *store.Store, opt Options) *Server {
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.RequestTimeout <= 0 {
		opt.RequestTimeout = DefaultRequestTimeout
	}
	if opt.CacheBytes == 0 {
		opt.CacheBytes = DefaultCacheBytes
	}
	s := &Server{st: st, opt: opt, log: opt.Log, fetcher: fetch.New(opt.Fetch), mux: http.NewServeMux(), watcher: st.Watch()}
	if opt.CacheBytes > 0 {
		s.cache = newRespCache(opt.CacheBytes)
	}
	if opt.RowCacheBytes == 0 {
		opt.RowCacheBytes = DefaultRowCacheBytes
	}
	if opt.RowCacheBytes > 0 {
		s.rows = newRowCache(opt.RowCacheBytes)
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ui, err := web.New()
	if err != nil {
		s.log.Error("the web UI is not served", "err", err)
	} else {
		s.ui = ui
	}
	for _, rt := range s.routes() {
		h := rt.h
		if rt.write {
			h = s.requireWriter(h)
		} else if rt.method == http.MethodGet {
			h = s.cached(h)
		}
		s.mux.Handle(rt.method+" "+rt.pattern, s.adapt(h))
	}
	return s
}

// cacheSlot, in a request's context, is where its response is kept in the
// cache: the store's version it was read in, its key, and whether appends
// leave it right.
type cacheSlot struct {
	version, key string
	stable       bool
}

// cached answers a read from the response cache when it holds the
// answer for the store's current version, else lets h answer and keep its
// response (writeJSON). A cached answer costs no query but the version's.
func (s *Server) cached(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.cache == nil {
			return h(w, r)
		}
		// The escaped path, as the mux splits it: /claims/1/c1%2Freviews
		// is a claim's, /claims/1/c1/reviews its reviews'.
		key, ok := cacheKey(r.URL.EscapedPath(), r.URL.RawQuery)
		if !ok {
			return h(w, r)
		}
		version, err := s.watcher.Version(r.Context())
		if err == nil && !s.cache.current(version) {
			version, err = s.moveCache(r.Context())
		}
		if err != nil {
			// Answered from the store, as without a cache.
			s.log.Debug("response cache skipped", "error", err)
			return h(w, r)
		}
		if c, ok := s.cache.get(version, key); ok {
			writeBody(w, r, http.StatusOK, c.body, c.etag)
			return nil
		}
		slot := cacheSlot{version, key, stableKey(r.URL.Path, r.URL.Query())}
		return h(w, r.WithContext(context.WithValue(r.Context(), cacheSlot{}, slot)))
	}
}

// moveCache moves the response cache to the store's current version,
// which it returns. The count of edits is read before and after the
// version: when both agree, no edit was committed between them, and the
// version holds exactly the edits counted; when they differ, the count at
// the version is unknown and everything kept is dropped.
func (s *Server) moveCache(ctx context.Context) (string, error) {
	before, err := s.st.Edits(ctx)
	if err != nil {
		return "", err
	}
	version, err := s.watcher.Version(ctx)
	if err != nil {
		return "", err
	}
	after, err := s.st.Edits(ctx)
	if err != nil {
		return "", err
	}
	if before != after {
		after = -1
	}
	s.cache.moveTo(version, after)
	return version, nil
}

// Close gives back what the server holds of the store; the store itself
// stays open.
func (s *Server) Close() error { return s.watcher.Close() }

// adapt makes a handler an http.Handler: its error becomes the response.
func (s *Server) adapt(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// ServeHTTP sets the security headers, bounds the request, recovers from
// panics and answers requests no route takes, all in JSON.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// The UI's scripts, styles and images come from this origin only, and
	// the API's responses are JSON, never pages: should one be opened as a
	// page all the same, nothing in it may run or be framed.
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.writeError(w, r, fmt.Errorf("panic: %v", v))
		}
	}()
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.RequestTimeout)
	defer cancel()
	r = r.WithContext(ctx)
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	}
	if p := r.URL.Path; p != path.Clean(p) || strings.Contains(r.URL.RawPath, "//") {
		// The mux would redirect to the clean path with a page of HTML.
		s.writeError(w, r, notFound("no such endpoint: %s", p))
		return
	}
	if s.ui != nil && !strings.HasPrefix(r.URL.Path, "/api/") && s.ui.Owns(r.URL.Path) {
		s.ui.ServeHTTP(w, r)
		return
	}
	hd, pattern := s.mux.Handler(r)
	if pattern == "" {
		// The mux would answer in plain text: find out what it would
		// say, and say it in JSON.
		rec := &statusRecorder{header: http.Header{}}
		hd.ServeHTTP(rec, r)
		switch rec.status {
		case http.StatusMethodNotAllowed:
			h.Set("Allow", rec.header.Get("Allow"))
			s.writeError(w, r, &apiError{rec.status, codeMethodNotAllowed,
				fmt.Sprintf("%s %s: allowed methods are %s", r.Method, r.URL.Path, rec.header.Get("Allow"))})
		default:
			s.writeError(w, r, notFound("no such endpoint: %s", r.URL.Path))
		}
		return
	}
	// Through the mux again rather than hd, so that it sets the path's
	// wildcards on r.
	s.mux.ServeHTTP(w, r)
}

// statusRecorder keeps the status and headers of the mux's own answer.
type statusRecorder struct {
	header http.Header
	status int
}

func (r *statusRecorder) Header() http.Header         { return r.header }
func (r *statusRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (r *statusRecorder) WriteHeader(status int)      { r.status = status }

type reviewerKey struct{}

// requireWriter lets h run only for a live token on a writable server;
// the token's name is the request's reviewer.
func (s *Server) requireWriter(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		name, err := s.authorise(r)
		if err != nil {
			return err
		}
		return h(w, r.WithContext(context.WithValue(r.Context(), reviewerKey{}, name)))
	}
}

// authorise checks that r may write: the server is writable and r carries
// a live token. It returns the token's name.
func (s *Server) authorise(r *http.Request) (string, error) {
	if s.opt.ReadOnly {
		return "", &apiError{http.StatusForbidden, codeForbidden, "this server is read-only"}
	}
	auth := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	if auth == "" {
		return "", &apiError{http.StatusUnauthorized, codeUnauthorized, "writes need a token: Authorization: Bearer TOKEN (tally token create NAME)"}
	}
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", &apiError{http.StatusUnauthorized, codeUnauthorized, "the Authorization header is not Bearer TOKEN"}
	}
	name, err := s.st.TokenName(r.Context(), strings.TrimSpace(token))
	if errors.Is(err, store.ErrNotFound) {
		return "", &apiError{http.StatusUnauthorized, codeUnauthorized, "the token is unknown or revoked"}
	}
	return name, err
}

// reviewer is the name of the token that authorised r.
func reviewer(r *http.Request) string {
	name, _ := r.Context().Value(reviewerKey{}).(string)
	return name
}

// Run serves the API on addr until ctx ends, then stops accepting requests
// and gives those under way up to 10 seconds to finish. ready, when set, is
// told the address listened on.
func (s *Server) Run(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// Longer than a request may work, so that a slow request still
		// gets its error response.
		WriteTimeout:   s.opt.RequestTimeout + 15*time.Second,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(ln.Addr())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
