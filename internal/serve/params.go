package serve

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tallyhq/tally/internal/claim"
)

// Limits of list pages.
const (
	defaultLimit = 50
	maxLimit     = 500
	// maxParam bounds a query parameter's value: names and words, not text.
	maxParam = 500
)

// params are a request's query parameters, checked: every name must be one
// the endpoint knows (a misspelt filter would otherwise select everything),
// and every value valid UTF-8 without NUL bytes, which PostgreSQL refuses.
type params struct {
	v    url.Values
	list map[string]bool // names that take several values
}

// parseParams reads r's query; single are the names that take one value,
// lists those that take several (repeated or comma-separated).
func parseParams(r *http.Request, single []string, lists ...string) (*params, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, badRequest("query: %v", err)
	}
	p := &params{v: v, list: map[string]bool{}}
	for _, name := range lists {
		p.list[name] = true
	}
	for name, values := range v {
		if !slices.Contains(single, name) && !p.list[name] {
			known := append(slices.Clone(single), lists...)
			slices.Sort(known)
			if len(known) == 0 {
				return nil, badRequest("unknown parameter %q: this endpoint takes none", name)
			}
			return nil, badRequest("unknown parameter %q (known: %s)", name, strings.Join(known, ", "))
		}
		if len(values) > 1 && !p.list[name] {
			return nil, badRequest("parameter %q is given %d times; it takes one value", name, len(values))
		}
		for _, val := range values {
			if err := checkText(name, val, maxParam); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// checkText refuses what the store cannot keep or search for.
func checkText(name, val string, max int) error {
	switch {
	case !utf8.ValidString(val):
		return badRequest("%s: not valid UTF-8", name)
	case strings.IndexByte(val, 0) >= 0:
		return badRequest("%s: holds a NUL character", name)
	case len(val) > max:
		return badRequest("%s: over %d bytes", name, max)
	}
	return nil
}

func (p *params) str(name string) string { return strings.TrimSpace(p.v.Get(name)) }

// values are a list parameter's values, repeated or comma-separated.
func (p *params) values(name string) []string {
	var out []string
	for _, v := range p.v[name] {
		for part := range strings.SplitSeq(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// date is a YYYY-MM-DD parameter, or "".
func (p *params) date(name string) (string, error) {
	v := p.str(name)
	if v == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return "", badRequest("%s %q: not a YYYY-MM-DD date", name, v)
	}
	return v, nil
}

// dates are the from and to parameters, in order.
func (p *params) dates() (from, to string, err error) {
	if from, err = p.date("from"); err != nil {
		return
	}
	if to, err = p.date("to"); err != nil {
		return
	}
	if from != "" && to != "" && to < from {
		err = badRequest("to %s is before from %s", to, from)
	}
	return
}

// id is a positive integer parameter, or 0.
func (p *params) id(name string) (int64, error) {
	v := p.str(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, badRequest("%s %q: not a positive integer", name, v)
	}
	return n, nil
}

// limit is the page size: defaultLimit, or 1 to maxLimit.
func (p *params) limit() (int, error) {
	v := p.str("limit")
	if v == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxLimit {
		return 0, badRequest("limit %q: a number from 1 to %d", v, maxLimit)
	}
	return n, nil
}

// cursor is where a page starts: the next value of the page before.
// Cursors are the last id of that page, so they stay valid while rows are
// added; clients should treat them as opaque.
func (p *params) cursor() (int64, error) {
	n, err := p.id("cursor")
	if err != nil {
		return 0, badRequest("cursor %q: not one this API gave", p.str("cursor"))
	}
	return n, nil
}

func (p *params) flag(name string) (bool, error) {
	switch v := p.str(name); v {
	case "":
		return false, nil
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	default:
		return false, badRequest("%s %q: true or false", name, v)
	}
}

// enum is a single parameter that must be one of allowed, or "".
func enum[T ~string](p *params, name string, allowed []T) (T, error) {
	v := p.str(name)
	if v == "" {
		return "", nil
	}
	if !slices.Contains(allowed, T(v)) {
		return "", badRequest("%s %q: one of %s", name, v, joinValues(allowed))
	}
	return T(v), nil
}

// enums are a list parameter's values, each one of allowed.
func enums[T ~string](p *params, name string, allowed []T) ([]T, error) {
	var out []T
	for _, v := range p.values(name) {
		if !slices.Contains(allowed, T(v)) {
			return nil, badRequest("%s %q: one of %s", name, v, joinValues(allowed))
		}
		out = append(out, T(v))
	}
	return out, nil
}

func joinValues[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// next is the cursor of the page after one that asked for limit items and
// got items (one more than limit when there is a next page); last gives an
// item's id.
func next[T any](items []T, limit int, last func(T) int64) ([]T, *string) {
	if len(items) <= limit {
		if items == nil {
			items = []T{}
		}
		return items, nil
	}
	items = items[:limit]
	c := strconv.FormatInt(last(items[limit-1]), 10)
	return items, &c
}

// facets reads the filters claims and places share: kind, victims and
// cause (several each) and source_type.
func (p *params) facets(kinds *[]claim.Kind, victims *[]claim.Victims, causes *[]claim.Cause, sourceType *claim.SourceType) error {
	var err error
	if *kinds, err = enums(p, "kind", claim.Kinds); err != nil {
		return err
	}
	if *victims, err = enums(p, "victims", claim.VictimsAll); err != nil {
		return err
	}
	if *causes, err = enums(p, "cause", claim.Causes); err != nil {
		return err
	}
	*sourceType, err = enum(p, "source_type", claim.SourceTypes)
	return err
}
