package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

func TestTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		tok, err := s.CreateToken(ctx, "amal")
		if err != nil || !strings.HasPrefix(tok, "tally_") || len(tok) < 40 {
			t.Fatalf("create = %q, %v", tok, err)
		}
		if _, err := s.CreateToken(ctx, "amal"); !errors.Is(err, store.ErrExists) {
			t.Errorf("a second live token of one name: %v, want ErrExists", err)
		}
		if _, err := s.CreateToken(ctx, "no spaces"); err == nil {
			t.Error("a name with a space was taken")
		}
		if name, err := s.TokenName(ctx, tok); err != nil || name != "amal" {
			t.Errorf("name of token = %q, %v", name, err)
		}
		if _, err := s.TokenName(ctx, tok+"x"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a wrong token: %v, want ErrNotFound", err)
		}
		if err := s.RevokeToken(ctx, "amal"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.TokenName(ctx, tok); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a revoked token: %v, want ErrNotFound", err)
		}
		if err := s.RevokeToken(ctx, "amal"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("revoking twice: %v, want ErrNotFound", err)
		}
		// The name is free again.
		if _, err := s.CreateToken(ctx, "amal"); err != nil {
			t.Fatal(err)
		}
		list, err := s.Tokens(ctx)
		if err != nil || len(list) != 2 || list[0].Revoked == "" || list[1].Revoked != "" {
			t.Errorf("tokens = %+v, %v", list, err)
		}
	})
}

func oneClaim(t *testing.T, s *store.Store, docID int64, cid string) store.StoredClaim {
	t.Helper()
	for c, err := range s.Claims(context.Background(), store.ClaimFilter{DocID: docID, CID: cid, Rejected: true, Hypothetical: true}) {
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	t.Fatalf("no claim %d/%s", docID, cid)
	return store.StoredClaim{}
}

func TestReviewsOverlayClaims(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		saved, err := s.Save(ctx, testDocs(), sameBytes)
		if err != nil {
			t.Fatal(err)
		}
		one, two := saved[0].ID, saved[1].ID
		c := oneClaim(t, s, one, "c1")
		for _, bad := range []string{`[]`, `{}`, `{"quote": {"start": 0}}`, `{"kind": "eaten"}`, `{"count": "twelve"}`,
			`{"count": {"value": 3, "low": 5, "high": 4, "qualifier": "exact", "text": "3"}}`, `{"period": {"start": "2018-13-01", "end": "2018-01-01", "precision": "day"}}`} {
			if _, err := s.AddReview(ctx, c, store.Correct, json.RawMessage(bad), "amal", "x"); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("correction %s: %v, want ErrInvalid", bad, err)
			}
		}
		if _, err := s.AddReview(ctx, c, "maybe", nil, "amal", "x"); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("decision maybe: %v", err)
		}
		// Correct the count and move the claim to Idlib.
		fix := `{"count": {"value": 14, "low": 14, "high": 14, "qualifier": "exact", "text": "14"},
			"place": {"text": "Idlib", "name": "Idlib", "admin1": "Idlib", "country": "SY", "geonames_id": null, "lat": null, "lon": null}}`
		if _, err := s.AddReview(ctx, c, store.Correct, json.RawMessage(fix), "amal", "the body says 14"); err != nil {
			t.Fatal(err)
		}
		c = oneClaim(t, s, one, "c1")
		if c.Count == nil || *c.Count.Value != 14 || c.Original == nil || *c.Original.Count.Value != 12 || c.Review.Reviewer != "amal" {
			t.Fatalf("corrected claim: %+v", c)
		}
		// A filter that the claim as extracted matches and the corrected one
		// does not leaves it out, and a limited page is still full.
		if got := claimsOf(t, s, store.ClaimFilter{Admin1: "Aleppo"}); !slices.Equal(got, []string{"three/c1"}) {
			t.Errorf("admin1 Aleppo after the correction: %v", got)
		}
		n := 0
		for c, err := range s.Claims(ctx, store.ClaimFilter{Country: "SY", Kinds: []claim.Kind{claim.Killed}, Admin1: "aleppo", Limit: 1}) {
			if err != nil || c.DocExtID != "three" {
				t.Errorf("page of one: %v %v", c.Ref(), err)
			}
			n++
		}
		if n != 1 {
			t.Errorf("page of one gave %d claims", n)
		}
		// Reject another; it leaves lists but not its document.
		c2 := oneClaim(t, s, two, "c1")
		if _, err := s.AddReview(ctx, c2, store.Reject, nil, "amal", "a duplicate"); err != nil {
			t.Fatal(err)
		}
		if got := claimsOf(t, s, store.ClaimFilter{}); slices.Contains(got, "two/c1") {
			t.Errorf("a rejected claim is listed: %v", got)
		}
		d, err := s.Document(ctx, "two")
		if err != nil || len(d.Claims) != 1 || d.Claims[0].Review.Decision != store.Reject {
			t.Fatalf("document of a rejected claim: %+v, %v", d, err)
		}
		// The latest decision applies; the log keeps every one.
		if _, err := s.AddReview(ctx, c2, store.Accept, nil, "bilal", "it is not a duplicate"); err != nil {
			t.Fatal(err)
		}
		if got := claimsOf(t, s, store.ClaimFilter{}); !slices.Contains(got, "two/c1") {
			t.Errorf("an accepted claim is not listed: %v", got)
		}
		log, err := s.Reviews(ctx, oneClaim(t, s, two, "c1"))
		if err != nil || len(log) != 2 || log[0].Decision != store.Reject || log[1].Reviewer != "bilal" {
			t.Errorf("log = %+v, %v", log, err)
		}
	})
}

