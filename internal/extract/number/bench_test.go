package number

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
)

const devCSV = "../../../../shared/corpus/fakes-dev/fakes-dev.csv"

// devText returns the article_content column of the development corpus,
// joined, or skips when the corpus is not there.
func devText(tb testing.TB) string {
	tb.Helper()
	path := devCSV
	if _, err := os.Stat(path); err != nil {
		path = "/work/shared/corpus/fakes-dev/fakes-dev.csv"
	}
	fh, err := os.Open(path)
	if err != nil {
		tb.Skip("development corpus absent:", err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil || len(recs) < 2 {
		tb.Skip("development corpus unreadable:", err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "article_content" {
			col = i
		}
	}
	if col < 0 {
		tb.Skip("no article_content column")
	}
	var b strings.Builder
	for _, r := range recs[1:] {
		if col < len(r) {
			b.WriteString(r[col])
			b.WriteString("\n")
		}
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	text := devText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text)
	}
}

// TestFindDevCorpus runs Find over the real development corpus and checks
// the invariants every mention must keep.
func TestFindDevCorpus(t *testing.T) {
	text := devText(t)
	checkMentions(t, text, Find(text))
}
