// Package neardup finds near-duplicate news texts: the same wire story
// reprinted by several outlets, with a different headline, a byline or
// dateline added ("BEIRUT (Reuters) -", "- AFP"), a paragraph dropped, a
// sentence reworded, other punctuation and case. Such copies form one report
// group and must count as one report, not as independent sources: counting
// syndicated copies separately is the classic error of automated event data
// (GDELT counts reports, not events). Different stories on the same topic,
// such as two Reuters reports on shelling in Aleppo on different days, share
// many words but are not grouped.
//
// The method is MinHash over word shingles with LSH banding. A text is
// normalised (lower case, diacritics and apostrophes dropped, every other
// non-letter a word break) and cut into overlapping runs of K words
// (shingles). Each shingle is hashed once; its top bits choose one of N
// bins and the least value in each bin is kept (one permutation hashing,
// with empty bins filled by densification), which estimates Jaccard
// similarity as well as N separate hash functions at a fraction of the
// cost. Bands cuts a signature into keys so that near-duplicates are found
// by exact key lookup (in a map or a database index) instead of comparing
// every pair; Similarity then confirms each candidate against Threshold.
//
// Signatures are meant to be stored, so the hashing is fixed: no random
// seed, no per-process state. Changing any constant below changes every
// signature; bump FormatVersion when that happens, and the golden test will
// say so.
package neardup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	// K is the shingle length in words. On the development corpus
	// (TestFakesDev) the pairs that are one agency story as two outlets
	// edited it have exact Jaccard at least 0.40 with 3-word shingles and
	// the nearest distinct pairs at most 0.28; with 5 words those figures
	// are 0.30 and 0.24, because editors swap single words ("militants" for
	// "jihadists") and each swap breaks K shingles, while the boilerplate
	// that distinct stories share comes in long runs and barely depends on
	// K. 2 words lets stock phrases through (0.42 against 0.39).
	K = 3

	// N is the number of bins. The standard error of the estimate is about
	// sqrt(J(1-J)/N), 0.042 at J = 0.33 for 128, at 512 bytes a stored
	// signature.
	N = 128

	// Rows is the number of bins per band and NumBands the number of
	// bands. Two texts share a band key with probability
	// 1-(1-J^Rows)^NumBands: 0.9994 at J = 0.33 and 0.99999 at J = 0.4,
	// so a lookup misses almost no pair above Threshold; pairs at J = 0.1
	// are candidates with probability 0.47 and at J = 0.02 with 0.025, a
	// price paid in Similarity calls (0.45% of the corpus's pairs). Four
	// rows would miss 44% of pairs at J = 0.4.
	Rows     = 2
	NumBands = N / Rows

	// Threshold is the least Similarity at which two texts are the same
	// report: midway between 0.28 and 0.40 of K's measurement, a little
	// low, since real reprints vary more than the corpus shows.
	Threshold = 0.33

	// FormatVersion is the first byte of MarshalBinary's output. It names
	// the hashing as much as the layout: signatures of different versions
	// cannot be compared.
	FormatVersion = 1
)

// Signature is the MinHash signature of a text. Two signatures are
// comparable only if made by the same FormatVersion.
type Signature [N]uint32

// empty is the signature of a text with no words: no shingle lowered any
// position.
var empty = func() (s Signature) {
	for i := range s {
		s[i] = math.MaxUint32
	}
	return s
}()

// Empty reports whether s is the signature of a text with no words. All
// such texts share it, and Similarity calls them identical; Group leaves
// them out, and so should any other grouping, since having no words is no
// evidence of a common source.
func (s Signature) Empty() bool { return s == empty }

// mix is the splitmix64 finaliser: every input bit affects every output bit.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// FNV-1a, whose constants are fixed by its definition, hashes each word.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Byte classes of ASCII: a letter or digit stands for itself, lower-cased;
// the others are either dropped inside a word or break it.
const (
	clsBreak = 0
	clsDrop  = 1
)

