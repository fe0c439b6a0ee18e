package document

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
)

// readHTML extracts the article from a web page with go-readability
// (Mozilla's Readability, which drops scripts, menus and other boilerplate;
// it also detects the page's character set). Body.Raw is the extracted
// text, which offsets then point into; the title, publication time and
// site name come from the page's metadata.
func (rd *reader) readHTML(data []byte) {
	art, err := parseHTML(data)
	if err != nil {
		rd.emit(nil, errorf(rd.name, "HTML: %v", err))
		return
	}
	if art.Node == nil {
		rd.emit(nil, at(rd.name, fmt.Errorf("%w: no article text found in the page", ErrEmpty)))
		return
	}
	var b strings.Builder
	if err := art.RenderText(&b); err != nil {
		rd.emit(nil, errorf(rd.name, "HTML: %v", err))
		return
	}
	m := meta{origin: rd.name, title: art.Title(), source: art.SiteName(), html: true}
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		m.published = t.Format(time.DateOnly)
	}
	rd.emitBuilt(strings.TrimSpace(b.String()), m)
}

// parseHTML runs go-readability, turning a panic in it into an error: bad
// input must never crash a batch.
func parseHTML(data []byte) (art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot extract the article: %v", r)
		}
	}()
	return readability.FromReader(bytes.NewReader(data), nil)
}
