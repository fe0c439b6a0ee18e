package document

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// readFeed reads an RSS (0.9x, 1.0, 2.0) or Atom feed with gofeed, one
// document per item. The whole feed is bounded by MaxBytes, as a file of
// the other whole-file formats is: gofeed returns the feed only once it has
// parsed all of it, so a feed cannot be streamed item by item anyway.
//
// An item's text is its full content (content:encoded, Atom content), else
// its description or summary, turned from an HTML fragment into text by
// go-readability's renderer, the one the HTML path uses. Readability's
// boilerplate scoring is not run on it: a feed item's content is the
// article already, and the scoring, tuned on whole pages, throws away short
// fragments such as a two-sentence description.
func (rd *reader) readFeed(data []byte) {
	feed, err := parseFeed(data)
	if err != nil {
		rd.emit(nil, errorf(rd.name, "%s", oneLine(err.Error())))
		return
	}
	if len(feed.Items) == 0 {
		rd.emit(nil, at(rd.name, fmt.Errorf("%w: the feed has no items", ErrEmpty)))
		return
	}
	source := fragmentText(feed.Title, true)
	for i, it := range feed.Items {
		origin := fmt.Sprintf("%s:item %d", rd.name, i+1)
		title := fragmentText(it.Title, true)
		body := fragmentText(it.Content, false)
		if body == "" {
			body = fragmentText(it.Description, false)
		}
		if body == "" {
			if !rd.emit(nil, at(origin, fmt.Errorf("%w: no content or description (%s)", ErrEmpty, itemName(title, it.Link)))) {
				return
			}
			continue
		}
		m := meta{origin: origin, title: title, source: source, url: it.Link, published: itemDate(it), html: true, feedItem: true}
		if !rd.emitBuilt(body, m) {
			return
		}
	}
}

// parseFeed runs gofeed, turning a panic in it into an error: bad input
// must never crash a batch.
func parseFeed(data []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("cannot parse the feed: %v", r)
		}
	}()
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(data))
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return nil, errors.New("not an RSS or Atom feed")
	case err != nil:
		return nil, fmt.Errorf("invalid feed: %w", err)
	}
	return feed, nil
}

// itemDate is the item's publication date, else the date it was last
// updated (Atom feeds often give only that), as YYYY-MM-DD. The date as
// written comes first: gofeed turns times into UTC, which moves an evening
// story in the Americas or an early one in Asia to another day than the
// one its outlet published it on.
func itemDate(it *gofeed.Item) string {
	for _, d := range []struct {
		raw    string
		parsed *time.Time
	}{{it.Published, it.PublishedParsed}, {it.Updated, it.UpdatedParsed}} {
		if date, ok := ParseDate(d.raw); ok {
			return date
		}
		if d.parsed != nil && !d.parsed.IsZero() {
			return d.parsed.Format(time.DateOnly)
		}
	}
	return ""
}

// itemName says which item an error is about beyond its number: its title,
// else its link.
func itemName(title, link string) string {
	switch {
	case title != "":
		return fmt.Sprintf("title %q", truncate(title, 80))
	case link != "":
		return fmt.Sprintf("link %q", truncate(link, 120))
	}
	return "no title or link"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// fragmentText turns an HTML fragment (or plain text, which parses as
// itself) into text. A title is folded onto one line.
func fragmentText(s string, line bool) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	var text string
	if !strings.ContainsAny(s, "<&") {
		text = s
	} else if doc, err := html.Parse(strings.NewReader(s)); err == nil {
		text = render.InnerText(doc)
	} else {
		text = s
	}
	if line {
		text = strings.Join(strings.Fields(text), " ")
	}
	return strings.TrimSpace(text)
}

// oneLine keeps an error message on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
