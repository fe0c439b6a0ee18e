// Command corpus builds a large corpus for the ingest and query benchmarks
// from the real articles of fakes-dev: each synthetic article takes the
// title and lead of one article and the sentences of two others, so that
// every text is different (nothing is deduplicated away) while the prose,
// and so the work of extraction, stays that of real war reports.
//
//	go run ./bench/corpus -n 100000 -o /tmp/corpus.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/tallyhq/tally/internal/document"
)

func main() {
	n := flag.Int("n", 100000, "articles to write")
	out := flag.String("o", "corpus.jsonl", "output JSON Lines file")
	src := flag.String("src", "../shared/corpus/fakes-dev/fakes-dev.csv", "articles to draw from")
	flag.Parse()
	if err := run(*n, *out, *src); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

type article struct {
	title, published, source string
	sentences                []string
}

func run(n int, out, src string) error {
	var arts []article
	for d, err := range document.ReadPath(src, document.Options{}) {
		if err != nil {
			continue
		}
		s := splitSentences(d.Body.Raw)
		if len(s) < 3 {
			continue
		}
		arts = append(arts, article{d.Title.Raw, d.Published, d.Source, s})
	}
	if len(arts) < 3 {
		return fmt.Errorf("%s: too few articles", src)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	enc := json.NewEncoder(w)
	for i := range n {
		a, b, c := arts[rng.IntN(len(arts))], arts[rng.IntN(len(arts))], arts[rng.IntN(len(arts))]
		var body []string
		body = append(body, a.sentences[:max(1, len(a.sentences)*2/5)]...)
		body = append(body, b.sentences[len(b.sentences)/2:]...)
		body = append(body, c.sentences[len(c.sentences)*2/3:]...)
		rec := map[string]string{
			"id": fmt.Sprintf("bench-%d", i), "title": a.title, "published": a.published,
			"source": a.source, "text": strings.Join(body, " "),
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// splitSentences cuts at a full stop followed by a space and a capital: good
// enough to recombine prose, not an analysis.
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && s[i+2] >= 'A' && s[i+2] <= 'Z' {
			out = append(out, strings.TrimSpace(s[start:i+1]))
			start = i + 2
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}
