// Package fetch gets pages and feeds from the web for tally ingest, and
// owns everything that makes fetching a URL someone typed (or a feed
// linked to) safe to do unattended: only http and https; no connection to
// a loopback, private, link-local, multicast, unspecified or otherwise
// reserved address, checked on the address actually dialled so that DNS
// rebinding and redirects cannot reach one either; a bounded number of
// redirects; one timeout for the whole request, body included; and a limit
// on the decoded body, so that a gzip bomb or an endless response stops
// with an error instead of filling memory.
//
// The address check is code.dny.dev/ssrf, which follows the IANA
// special-purpose address registries for IPv4 and IPv6.
//
// Reading a Response into documents is the document package's job
// (Response.Documents hands it over).
package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"code.dny.dev/ssrf"
	"github.com/tallyhq/tally/internal/document"
)

// Defaults for the zero values of Options.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
)

// Errors that say why a fetch failed, for errors.Is; the messages say more.
var (
	ErrNotPublic        = errors.New("not a public address")
	ErrTooManyRedirects = errors.New("too many redirects")
	ErrScheme           = errors.New("unsupported URL scheme")
	ErrTimeout          = errors.New("timed out")
	ErrContentEncoding  = errors.New("unsupported Content-Encoding")
)

// Options configure a Client. The zero value is the safe default.
type Options struct {
	// AllowPrivate allows loopback, private, link-local, unspecified and
	// other non-public addresses: for tests, and for a user who means to
	// read from their own network.
	AllowPrivate bool
	// Timeout bounds the whole request: connecting, redirects, headers and
	// body. Zero means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes bounds the body after decoding. Zero means
	// document.DefaultMaxBytes, the limit a document read from a file has.
	MaxBytes int64
	// MaxRedirects is how many redirects are followed; zero means
	// DefaultMaxRedirects, a negative number none.
	MaxRedirects int
	// UserAgent is sent with every request; empty means
	// "tally/VERSION (+https://github.com/tallyhq/tally)".
	UserAgent string
}

// Client fetches URLs; it is safe for concurrent use.
type Client struct {
	opt Options
	hc  *http.Client
	// check refuses an address before it is dialled; nil allows all.
	check func(netip.AddrPort) error
	// dial opens connections; tests replace it to play a DNS that answers
	// with a loopback address.
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// guardian is the address check; only addresses are checked, not ports: a
// news site may well serve on 8080, and the danger is where a connection
// goes, not its port.
var guardian = ssrf.New(ssrf.WithAnyPort())

// New makes a Client with opt, its zero fields set to their defaults.
func New(opt Options) *Client {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = document.DefaultMaxBytes
	}
	switch {
	case opt.MaxRedirects == 0:
		opt.MaxRedirects = DefaultMaxRedirects
	case opt.MaxRedirects < 0:
		opt.MaxRedirects = 0
	}
	if opt.UserAgent == "" {
		opt.UserAgent = "tally/" + version() + " (+https://github.com/tallyhq/tally)"
	}
	c := &Client{opt: opt}
	if !opt.AllowPrivate {
		c.check = guardian.SafeAddrPort
	}
	dialer := &net.Dialer{Timeout: opt.Timeout, KeepAlive: 30 * time.Second, Control: c.control}
	c.dial = dialer.DialContext
	transport := &http.Transport{
		// No proxy from the environment: a proxy is dialled in place of
		// the host, so the address check would see only the proxy's.
		Proxy:                  nil,
		DialContext:            func(ctx context.Context, network, addr string) (net.Conn, error) { return c.dial(ctx, network, addr) },
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
		// Get decodes gzip itself, so that the size limit applies to the
		// decoded body whatever the server sends.
		DisableCompression: true,
		MaxIdleConns:       16,
		IdleConnTimeout:    90 * time.Second,
	}
	c.hc = &http.Client{Transport: transport, CheckRedirect: c.checkRedirect}
	return c
}

// control runs after DNS and before connecting, on every connection,
// redirects' included: the one place where the address cannot change any
// more.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	if c.check == nil {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &notPublicError{addr: strconv.Quote(address), why: "cannot parse the address"}
	}
	if err := c.check(ap); err != nil {
		return &notPublicError{addr: printable(ap.Addr().String()), why: reason(ap.Addr(), err)}
	}
	return nil
}

// printable is addr as it reads, or quoted when it has a character that
// is not graphic: an IPv6 zone may hold any byte ("fe80::1%\n"), and an
// error stays one line.
func printable(addr string) string {
	if strings.ContainsFunc(addr, func(r rune) bool { return !unicode.IsGraphic(r) }) {
		return strconv.Quote(addr)
	}
	return addr
}

// notPublicError is a refused address; it is ErrNotPublic.
type notPublicError struct{ addr, why string }

func (e *notPublicError) Error() string {
	return fmt.Sprintf("refused to connect to %s: %v (%s)", e.addr, ErrNotPublic, e.why)
}

func (e *notPublicError) Is(target error) bool { return target == ErrNotPublic }

