// Package document reads articles into Documents: plain text with its
// optional date header, JSON and JSON Lines, CSV, HTML pages and stdin. It
// normalises the text for the rule sets while keeping every offset pointing
// into the text as read, blanks out scraped page furniture, keeps outlet and
// wire credits as metadata and finds the publication date in the text when
// the metadata lacks it.
package document
