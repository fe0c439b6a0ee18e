// Package storetest gives tests a fresh store of each kind: a SQLite file in
// the test's temporary directory, and a new database on the PostgreSQL
// server that TALLY_TEST_POSTGRES names (an admin URL, as printed by
// .ci/postgres). Without that variable the PostgreSQL half is skipped with a
// message, except under CI=true, where it fails: CI must test both.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for creating databases
)

// Each runs fn as a subtest once per kind of store, with the DSN of a new,
// empty store that is removed when the test ends.
func Each(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		fn(t, SQLite(t))
	})
	t.Run("postgres", func(t *testing.T) {
		fn(t, Postgres(t))
	})
}

// SQLite returns the path of a new SQLite store file.
func SQLite(t testing.TB) string {
	return filepath.Join(t.TempDir(), "tally.db")
}

// Postgres creates a new database on the test server and returns its URL.
func Postgres(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("TALLY_TEST_POSTGRES")
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("TALLY_TEST_POSTGRES is not set under CI=true: start a server with .ci/postgres")
		}
		t.Skip("TALLY_TEST_POSTGRES is not set: export TALLY_TEST_POSTGRES=$(.ci/postgres) to test PostgreSQL")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer db.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "tally_test_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("postgres: create database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("postgres: TALLY_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}
