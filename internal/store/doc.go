// Package store keeps documents, their claims and flags, the places and
// sources they name, and the report groups that join copies of one wire
// story. It owns the schema and its versioned migrations (embedded, run on
// open) for two databases with one design: SQLite (pure Go, a file, the
// default) and PostgreSQL (for teams).
//
// A document is keyed by its normalised text, so storing the same input
// again stores nothing new, and each document is written with all its claims
// in one transaction, so an interrupted ingest never leaves half a document.
// The package knows nothing of how documents are read or claims extracted:
// it stores claim.Result values that its callers made.
package store
