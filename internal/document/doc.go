// Package document reads articles into Documents: plain text with its
// optional date header, JSON and JSON Lines, CSV, HTML pages, RSS and Atom
// feeds (a document per item), standard input and directories of such
// files. It normalises the text for the rule sets while keeping every
// offset pointing into the text as read, blanks out scraped page furniture,
// keeps outlet and wire credits as metadata and finds the publication date
// in the text when the metadata lacks it.
//
// Bad input never stops a batch: each unreadable, binary, oversized or
// malformed document, record or feed item becomes one error naming the file
// and the line or item, and reading goes on with the next.
//
// The furniture, credit and date-stamp patterns are data, in
// furniture_rules.go; the characters Norm folds are in fold.go.
package document