// reason names the reserved range an address is in.
func reason(ip netip.Addr, err error) string {
	for _, p := range ssrf.IPv4DeniedPrefixes {
		if p.Contains(ip) {
			return "in " + p.String()
		}
	}
	if ip.Is6() && !ssrf.IPv6GlobalUnicast.Contains(ip) {
		if ip.Is4In6() {
			return "an IPv4-mapped IPv6 address"
		}
		return "outside " + ssrf.IPv6GlobalUnicast.String() + ", the global unicast range"
	}
	for _, p := range ssrf.IPv6DeniedPrefixes {
		if p.Contains(ip) {
			return "in " + p.String()
		}
	}
	return err.Error()
}

// redirectError stops a redirect; it is ErrTooManyRedirects when that is
// the reason.
type redirectError struct{ n int }

func (e *redirectError) Error() string {
	if e.n == 0 {
		return "redirects are not followed"
	}
	return fmt.Sprintf("stopped after %d redirects", e.n)
}

func (e *redirectError) Is(target error) bool { return target == ErrTooManyRedirects }

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opt.MaxRedirects {
		return &redirectError{n: c.opt.MaxRedirects}
	}
	if err := checkScheme(req.URL); err != nil {
		return fmt.Errorf("redirect to %s: %w", show(req.URL.String()), err)
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	return nil
}

func checkScheme(u *url.URL) error {
	switch u.Scheme {
	case "http", "https":
	default:
		return fmt.Errorf("%w %q (want http or https)", ErrScheme, u.Scheme)
	}
	if u.Host == "" {
		return errors.New("no host in the URL")
	}
	return nil
}

// Response is a successful (2xx) response, its body read and decoded.
type Response struct {
	URL         string // the final URL, after redirects
	ContentType string // the Content-Type header, as sent
	Body        []byte
}

// Documents reads the response's documents with document.ReadFetched: the
// format from the content and the Content-Type, the final URL for those
// that give none.
func (r *Response) Documents(opt document.Options) iter.Seq2[*document.Document, error] {
	return document.ReadFetched(r.URL, r.ContentType, bytes.NewReader(r.Body), opt)
}

// StatusError is a response that was not 2xx.
type StatusError struct {
	Code   int
	Status string // "404 Not Found"
}

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// Get fetches rawURL. Every error is one line, "fetch URL: why", and wraps
// the errors of this package (ErrNotPublic, ErrTooManyRedirects, ...),
// document.ErrTooLarge for a body over the limit, or a *StatusError.
func (c *Client) Get(ctx context.Context, rawURL string) (*Response, error) {
	resp, err := c.get(ctx, rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", show(rawURL), err)
	}
	return resp, nil
}

func (c *Client) get(ctx context.Context, rawURL string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("invalid URL: %w", err)
	}
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, c.opt.Timeout, fmt.Errorf("%w after %s", ErrTimeout, c.opt.Timeout))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5")
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.cause(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &StatusError{Code: resp.StatusCode, Status: statusText(resp)}
	}
	body, err := c.readBody(resp)
	if err != nil {
		return nil, c.cause(ctx, err)
	}
	return &Response{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}

// cause gives the reason for err a person can act on: the timeout rather
// than "context deadline exceeded", the refused address rather than the
// dial error around it, the redirect limit rather than the URL it stopped
// at.
func (c *Client) cause(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	var np *notPublicError
	if errors.As(err, &np) {
		return np
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func statusText(resp *http.Response) string {
	if s := strings.TrimSpace(resp.Status); s != "" && strings.HasPrefix(s, strconv.Itoa(resp.StatusCode)) {
		return oneLine(s)
	}
	return fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}

// readBody reads the body, decoded, up to the limit. Both the bytes on the
// wire and the decoded ones are bounded: the first stops a compressed
// stream that decodes to nothing for ever, the second a gzip bomb.
func (c *Client) readBody(resp *http.Response) ([]byte, error) {
	max := c.opt.MaxBytes
	if resp.ContentLength > max {
		return nil, c.tooLarge()
	}
	var r io.Reader = &limitReader{r: resp.Body, left: max, err: c.tooLarge()}
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		defer zr.Close()
		r = &limitReader{r: zr, left: max, err: c.tooLarge()}
	default:
		return nil, fmt.Errorf("%w %q", ErrContentEncoding, oneLine(enc))
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return body, nil
}

func (c *Client) tooLarge() error {
	return fmt.Errorf("%w: the body is over %s (the limit)", document.ErrTooLarge, byteSize(c.opt.MaxBytes))
}

// limitReader reads up to left bytes and fails with err when there are
// more: a body cut at the limit would read as a whole, shorter, document.
type limitReader struct {
	r    io.Reader
	left int64
	err  error
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, l.err
	}
	// One byte more than is left tells a body of exactly the limit from a
	// longer one.
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n - 1, l.err
	}
	return n, err
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// show is a URL fit for a one-line message.
func show(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f || r == ' ' }) {
		return strconv.Quote(s)
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
