package attrib

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkSpans fails unless every span of s lies within it and its Text is
// exactly the slice it points at.
func checkSpans(t *testing.T, s string, as []Attribution, ms []ActorMention) {
	t.Helper()
	check := func(what string, sp Span) {
		if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
			t.Fatalf("%s span %d..%d out of range for %d bytes: %q", what, sp.Start, sp.End, len(s), s)
		}
		if s[sp.Start:sp.End] != sp.Text {
			t.Fatalf("%s span %d..%d is %q, Text %q", what, sp.Start, sp.End, s[sp.Start:sp.End], sp.Text)
		}
	}
	for _, a := range as {
		check("speaker", a.Span)
		if a.Source.Text != a.Text {
			t.Fatalf("Source.Text %q != span text %q", a.Source.Text, a.Text)
		}
		if a.CueAt < 0 || a.CueAt+len(a.Cue) > len(s) || s[a.CueAt:a.CueAt+len(a.Cue)] != a.Cue {
			t.Fatalf("cue %q not at %d in %q", a.Cue, a.CueAt, s)
		}
		if a.Via != nil {
			check("via", a.Via.Span)
		}
		if len(strings.Fields(a.Text)) > 3*maxWords {
			t.Fatalf("speaker phrase too long: %q", a.Text)
		}
	}
	for _, m := range ms {
		check("actor", m.Span)
		if m.Actor.Text != m.Text || m.Actor.Name == "" {
			t.Fatalf("bad actor mention %+v", m)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.sentence)
	}
	for _, s := range []string{
		"", " ", "said", "according to", "according", "quoted by", "\"", "“said”", "U.S.-", "a-",
		"Syria's", "'s said", "(", ")", "() said", "the ( said", "by by by said",
		"\xff\xfe said the", "said\n\nthe Observatory", "IS IS IS said", "— said —",
		"the Observatory which which which said", "SANA quoted as", "was quoted by",
		"Syrian and and and warplanes", "US-led-led coalition", "al-al-al-Nusra",
		"put", "put the toll", "the monitor put the toll at", "placed the number of the number at at",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		as := Find(s)
		ms := FindActorMentions(s)
		checkSpans(t, s, as, ms)
		actors := FindActors(s)
		// Given the lower-cased sentence, the same tokens and finds; given
		// one of another length, no panic.
		if got, want := tokenizeLowered(s, asciiLower(s), nil), tokenize(s, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("tokenizeLowered(%q) = %+v, tokenize gives %+v", s, got, want)
		}
		if got := FindLowered(s, asciiLower(s)); !reflect.DeepEqual(got, as) {
			t.Fatalf("FindLowered(%q) = %+v, Find gives %+v", s, got, as)
		}
		if got := FindActorsLowered(s, asciiLower(s)); !reflect.DeepEqual(got, actors) {
			t.Fatalf("FindActorsLowered(%q) = %+v, FindActors gives %+v", s, got, actors)
		}
		FindLowered(s, "x")
		for _, a := range as {
			if !utf8.ValidString(s) {
				break
			}
			Normalize(a.Text)
		}
		Normalize(s)
		NormalizeActor(s)
	})
}
