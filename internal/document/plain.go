package document

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// reHeader is SPEC's optional plain-text header: "date YYYY-MM-DD" at the
// very start, leading spaces allowed.
var reHeader = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[ \t]*(?i:date)[ \t]*:?[ \t]+([0-9]{4}-[0-9]{2}-[0-9]{2})\b`)
})

// mayHaveHeader checks the line's start as reHeader would: most texts do
// not open with "date", and then the pattern need not run (or compile).
func mayHaveHeader(line string) bool {
	line = strings.TrimLeft(line, " \t")
	return len(line) >= 4 && strings.EqualFold(line[:4], "date")
}

// readHeader handles the start of a plain-text document. With the date
// header it returns the date, blanks the header in Norm (it is metadata,
// and "2018" must not read as a figure) and takes the rest of the first
// line, up to its first sentence end, as the headline. Without it, a short
// first line standing alone as a paragraph and not ending like a sentence is
// taken as the headline, as plain-text articles are commonly laid out.
func readHeader(d *Document) (string, bool) {
	norm := d.Body.Norm
	lineEnd := strings.IndexByte(norm, '\n')
	if lineEnd < 0 {
		lineEnd = len(norm)
	}
	var m []int
	if mayHaveHeader(norm[:lineEnd]) {
		m = reHeader().FindStringSubmatchIndex(norm[:lineEnd])
	}
	if m == nil {
		if a, b, ok := titleLine(norm); ok {
			d.Headline = [2]int{a, b}
		}
		return "", false
	}
	date, ok := ParseDate(norm[m[2]:m[3]])
	d.Body.Blank(m[0], m[1])
	start := m[1]
	for start < lineEnd && (norm[start] == ' ' || norm[start] == '\t') {
		start++
	}
	end := sentenceEnd(norm[:lineEnd], start)
	for end > start && unicode.IsSpace(rune(norm[end-1])) {
		end--
	}
	if end > start {
		d.Headline = [2]int{start, end}
	}
	return date, ok
}

// titleLine finds a headline in plain text without the header: the first
// non-blank line, followed by a blank line and more text, at most 200 bytes
// and 30 words, not ending with a full stop.
func titleLine(norm string) (int, int, bool) {
	start := 0
	for start < len(norm) && unicode.IsSpace(rune(norm[start])) {
		start++
	}
	nl := strings.IndexByte(norm[start:], '\n')
	if nl < 0 {
		return 0, 0, false
	}
	end := start + nl
	rest := norm[end+1:]
	blank := strings.IndexByte(rest, '\n')
	if blank < 0 || strings.TrimSpace(rest[:blank]) != "" || strings.TrimSpace(rest) == "" {
		return 0, 0, false
	}
	line := strings.TrimRight(norm[start:end], " \t\r")
	end = start + len(line)
	if len(line) == 0 || len(line) > 200 || len(strings.Fields(line)) > 30 {
		return 0, 0, false
	}
	if last, _ := utf8.DecodeLastRuneInString(line); last == '.' {
		return 0, 0, false
	}
	return start, end, true
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "sgt": true, "cpl": true, "st": true, "no": true,
	"jr": true, "sr": true, "rep": true, "sen": true, "gov": true, "pres": true, "rev": true,
	"inc": true, "co": true, "corp": true, "ltd": true, "vs": true, "etc": true, "approx": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"intl": true, "govt": true, "dept": true, "est": true,
}

// sentenceEnd returns the end (after the punctuation and any closing quote)
// of the first sentence of s starting at start, or len(s). A full stop ends a
// sentence unless it closes an abbreviation or an initial ("U.S.", "Lt.") or
// the next word starts in lower case.
func sentenceEnd(s string, start int) int {
	for i := start; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == c) {
			j++
		}
		if j < len(s) && !unicode.IsSpace(rune(s[j])) {
			continue // "3.5", "U.S", "...it"
		}
		if c == '.' {
			w := i
			for w > start && (unicode.IsLetter(rune(s[w-1])) || s[w-1] == '.') {
				w--
			}
			word := strings.ToLower(s[w:i])
			if abbreviations[word] || strings.Count(word, ".") > 0 || (len(word) == 1 && unicode.IsUpper(rune(s[w]))) {
				continue
			}
			k := j
			for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
				k++
			}
			if k < len(s) {
				if r, _ := utf8.DecodeRuneInString(s[k:]); unicode.IsLower(r) {
					continue
				}
			}
		}
		return j
	}
	return len(s)
}
