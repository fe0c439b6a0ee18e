package neardup

import (
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/testshared"
)

func BenchmarkSign(b *testing.B) {
	text := strings.Join(testshared.FakesDevColumn(b, "article_content"), "\n")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Sign(text)
	}
}
