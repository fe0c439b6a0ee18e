package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/document"
)

const page = `<!doctype html><html><head><title>Shelling kills 4</title></head><body><article><p>` +
	`Four people were killed when shells hit the market on Saturday, the local council said. ` +
	`Nine were wounded. Rescue workers searched the rubble through the night. ` +
	`The council said the market had been hit twice this month.</p></article></body></html>`

// server serves the cases of TestGet on paths of their own.
func server(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/ua", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, r.Header.Get("User-Agent"))
	})
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			http.Redirect(w, r, "/page", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("a"), 4<<10)) // Content-Length is set
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		for range 4 {
			w.Write(bytes.Repeat([]byte("a"), 1<<10))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("a"), 1<<10))
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/plain")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, "Five were hurt.")
		zw.Close()
	})
	// A gzip bomb that never ends: gzip members of 1 MiB of zeros each
	// (about 1 KiB compressed), one after another, for as long as the
	// client reads; a gzip stream may hold any number of members.
	var member bytes.Buffer
	zw := gzip.NewWriter(&member)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		for r.Context().Err() == nil {
			if _, err := w.Write(member.Bytes()); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/brotli", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "br")
		w.Write([]byte{0x1b, 0x03})
	})
	// A body that never ends, slowly: only the timeout stops it.
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		for r.Context().Err() == nil {
			w.Write([]byte("killed "))
			w.(http.Flusher).Flush()
			time.Sleep(5 * time.Millisecond)
		}
	})
	mux.HandleFunc("/silent", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestGet(t *testing.T) {
	srv := server(t)
	for _, tc := range []struct {
		name    string
		path    string // on srv, or a whole URL
		opt     Options
		wantErr string // the message after "fetch URL: "; "" for success
		is      error  // what the error must be, with errors.Is
		body    string // the body, when it succeeded
		final   string // the final path, when it succeeded
	}{
		{name: "page", path: "/page", body: page, final: "/page"},
		{name: "user agent", path: "/ua", opt: Options{UserAgent: "tally-test/1"}, body: "tally-test/1", final: "/ua"},
		{name: "default user agent", path: "/ua", body: "tally/devel (+https://github.com/tallyhq/tally)", final: "/ua"},
		{name: "redirects followed", path: "/hop/3", body: page, final: "/page"},
		{name: "five redirects are the default limit", path: "/hop/4", body: page, final: "/page"},
		{name: "one redirect over", path: "/hop/5", wantErr: "stopped after 5 redirects", is: ErrTooManyRedirects},
		{name: "redirect loop", path: "/loop", wantErr: "stopped after 5 redirects", is: ErrTooManyRedirects},
		{name: "a lower limit", path: "/hop/2", opt: Options{MaxRedirects: 2}, wantErr: "stopped after 2 redirects", is: ErrTooManyRedirects},
		{name: "no redirects", path: "/hop/0", opt: Options{MaxRedirects: -1}, wantErr: "redirects are not followed", is: ErrTooManyRedirects},
		{name: "redirect to ftp", path: "/to-ftp", wantErr: `redirect to ftp://example.org/x: unsupported URL scheme "ftp" (want http or https)`, is: ErrScheme},
		{name: "404", path: "/missing", wantErr: "HTTP 404 Not Found"},
		{name: "over the limit, Content-Length", path: "/big", opt: Options{MaxBytes: 1 << 10}, wantErr: "too large: the body is over 1 KiB (the limit)", is: document.ErrTooLarge},
		{name: "over the limit, chunked", path: "/big-chunked", opt: Options{MaxBytes: 1 << 10}, wantErr: "too large: the body is over 1 KiB (the limit)", is: document.ErrTooLarge},
		{name: "exactly the limit", path: "/exact", opt: Options{MaxBytes: 1 << 10}, body: strings.Repeat("a", 1<<10), final: "/exact"},
		{name: "gzip decoded", path: "/gzip", body: "Five were hurt.", final: "/gzip"},
		{name: "gzip bomb stops at the limit", path: "/bomb", opt: Options{MaxBytes: 1 << 20}, wantErr: "too large: the body is over 1 MiB (the limit)", is: document.ErrTooLarge},
		{name: "unknown encoding", path: "/brotli", wantErr: `unsupported Content-Encoding "br"`, is: ErrContentEncoding},
		{name: "endless body", path: "/endless", opt: Options{Timeout: 300 * time.Millisecond}, wantErr: "timed out after 300ms", is: ErrTimeout},
		{name: "no answer", path: "/silent", opt: Options{Timeout: 100 * time.Millisecond}, wantErr: "timed out after 100ms", is: ErrTimeout},
		{name: "file scheme", path: "file:///etc/passwd", wantErr: `unsupported URL scheme "file" (want http or https)`, is: ErrScheme},
		{name: "no scheme", path: "example.org/news", wantErr: `unsupported URL scheme "" (want http or https)`, is: ErrScheme},
		{name: "no host", path: "http:///news", wantErr: "no host in the URL"},
		{name: "bad URL", path: "http://exa mple.org/\n", wantErr: `invalid URL: net/url: invalid control character in URL`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rawURL := tc.path
			if strings.HasPrefix(tc.path, "/") {
				rawURL = srv.URL + tc.path
			}
			opt := tc.opt
			opt.AllowPrivate = true // httptest listens on loopback
			resp, err := New(opt).Get(context.Background(), rawURL)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if string(resp.Body) != tc.body || resp.URL != srv.URL+tc.final {
					t.Errorf("got %q from %s, want %q from %s", resp.Body, resp.URL, tc.body, srv.URL+tc.final)
				}
				return
			}
			if err == nil {
				t.Fatalf("got %q from %s, want error %q", resp.Body, resp.URL, tc.wantErr)
			}
			want := "fetch " + show(rawURL) + ": " + tc.wantErr
			if err.Error() != want {
				t.Errorf("error\n%s\nwant\n%s", err, want)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("error is not one line")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
		})
	}
}

