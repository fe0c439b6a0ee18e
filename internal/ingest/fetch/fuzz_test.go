package fetch

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"testing"
)

// The address check, against netip's own classification: nothing it lets
// through is loopback, private, link-local, multicast, unspecified or
// CGNAT, in any spelling.
func FuzzControl(f *testing.F) {
	for _, s := range []string{"127.0.0.1:80", "[::ffff:127.0.0.1]:80", "[fe80::1%eth0]:443", "8.8.8.8:53", "[2606:4700::1111]:443", "100.64.0.1:80", "0.0.0.0:0", "[::]:1"} {
		f.Add(s)
	}
	cgnat := netip.MustParsePrefix("100.64.0.0/10")
	c := New(Options{})
	f.Fuzz(func(t *testing.T, addr string) {
		err := c.control("tcp", addr, nil)
		if err != nil {
			if !errors.Is(err, ErrNotPublic) || strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("%q: %v", addr, err)
			}
			return
		}
		ap, perr := netip.ParseAddrPort(addr)
		if perr != nil {
			t.Fatalf("%q allowed but does not parse: %v", addr, perr)
		}
		ip := ap.Addr().Unmap()
		if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
			ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() || cgnat.Contains(ip) {
			t.Fatalf("%q allowed", addr)
		}
	})
}

// Whatever the URL, Get fails (here: nothing can be dialled) with one line
// that starts "fetch ", and never panics.
func FuzzGetURL(f *testing.F) {
	for _, s := range []string{"https://example.org/news", "http://[::1]:80/", "ftp://x", "http://exa mple/\n", "//host/path", "http://%41/", "https://user:pw@host:99999/"} {
		f.Add(s)
	}
	errNoNet := errors.New("no network while fuzzing")
	c := New(Options{})
	c.dial = func(context.Context, string, string) (net.Conn, error) { return nil, errNoNet }
	f.Fuzz(func(t *testing.T, rawURL string) {
		_, err := c.Get(context.Background(), rawURL)
		if err == nil {
			t.Fatalf("%q: no error", rawURL)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "fetch ") || strings.ContainsAny(msg, "\r\n") {
			t.Fatalf("%q: message %q", rawURL, msg)
		}
	})
}
