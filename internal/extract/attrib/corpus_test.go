package attrib

import (
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/testshared"
)

// fakesDev returns the article texts of shared/corpus/fakes-dev, or skips.
func fakesDev(tb testing.TB) []string {
	tb.Helper()
	return testshared.FakesDevColumn(tb, "article_content")
}

// sentences splits text at a full stop, question or exclamation mark
// followed by a space, except after a single letter ("U.S. officials").
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(text); i++ {
		c := text[i]
		if (c == '.' || c == '?' || c == '!') && text[i+1] == ' ' {
			if c == '.' && i >= 2 && text[i-2] == '.' {
				continue
			}
			if s := strings.TrimSpace(text[start : i+1]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
