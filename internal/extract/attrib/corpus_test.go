package attrib

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakesDev returns the article texts of shared/corpus/fakes-dev, or skips.
func fakesDev(tb testing.TB) []string {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	candidates := []string{
		os.Getenv("TALLY_FAKES_DEV"),
		filepath.Join(filepath.Dir(here), "../../../../shared/corpus/fakes-dev/fakes-dev.csv"),
		"/work/shared/corpus/fakes-dev/fakes-dev.csv",
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		f, err := os.Open(c)
		if err != nil {
			continue
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil || len(recs) < 2 {
			tb.Skipf("fakes-dev unreadable: %v", err)
		}
		col := -1
		for i, h := range recs[0] {
			if h == "article_content" {
				col = i
			}
		}
		if col < 0 {
			tb.Skip("fakes-dev has no article_content column")
		}
		var out []string
		for _, rec := range recs[1:] {
			if col < len(rec) {
				out = append(out, rec[col])
			}
		}
		return out
	}
	tb.Skip("fakes-dev corpus not found")
	return nil
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
