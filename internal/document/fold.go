package document

import "strings"

// foldTable lists the characters Norm folds, so that the rule sets need to
// know only one quote, one dash, one space and one set of digits. Each row
// maps every rune of From to To; an empty To deletes the rune. Extend it
// here; the offset map follows automatically.
var foldTable = []struct {
	From string
	To   string
	Why  string
}{
	{"\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\uFF07", "'", "curly single quotes, primes, modifier apostrophe"},
	{"\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\uFF02", `"`, "curly double quotes, double primes, guillemets"},
	{"\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D", "-", "hyphens, dashes and the minus sign"},
	{"\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000", " ", "no-break and other Unicode spaces"},
	{"\u0085\u2028\u2029", "\n", "Unicode line and paragraph separators"},
	{"\u200B\u200C\u200D\uFEFF\u2060\u00AD", "", "zero-width characters, byte order mark, soft hyphen"},
	{"\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u061C", "", "bidirectional marks, common in text from Arabic sites"},
	{"\u2026", "...", "ellipsis"},
	{"\u066B", ".", "Arabic decimal separator"},
	{"\u066C\u060C", ",", "Arabic thousands separator and comma"},
}

var foldMap = func() map[rune]string {
	m := map[rune]string{}
	for _, row := range foldTable {
		for _, r := range row.From {
			m[r] = row.To
		}
	}
	return m
}()

// foldRune gives the replacement of r in Norm, if it has one.
func foldRune(r rune) (string, bool) {
	switch {
	case r >= 0x0660 && r <= 0x0669: // Arabic-Indic digits
		return string(rune('0' + r - 0x0660)), true
	case r >= 0x06F0 && r <= 0x06F9: // Extended (Persian, Urdu) digits
		return string(rune('0' + r - 0x06F0)), true
	case r >= 0x80 && r <= 0x9F: // C1 controls, often mis-decoded Windows-1252
		if r == 0x85 {
			return "\n", true
		}
		return " ", true
	}
	s, ok := foldMap[r]
	return s, ok
}

// foldString folds every rune of s (already NFC) as foldRune does.
func foldString(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := foldRune(r); ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