func TestReviewQueueAndReopen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		saved, err := s.Save(ctx, testDocs(), sameBytes)
		if err != nil {
			t.Fatal(err)
		}
		queue := func() []string { return claimsOf(t, s, store.ClaimFilter{Unreviewed: true}) }
		all := claimsOf(t, s, store.ClaimFilter{})
		if got := queue(); !slices.Equal(got, all) {
			t.Fatalf("queue before any review = %v, want every claim %v", got, all)
		}
		c := oneClaim(t, s, saved[0].ID, "c1")
		if _, err := s.AddReview(ctx, c, store.Reopen, json.RawMessage(`{"kind": "injured"}`), "amal", ""); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("reopen with fields: %v, want ErrInvalid", err)
		}
		fix := `{"count": {"value": 14, "low": 14, "high": 14, "qualifier": "exact", "text": "14"}}`
		if _, err := s.AddReview(ctx, c, store.Correct, json.RawMessage(fix), "amal", "the body says 14"); err != nil {
			t.Fatal(err)
		}
		if got := queue(); slices.Contains(got, c.Ref()) || len(got) != len(all)-1 {
			t.Errorf("queue after a correction = %v, want all but %s", got, c.Ref())
		}
		// Undo: the claim reads as extracted again and is back in the queue.
		if _, err := s.AddReview(ctx, oneClaim(t, s, saved[0].ID, "c1"), store.Reopen, nil, "amal", "undo"); err != nil {
			t.Fatal(err)
		}
		c = oneClaim(t, s, saved[0].ID, "c1")
		if c.Original != nil || *c.Count.Value != 12 || c.Review == nil || c.Review.Decision != store.Reopen {
			t.Errorf("reopened claim: count %v, original %v, review %+v", *c.Count.Value, c.Original, c.Review)
		}
		if got := queue(); !slices.Equal(got, all) {
			t.Errorf("queue after reopening = %v, want %v", got, all)
		}
		if log, err := s.Reviews(ctx, c); err != nil || len(log) != 2 {
			t.Errorf("log keeps both decisions: %+v, %v", log, err)
		}
	})
}
