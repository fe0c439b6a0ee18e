package document

import (
	"io"
	"iter"
	"mime"
	"strings"
)

// ReadFetched reads the documents in a response fetched from the web: url
// is where it came from in the end (after redirects), contentType the
// response's Content-Type header, possibly empty.
//
// The content decides the format first, as Read's sniffing does: servers
// label feeds text/xml, text/html or text/plain as often as they label
// them right. The Content-Type decides when the content does not tell
// (a page that opens with a script, a JSON array of strings) and for JSON
// Feed, which sniffs as plain JSON. The URL's extension is not used: a
// path such as /news.php or /story.html says nothing reliable about what
// the server sent.
//
// Documents that name no URL of their own (a page; a feed item without a
// link) get url. Errors name url, as Read's name them by name.
func ReadFetched(url, contentType string, r io.Reader, opt Options) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		rd := &reader{name: url, opt: opt, yield: yield, fetched: &fetched{url: url, contentType: contentType}}
		rd.read(r)
	}
}

// fetched is what is known about input read from the web.
type fetched struct {
	url, contentType string
}

// mediaFormats are the media types that name a format tally reads.
var mediaFormats = map[string]format{
	"text/html":                 formatHTML,
	"application/xhtml+xml":     formatHTML,
	"application/rss+xml":       formatFeed,
	"application/atom+xml":      formatFeed,
	"application/rdf+xml":       formatFeed,
	"application/feed+json":     formatFeed,
	"application/json":          formatJSON,
	"text/json":                 formatJSON,
	"application/x-ndjson":      formatJSONL,
	"application/jsonl":         formatJSONL,
	"application/jsonlines":     formatJSONL,
	"text/csv":                  formatCSV,
	"text/tab-separated-values": formatTSV,
	"text/plain":                formatText,
}

// format decides the format of a response from its first bytes and its
// Content-Type.
func (f *fetched) format(head []byte) format {
	media, _, err := mime.ParseMediaType(f.contentType)
	if err != nil {
		media = ""
	}
	byType, known := mediaFormats[strings.ToLower(media)]
	switch byContent := sniff(head); {
	case byContent == formatJSON && media == "application/feed+json":
		return formatFeed
	case byContent != formatText || !known:
		return byContent
	}
	return byType
}
