package document

import (
	"slices"
	"strings"
	"testing"
)

func TestReadFetched(t *testing.T) {
	const url = "https://news.example.org/final"
	page := readTestdata(t, "page.html")
	feed := readTestdata(t, "feed.rss")
	scriptFirst := `<script>var x = 1;</script><div><p>` + strings.Repeat("Eleven people were killed in the town on Friday, officials said. ", 12) + `</p></div>`
	jsonFeed := `{"version": "https://jsonfeed.org/version/1.1", "title": "JF", "items": [{"id": "1", "url": "https://jf.example/1", "content_html": "<p>Eight were hurt.</p>"}]}`
	for _, tc := range []struct {
		name, contentType, body string
		want                    []string
		html                    bool
		urls                    []string // each document's URL
	}{
		{"page as text/html", "text/html; charset=utf-8", page, []string{"doc " + url}, true, []string{url}},
		{"page mislabelled text/plain: the content decides", "text/plain", page, []string{"doc " + url}, true, []string{url}},
		{"page that opens with a script: the type decides", "text/html", scriptFirst, []string{"doc " + url}, true, []string{url}},
		{"the same with no type is text", "", scriptFirst, []string{"doc " + url}, false, []string{url}},
		{"feed as text/xml", "text/xml", feed, []string{"doc " + url + ":item 1", "doc " + url + ":item 2", "err " + url + `:item 3: empty document: no content or description (title "Photo gallery: the market after the strike")`, "doc " + url + ":item 4"}, true,
			[]string{"https://news.example.org/2019/03/02/shelling", "https://news.example.org/2019/03/03/convoy", "https://news.example.org/2019/03/04/plain"}},
		{"feed as application/rss+xml", "application/rss+xml", feed, []string{"doc " + url + ":item 1", "doc " + url + ":item 2", "err " + url + `:item 3: empty document: no content or description (title "Photo gallery: the market after the strike")`, "doc " + url + ":item 4"}, true,
			[]string{"https://news.example.org/2019/03/02/shelling", "https://news.example.org/2019/03/03/convoy", "https://news.example.org/2019/03/04/plain"}},
		{"JSON Feed", "application/feed+json", jsonFeed, []string{"doc " + url + ":item 1"}, true, []string{"https://jf.example/1"}},
		{"item without a link gets the feed's URL", "", `<rss version="2.0"><channel><item><description>Two were hurt.</description></item></channel></rss>`, []string{"doc " + url + ":item 1"}, true, []string{url}},
		{"plain text", "text/plain; charset=utf-8", "Four were killed on Monday.", []string{"doc " + url}, false, []string{url}},
		{"JSON keeps its own url", "application/json", `{"text": "Five were hurt.", "url": "https://own.example/5"}`, []string{"doc " + url}, false, []string{"https://own.example/5"}},
		{"a bad Content-Type is ignored", "text/html; charset", "Six were hurt.", []string{"doc " + url}, false, []string{url}},
		{"empty", "text/html", "", []string{"err " + url + ": empty document"}, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := collect(t, ReadFetched(url, tc.contentType, strings.NewReader(tc.body), Options{}))
			if got := summary(rs); !slices.Equal(got, tc.want) {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			checkErrors(t, rs, url)
			var urls []string
			for _, d := range docs(rs) {
				urls = append(urls, d.URL)
				if d.HTML != tc.html {
					t.Errorf("%s: HTML %v", d.Origin, d.HTML)
				}
			}
			if !slices.Equal(urls, tc.urls) {
				t.Errorf("URLs %q, want %q", urls, tc.urls)
			}
		})
	}
}
