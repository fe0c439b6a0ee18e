package neardup

import (
	"strings"
)

// perturb returns what another outlet might print of the story with this
// title and body: a new headline, a dateline and credit, one paragraph
// dropped, curly quotes for straight ones. seed picks which paragraph goes
// and which credit is added, so that articles are perturbed differently but
// every run alike.
//
// The corpus has no paragraph breaks, and its punctuation is partly
// stripped, so a paragraph is a run of sentences of at least paraWords
// words, as in wire copy. A paragraph is dropped only from an article of at
// least minParas of them: a reprint of a three-paragraph item drops a third
// of it, which is a different measurement (see harsh).
func perturb(title, body string, seed int) string {
	return perturbWith(title, body, seed, minParas)
}

const (
	paraWords = 30
	minParas  = 4
)

// harsh is perturb dropping a paragraph from any article of two or more,
// however large a share of it that is.
func harsh(title, body string, seed int) string {
	return perturbWith(title, body, seed, 2)
}

func perturbWith(title, body string, seed, minParas int) string {
	paras := paragraphs(body)
	if len(paras) >= minParas {
		// Never the first: the lede is what every reprint keeps.
		drop := 1 + seed%(len(paras)-1)
		paras = append(paras[:drop:drop], paras[drop+1:]...)
	}
	body = strings.Join(paras, "\n\n")
	body = strings.NewReplacer(`"`, "\u201c", "'", "\u2019").Replace(body)
	if seed%2 == 0 {
		body = "BEIRUT (Reuters) - " + body
	} else {
		body = "DAMASCUS, Syria -- " + body + " - AFP"
	}
	return newTitle(title) + "\n\n" + body
}

// paragraphs splits body at blank lines, or where it has none into runs of
// sentences of at least paraWords words.
func paragraphs(body string) []string {
	if strings.Contains(body, "\n\n") {
		return strings.Split(body, "\n\n")
	}
	var paras []string
	var cur []string
	words := 0
	for _, s := range splitSentences(body) {
		cur = append(cur, s)
		words += len(strings.Fields(s))
		if words >= paraWords {
			paras = append(paras, strings.Join(cur, " "))
			cur, words = nil, 0
		}
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, " "))
	}
	return paras
}

// newTitle writes a different headline from the same words in another
// order, as a subeditor does: "Syria: " and the title's second half first.
func newTitle(title string) string {
	w := strings.Fields(title)
	h := len(w) / 2
	return "Syria: " + strings.Join(append(w[h:len(w):len(w)], w[:h]...), " ")
}

// splitSentences cuts at a full stop, question or exclamation mark
// followed by a space. It cuts after abbreviations too, which only makes
// some "paragraphs" shorter.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(text); i++ {
		switch text[i] {
		case '.', '?', '!':
			if text[i+1] == ' ' {
				out = append(out, strings.TrimSpace(text[start:i+1]))
				start = i + 2
			}
		}
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}
