package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/tallyhq/tally/internal/claim"
)

// Source is a stored document's text and metadata as it was read: what
// re-extraction needs to read it again.
type Source struct {
	ID        int64
	ExtID     string
	Title     string
	Body      string
	Published string
	Source    string
	URL       string
	Origin    string
	HTML      bool
	Plain     bool
	Extractor string
}

// Sources streams every stored document's text, oldest first, in pages, so
// that the caller may write to the store while it reads (re-extraction) and
// memory stays bounded. Only documents made by another extractor version
// than except are given, unless except is "".
func (s *Store) Sources(ctx context.Context, except string) iter.Seq2[Source, error] {
	const page = 256
	return func(yield func(Source, error) bool) {
		var after int64
		for {
			batch, err := s.sourcePage(ctx, after, except, page)
			if err != nil {
				yield(Source{}, err)
				return
			}
			for _, src := range batch {
				if !yield(src, nil) {
					return
				}
			}
			if len(batch) < page {
				return
			}
			after = batch[len(batch)-1].ID
		}
	}
}

func (s *Store) sourcePage(ctx context.Context, after int64, except string, n int) ([]Source, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT id, ext_id, title, body, published, source, url, origin,
		html, plain, extractor FROM documents WHERE id > ? AND extractor <> ? ORDER BY id LIMIT ?`), after, except, n)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		var src Source
		var published, source, url struct{ s sql.NullString }
		if err := rows.Scan(&src.ID, &src.ExtID, &src.Title, &src.Body, &published.s, &source.s, &url.s,
			&src.Origin, &src.HTML, &src.Plain, &src.Extractor); err != nil {
			return nil, fmt.Errorf("documents: %w", err)
		}
		src.Published, src.Source, src.URL = published.s.String, source.s.String, url.s.String
		out = append(out, src)
	}
	return out, rows.Err()
}

// Extraction is what re-extraction found in a stored document.
type Extraction struct {
	Credits      []string
	PrimaryPlace *claim.Place
	Places       []claim.Place
	Claims       []claim.Claim
	Flags        []claim.Flag
	Extractor    string
}

// Replace swaps a stored document's claims and flags for new ones in one
// transaction. The document's text, identity and report group stay.
func (s *Store) Replace(ctx context.Context, docID int64, published, outlet string, e Extraction) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("replace %d: begin: %w", docID, err)
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM claims WHERE doc_id = ?`, `DELETE FROM flags WHERE doc_id = ?`} {
		if _, err := tx.ExecContext(ctx, s.rebind(q), docID); err != nil {
			return fmt.Errorf("replace %d: %w", docID, err)
		}
	}
	credits, _ := json.Marshal(nonNil(e.Credits))
	places, _ := json.Marshal(nonNilPlaces(e.Places))
	var pName, pAdmin1, pCountry *string
	if p := e.PrimaryPlace; p != nil {
		pName, pAdmin1, pCountry = p.Name, p.Admin1, p.Country
	}
	_, err = tx.ExecContext(ctx, s.rebind(`UPDATE documents SET credits = ?, places = ?, primary_name = ?,
		primary_admin1 = ?, primary_country = ?, extractor = ? WHERE id = ?`),
		string(credits), string(places), pName, pAdmin1, pCountry, e.Extractor, docID)
	if err != nil {
		return fmt.Errorf("replace %d: %w", docID, err)
	}
	w, err := s.newWriter(ctx, tx)
	if err != nil {
		return fmt.Errorf("replace %d: %w", docID, err)
	}
	defer w.close()
	if err := w.insertResult(ctx, docID, docFields{published, outlet}, e.Claims, e.Flags, e.Extractor); err != nil {
		return fmt.Errorf("replace %d: %w", docID, err)
	}
	if err := s.indexText(ctx, tx, []int64{docID}, false); err != nil {
		return fmt.Errorf("replace %d: %w", docID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace %d: commit: %w", docID, err)
	}
	return nil
}