var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		case c == '\'' || c == '`':
			// "Syria's" and the scraped "Syrias" must be one word, and so
			// must "Ma'arrat" and "Maarrat".
			t[c] = clsDrop
		default:
			t[c] = clsBreak
		}
	}
	return t
}()

// special folds letters Unicode does not decompose into a base letter and
// marks, and Arabic letter variants that writers mix freely.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h",
	'ٱ': "ا", 'أ': "ا", 'إ': "ا", 'آ': "ا", // alef with hamza or madda
	'ة': "ه", // ta marbuta is written as ha as often as not
	'ى': "ي", // alef maqsura
	'ی': "ي", // Persian yeh
	'ک': "ك", // Persian kaf
}

// dropRune reports non-ASCII runes dropped without breaking a word:
// typographic apostrophes, transliteration's ayn and hamza signs, the Arabic
// tatweel and standalone hamza, and combining marks (Arabic vowel signs
// included).
func dropRune(r rune) bool {
	switch r {
	case '\u2019', '\u2018', '\u00B4', '\u02BC', '\u02BB', '\u02BE', '\u02BF', '\u2032', '\u0640', '\u0621':
		return true
	}
	return unicode.Is(unicode.Mn, r)
}

// shingler accumulates a signature from a stream of word hashes.
type shingler struct {
	sig   Signature
	ring  [K]uint64 // the last K word hashes, ring[words%K] the oldest
	words int
}

func (s *shingler) word(h uint64) {
	s.ring[s.words%K] = h
	s.words++
	if s.words >= K {
		s.shingle(s.words-K, K)
	}
}

// shingle lowers the signature by the shingle of the n words that begin
// with word number start (counting from 0), which must still be in the ring.
func (s *shingler) shingle(start, n int) {
	x := uint64(n) // a short text's 3-word shingle differs from a 5-word one
	for j := range n {
		x = (x ^ s.ring[(start+j)%K]) * fnvPrime
	}
	x = mix(x)
	// One permutation hashing: the shingle's top bits choose its bin, the
	// low 32 bits are its value there. One hash per shingle instead of N
	// keeps Sign fast (N multiply-adds a shingle ran at 24 MB/s); bins left
	// empty are filled by densify.
	bin := x >> (64 - binBits)
	v := min(uint32(x), math.MaxUint32-1) // MaxUint32 marks an empty bin
	s.sig[bin] = min(s.sig[bin], v)
}

// binBits is log2(N): a shingle's bin is its hash's top binBits bits.
const binBits = 7

// finish gives a text of fewer than K words the one shingle of all its
// words, so that it still has a signature equal to that of the same short
// text and unequal to others.
func (s *shingler) finish() Signature {
	if s.words > 0 && s.words < K {
		s.shingle(0, s.words)
	}
	if s.words > 0 {
		densify(&s.sig)
	}
	return s.sig
}

// densify fills each empty bin from a non-empty one chosen by a fixed hash
// of the bin and the attempt number, the "optimal densification" of
// Shrivastava (ICML 2017). Two texts then agree in an empty bin exactly
// when they agree in the bin it borrows from, which keeps the share of
// equal bins an unbiased estimate of Jaccard similarity for short texts,
// with lower variance than borrowing from the next bin to the right.
func densify(sig *Signature) {
	full := *sig // the values before filling: borrow only real ones
	for i := range sig {
		if full[i] != math.MaxUint32 {
			continue
		}
		for t := uint64(1); ; t++ {
			j := mix(uint64(i)<<32|t) >> (64 - binBits)
			if full[j] != math.MaxUint32 {
				sig[i] = full[j]
				break
			}
		}
	}
}