func TestStatusError(t *testing.T) {
	srv := server(t)
	_, err := New(Options{AllowPrivate: true}).Get(context.Background(), srv.URL+"/missing")
	var se *StatusError
	if !errors.As(err, &se) || se.Code != http.StatusNotFound {
		t.Errorf("got %v, want a *StatusError for 404", err)
	}
}

func TestCancelled(t *testing.T) {
	srv := server(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := New(Options{AllowPrivate: true}).Get(ctx, srv.URL+"/silent")
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// By default every way to reach a loopback server is refused at dial time:
// directly, through a name that resolves to it (DNS rebinding), and by a
// redirect from a host that passed the check.
func TestRefusePrivate(t *testing.T) {
	target := server(t)
	targetAddr := target.Listener.Addr().String()
	// front passes the check (as if public) and redirects to the target.
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	}))
	t.Cleanup(front.Close)
	frontAddr := netip.MustParseAddrPort(front.Listener.Addr().String())

	// client: the default Client, with front deemed public and a DNS that
	// resolves rebind.example to the target's loopback address.
	client := func() *Client {
		c := New(Options{})
		check := c.check
		c.check = func(ap netip.AddrPort) error {
			if ap == frontAddr {
				return nil
			}
			return check(ap)
		}
		dial := c.dial
		c.dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if host, port, _ := net.SplitHostPort(addr); host == "rebind.example" {
				_, targetPort, _ := net.SplitHostPort(targetAddr)
				addr = net.JoinHostPort("127.0.0.1", targetPort)
				if port != targetPort {
					return nil, fmt.Errorf("test: unexpected port %s", port)
				}
			}
			return dial(ctx, network, addr)
		}
		return c
	}
	_, targetPort, _ := net.SplitHostPort(targetAddr)
	for _, tc := range []struct{ name, url string }{
		{"loopback", target.URL + "/page"},
		{"localhost", "http://localhost:" + targetPort + "/page"},
		{"a name that resolves to loopback", "http://rebind.example:" + targetPort + "/page"},
		{"a redirect to loopback", front.URL + "/?to=" + target.URL + "/page"},
		{"a redirect to a name that resolves to loopback", front.URL + "/?to=http://rebind.example:" + targetPort + "/page"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := client().Get(context.Background(), tc.url)
			if !errors.Is(err, ErrNotPublic) {
				t.Fatalf("got %v, want ErrNotPublic", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "fetch "+tc.url+": refused to connect to ") || !strings.Contains(msg, "not a public address") {
				t.Errorf("message %q", msg)
			}
		})
	}
	// The same requests are allowed with AllowPrivate.
	c := New(Options{AllowPrivate: true})
	if _, err := c.Get(context.Background(), front.URL+"/?to="+target.URL+"/page"); err != nil {
		t.Errorf("AllowPrivate: %v", err)
	}
}

