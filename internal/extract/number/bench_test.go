package number

import (
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/testshared"
)

// devText returns the article_content column of the development corpus,
// joined, or skips when the corpus is not there.
func devText(tb testing.TB) string {
	tb.Helper()
	return strings.Join(testshared.FakesDevColumn(tb, "article_content"), "\n") + "\n"
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
