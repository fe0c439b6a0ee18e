// Package extract turns a Document into claims and flags: it segments the
// text into paragraphs and sentences, runs the rule sets (numbers and time in
// subpackages number and timex, speakers and perpetrators in attrib, and here
// the casualty, victim, cause, place-mention and service tables under rules/),
// assembles each figure into a claim.Claim with its quote, and checks the
// article's figures against each other (flags.go).
//
// The word tables live in rules/*.tsv, one phrase a line, so that a linguist
// can add a verb or a victim noun without reading Go; each table has a corpus
// of example sentences in the *_corpus_test.go files that doubles as its test.
package extract