func TestControl(t *testing.T) {
	c := New(Options{})
	for _, tc := range []struct {
		addr string
		why  string // "" when allowed
	}{
		{"93.184.216.34:80", ""},
		{"8.8.8.8:443", ""},
		{"100.128.0.1:80", ""}, // just past CGNAT
		{"[2606:4700:4700::1111]:443", ""},
		{"203.0.114.1:8080", ""},
		{"127.0.0.1:80", "in 127.0.0.0/8"},
		{"127.1.2.3:80", "in 127.0.0.0/8"},
		{"10.0.0.1:80", "in 10.0.0.0/8"},
		{"172.16.5.4:80", "in 172.16.0.0/12"},
		{"172.31.255.255:80", "in 172.16.0.0/12"},
		{"192.168.1.1:80", "in 192.168.0.0/16"},
		{"169.254.169.254:80", "in 169.254.0.0/16"},
		{"0.0.0.0:80", "in 0.0.0.0/8"},
		{"0.1.2.3:80", "in 0.0.0.0/8"},
		{"100.64.0.1:80", "in 100.64.0.0/10"},
		{"100.127.255.255:80", "in 100.64.0.0/10"},
		{"224.0.0.1:80", "in 224.0.0.0/4"},
		{"255.255.255.255:80", "in 240.0.0.0/4"},
		{"[::1]:80", "outside 2000::/3, the global unicast range"},
		{"[::]:80", "outside 2000::/3, the global unicast range"},
		{"[fe80::1]:80", "outside 2000::/3, the global unicast range"},
		{"[fe80::1%eth0]:80", "outside 2000::/3, the global unicast range"},
		{"[fc00::1]:80", "outside 2000::/3, the global unicast range"},
		{"[fd12:3456::1]:80", "outside 2000::/3, the global unicast range"},
		{"[ff02::1]:80", "outside 2000::/3, the global unicast range"},
		{"[::ffff:127.0.0.1]:80", "an IPv4-mapped IPv6 address"},
		{"[::ffff:10.0.0.1]:80", "an IPv4-mapped IPv6 address"},
		{"[::ffff:8.8.8.8]:80", "an IPv4-mapped IPv6 address"},
		{"[64:ff9b::7f00:1]:80", "outside 2000::/3, the global unicast range"}, // NAT64 of 127.0.0.1
		{"[2002:7f00:1::1]:80", "in 2002::/16"},                                // 6to4 of 127.0.0.1
		{"[2001:db8::1]:80", "in 2001:db8::/32"},                               // documentation
		{"not-an-address:80", "cannot parse the address"},
	} {
		err := c.control("tcp", tc.addr, nil)
		switch {
		case tc.why == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.addr, err)
		case tc.why != "" && err == nil:
			t.Errorf("%s: allowed", tc.addr)
		case tc.why != "" && (!errors.Is(err, ErrNotPublic) || !strings.HasSuffix(err.Error(), "("+tc.why+")")):
			t.Errorf("%s: %v, want ErrNotPublic (%s)", tc.addr, err, tc.why)
		}
	}
	if err := New(Options{AllowPrivate: true}).control("tcp4", "127.0.0.1:80", nil); err != nil {
		t.Errorf("AllowPrivate: %v", err)
	}
}

func TestDocuments(t *testing.T) {
	srv := server(t)
	resp, err := New(Options{AllowPrivate: true}).Get(context.Background(), srv.URL+"/hop/1")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for d, err := range resp.Documents(document.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if !d.HTML || d.URL != srv.URL+"/page" || d.Origin != srv.URL+"/page" || !strings.Contains(d.Body.Raw, "Four people were killed") {
			t.Errorf("HTML %v URL %q Origin %q Body %q", d.HTML, d.URL, d.Origin, d.Body.Raw)
		}
	}
	if n != 1 {
		t.Errorf("%d documents", n)
	}
}