// Sign returns the signature of text. Invalid UTF-8 is read as word breaks.
func Sign(text string) Signature {
	s := shingler{sig: empty}
	h := uint64(fnvOffset)
	inWord := false
	// A comma or full stop between digits is dropped so that "1,200" and
	// "1200" are one word; lastDigit says the previous byte was a digit.
	lastDigit := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch cls := asciiClass[c]; cls {
			case clsDrop:
				i++
				continue
			case clsBreak:
				if (c == ',' || c == '.') && lastDigit && i+1 < len(text) && '0' <= text[i+1] && text[i+1] <= '9' {
					i++
					continue
				}
				if inWord {
					s.word(h)
					h, inWord = fnvOffset, false
				}
				lastDigit = false
			default:
				h = (h ^ uint64(cls)) * fnvPrime
				inWord = true
				lastDigit = cls <= '9'
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		lastDigit = false
		switch {
		case dropRune(r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			h = foldRune(h, r)
			inWord = true
		default:
			if inWord {
				s.word(h)
				h, inWord = fnvOffset, false
			}
		}
	}
	if inWord {
		s.word(h)
	}
	return s.finish()
}

// foldRune feeds the folded form of a non-ASCII letter or digit to the
// word hash h: lower case, compatibility-decomposed (ligatures, full-width
// forms), without combining marks, Arabic-Indic digits as ASCII.
func foldRune(h uint64, r rune) uint64 {
	switch {
	case '٠' <= r && r <= '٩':
		return (h ^ uint64('0'+r-'٠')) * fnvPrime
	case '۰' <= r && r <= '۹':
		return (h ^ uint64('0'+r-'۰')) * fnvPrime
	}
	r = unicode.ToLower(r)
	if f, ok := special[r]; ok {
		return hashBytes(h, f)
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFKD.Properties(buf[:n]).Decomposition()
	if d == nil {
		return hashBytes(h, string(buf[:n]))
	}
	for len(d) > 0 {
		dr, size := utf8.DecodeRune(d)
		d = d[size:]
		if unicode.Is(unicode.Mn, dr) {
			continue
		}
		var fb [utf8.UTFMax]byte
		h = hashBytes(h, string(fb[:utf8.EncodeRune(fb[:], unicode.ToLower(dr))]))
	}
	return h
}

func hashBytes(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// Similarity estimates the Jaccard similarity of the shingle sets of the
// texts a and b were made from: the share of positions where they agree.
func Similarity(a, b Signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / N
}

// Same reports whether a and b are the same report: Similarity at least
// Threshold.
func Same(a, b Signature) bool { return Similarity(a, b) >= Threshold }

// bandBits is where the band index sits in a band key: the top byte, so
// that keys of different bands never collide and the other 56 bits hash
// the band's rows.
const bandBits = 56

// Bands returns the NumBands LSH keys of s. Two texts that share any key
// are candidates, to be confirmed with Similarity.
func (s Signature) Bands() []uint64 {
	keys := make([]uint64, NumBands)
	for b := range keys {
		rows := s[b*Rows : (b+1)*Rows]
		x := uint64(b)
		for _, v := range rows {
			x = mix(x ^ uint64(v))
		}
		keys[b] = uint64(b)<<bandBits | x&(1<<bandBits-1)
	}
	return keys
}

// MarshalBinary encodes s as FormatVersion followed by its N values,
// little-endian: 1 + 4N bytes.
func (s Signature) MarshalBinary() ([]byte, error) {
	out := make([]byte, 1, 1+4*N)
	out[0] = FormatVersion
	for _, v := range s {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return out, nil
}

// ErrFormat is returned by UnmarshalBinary for bytes that are not a
// signature of this FormatVersion.
var ErrFormat = errors.New("neardup: not a signature of this format version")

// UnmarshalBinary decodes what MarshalBinary made. It refuses other
// versions rather than compare signatures made by different hashing.
func (s *Signature) UnmarshalBinary(data []byte) error {
	if len(data) != 1+4*N {
		return fmt.Errorf("%w: %d bytes, want %d", ErrFormat, len(data), 1+4*N)
	}
	if data[0] != FormatVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrFormat, data[0], FormatVersion)
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(data[1+4*i:])
	}
	return nil
}
