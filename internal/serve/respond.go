package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/tallyhq/tally/internal/store"
)

// apiError is an error a client caused or should be told of: its status,
// a code from a short fixed list, and a message a person can act on.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

// Error codes.
const (
	codeBadRequest       = "bad_request"
	codeUnauthorized     = "unauthorized"
	codeForbidden        = "forbidden"
	codeNotFound         = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codeTooLarge         = "too_large"
	codeInternal         = "internal"
)

func badRequest(format string, args ...any) error {
	return &apiError{http.StatusBadRequest, codeBadRequest, fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &apiError{http.StatusNotFound, codeNotFound, fmt.Sprintf(format, args...)}
}

// errorBody is the shape of every error response.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError answers with err: an apiError as it is, a store error that
// says the client is at fault as a 404 or 400, anything else as a 500
// whose details go to the log, not to the client.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
	case errors.Is(err, store.ErrNotFound):
		ae = &apiError{http.StatusNotFound, codeNotFound, err.Error()}
	case errors.Is(err, store.ErrInvalid):
		ae = &apiError{http.StatusBadRequest, codeBadRequest, err.Error()}
	default:
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			ae = &apiError{http.StatusRequestEntityTooLarge, codeTooLarge,
				fmt.Sprintf("the request body is over %d bytes", tooBig.Limit)}
			break
		}
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "error", err)
		ae = &apiError{http.StatusInternalServerError, codeInternal, "internal error; the server's log says more"}
	}
	if ae.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tally"`)
	}
	var body errorBody
	body.Error.Code, body.Error.Message = ae.code, ae.message
	s.writeJSON(w, r, ae.status, body)
}

// writeJSON answers with v as JSON. encoding/json escapes <, > and & in
// strings, so document text can never be taken for markup, even by a
// client that ignores Content-Type. A successful GET carries an ETag, the
// hash of its body, and answers a matching If-None-Match with 304.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	// Encoded into a pooled buffer, with its newline, rather than marshalled
	// and copied to add one: a document with its copies is 100-150 kB.
	buf := bufPool.Get().(*bytes.Buffer)
	defer putBuf(buf)
	buf.Reset()
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		s.log.Error("encode response", "path", r.URL.Path, "error", err)
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"internal error; the server's log says more"}}` + "\n")
	}
	s.writeEncoded(w, r, status, buf.Bytes())
}

// writeRawPage answers with a page of items encoded already, as
// writeJSON answers with a page[T] of them: the encoder would check and
// copy each item again.
func (s *Server) writeRawPage(w http.ResponseWriter, r *http.Request, items []json.RawMessage, next *string) {
	buf := bufPool.Get().(*bytes.Buffer)
	defer putBuf(buf)
	buf.Reset()
	buf.WriteString(`{"items":[`)
	for i, it := range items {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(it)
	}
	buf.WriteString(`],"next":`)
	if next == nil {
		buf.WriteString("null")
	} else {
		// A cursor is a number: nothing in it to escape.
		buf.WriteString(strconv.Quote(*next))
	}
	buf.WriteString("}\n")
	s.writeEncoded(w, r, http.StatusOK, buf.Bytes())
}

// writeEncoded answers with a JSON body. A successful GET carries an ETag,
// the hash of its body, and answers a matching If-None-Match with 304.
func (s *Server) writeEncoded(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	etag := ""
	if (r.Method == http.MethodGet || r.Method == http.MethodHead) && status == http.StatusOK {
		sum := sha256.Sum256(body)
		etag = `"` + hex.EncodeToString(sum[:16]) + `"`
		if slot, ok := r.Context().Value(cacheSlot{}).(cacheSlot); ok {
			s.cache.put(slot.version, slot.key, bytes.Clone(body), etag, slot.stable)
		}
	}
	writeBody(w, r, status, body, etag)
}

// writeBody answers with a JSON body; etag, when set, is its ETag, and a
// request whose If-None-Match matches it is answered 304.
func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte, etag string) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if etag != "" {
		h.Set("ETag", etag)
		// Clients may keep a response but must ask again before using it:
		// the store changes with every ingest.
		h.Set("Cache-Control", "no-cache")
		if etagMatch(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuf returns a response buffer to the pool unless it grew past what
// most responses need, so that one huge response is not kept.
func putBuf(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		bufPool.Put(b)
	}
}

// etagMatch applies RFC 9110's weak comparison of If-None-Match to etag.
func etagMatch(header, etag string) bool {
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}

// page is one page of a list: its items and the cursor of the next page,
// null on the last.
type page[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next"`
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
