package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
)

// Token is an API bearer token as the store keeps it: its name and dates.
// The token itself is shown once, when it is made, and never stored.
type Token struct {
	Name    string
	Created string
	Revoked string // "" while the token is live
}

// ErrExists is returned for a name that a live token holds already.
var ErrExists = errors.New("exists")

// tokenPrefix marks tally's tokens, so that one pasted where it should not
// be is recognised by secret scanners and people.
const tokenPrefix = "tally_"

var tokenName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

// ValidTokenName reports whether name may name a token: it names the
// reviewer in the review log, so it is kept short and plain.
func ValidTokenName(name string) bool { return tokenName.MatchString(name) }

// hashToken is what the store keeps of a token. Tokens are 256 random
// bits, so a plain SHA-256 (no salt, no stretching) cannot be reversed
// and lets a token be found by its hash.
func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// CreateToken makes a new token called name and returns it; only its hash
// is stored. A live token of the same name is ErrExists.
func (s *Store) CreateToken(ctx context.Context, name string) (string, error) {
	if !ValidTokenName(name) {
		return "", fmt.Errorf("token %q: a name is 1 to 64 letters, digits and . _ @ -, starting with a letter or digit", name)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("token %s: %w", name, err)
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("token %s: begin: %w", name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, s.rebind(`SELECT count(*) FROM tokens WHERE name = ? AND revoked_at IS NULL`), name).Scan(&n); err != nil {
		return "", fmt.Errorf("token %s: %w", name, err)
	}
	if n > 0 {
		return "", fmt.Errorf("token %s: %w (revoke it first)", name, ErrExists)
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO tokens (name, hash, created_at) VALUES (?, ?, ?)`),
		name, hashToken(token), now()); err != nil {
		return "", fmt.Errorf("token %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("token %s: commit: %w", name, err)
	}
	return token, nil
}

// Tokens lists every token, revoked ones included, oldest first.
func (s *Store) Tokens(ctx context.Context) ([]Token, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, created_at, revoked_at FROM tokens ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var revoked sql.NullString
		if err := rows.Scan(&t.Name, &t.Created, &revoked); err != nil {
			return nil, fmt.Errorf("tokens: %w", err)
		}
		t.Revoked = revoked.String
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken ends the live token called name; ErrNotFound when there is
// none. The row stays, so that the log's reviewer names keep their dates.
func (s *Store) RevokeToken(ctx context.Context, name string) error {
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL`), now(), name)
	if err != nil {
		return fmt.Errorf("revoke token %s: %w", name, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("revoke token %s: %w", name, ErrNotFound)
	}
	return nil
}

// TokenName returns the name of a live token; ErrNotFound for a token that
// is unknown or revoked.
func (s *Store) TokenName(ctx context.Context, token string) (string, error) {
	var name string
	err := s.queryRow(ctx, s.rebind(`SELECT name FROM tokens WHERE hash = ? AND revoked_at IS NULL`), hashToken(token)).Scan(&name)
	if err == sql.ErrNoRows {
		return "", fmt.Errorf("token: %w", ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	return name, nil
}
