// Package serve is tally's HTTP API: the JSON endpoints under /api/v1
// over the store (documents, claims, incidents, places, verdicts, reviews),
// checking a text or URL, ingesting one document, and the OpenAPI
// description that documents them.
//
// It owns what makes the API safe to put in front of people and scripts:
// bearer tokens for every write (only their hashes are stored), a
// read-only mode for public deployments, body size limits and timeouts,
// URL fetching that refuses private and loopback addresses (through
// ingest/fetch), JSON-only responses (so that document text is always
// escaped, never rendered), security headers, and errors as JSON with a
// code and a message: a bad parameter is a 400 that says what is wrong,
// never a 500. Reads carry ETags and lists page with cursors.
//
// It is built on net/http's ServeMux patterns (method and path wildcards);
// every route is in one table (routes in server.go) that the OpenAPI
// description is tested against.
package serve
