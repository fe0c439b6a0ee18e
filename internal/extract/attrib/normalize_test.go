package attrib

import (
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
)

func TestLexiconLoads(t *testing.T) {
	for _, e := range lex.errs {
		t.Error(e)
	}
	if len(lex.vocab) == 0 || lex.src.root.next == nil || lex.act.root.next == nil {
		t.Fatal("lexicon is empty")
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct {
		phrase string
		name   string
		typ    claim.SourceType
		ok     bool
	}{
		{"the Russian Defense Ministry", "Russian Ministry of Defence", mil, true},
		{"Syria's state news agency SANA", "SANA", med, true},
		{"Syrias state news agency", "SANA", med, true},
		{"a monitor", "Syrian Observatory for Human Rights", mon, true},
		{"the Britain-based Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", mon, true},
		{"THE SYRIAN OBSERVATORY FOR HUMAN RIGHTS", "Syrian Observatory for Human Rights", mon, true},
		{"residents", "residents", loc, true},
		{"activists", "activists", loc, true},
		{"the White Helmets", "White Helmets", ngo, true},
		{"local sources", "local sources", loc, true},
		{"Homs Governor Talal Barazi", "Homs governor", gov, true},
		{"the governor of Idlib", "governor of Idlib", gov, true},
		{"U.N. spokesman", "United Nations", un, true},
		{"the UN's humanitarian office", "OCHA", un, true},
		{"OCHA", "OCHA", un, true},
		{"Medecins Sans Frontieres", "Doctors Without Borders", ngo, true},
		{"state TV", "Syrian state television", med, true},
		{"Syria's government-run TV", "Syrian state television", med, true},
		{"Damascus residents", "residents", loc, true},
		{"a senior military source", "military source", mil, true},
		{"the US-led coalition", "US-led coalition", mil, true},
		{"U.S. officials", "United States government", gov, true},
		{"Reuters", "Reuters", med, true},
		{"the Syrian Network for Human Rights (SNHR)", "Syrian Network for Human Rights", mon, true},
		{"Hisham Marwah", "Hisham Marwah", unk, true},
		{"Moscow", "Russian government", gov, true},
		// not sources
		{"it", "", unk, false},
		{"he", "", unk, false},
		{"Aleppo", "", unk, false},
		{"on Sunday", "", unk, false},
		{"Monday", "", unk, false},
		{"the attack", "", unk, false},
		{"Syrian", "", unk, false},
		{"", "", unk, false},
		{"the statement", "", unk, false},
		{"the ministry", "", gov, false},
	}
	for _, c := range cases {
		src, ok := Normalize(c.phrase)
		if ok != c.ok || src.Name != c.name || src.Type != c.typ {
			t.Errorf("Normalize(%q) = %+v, %v; want name %q type %s ok %v", c.phrase, src, ok, c.name, c.typ, c.ok)
		}
		if src.Text != c.phrase {
			t.Errorf("Normalize(%q).Text = %q", c.phrase, src.Text)
		}
	}
}

func TestNormalizeActor(t *testing.T) {
	cases := []struct{ phrase, name string }{
		{"the US-led coalition", "US-led coalition"},
		{"U.S.-led coalition warplanes", "US-led coalition"},
		{"the international coalition", "US-led coalition"},
		{"coalition airstrikes", "US-led coalition"},
		{"regime forces", "Syrian government forces"},
		{"Assad's forces", "Syrian government forces"},
		{"Assads forces", "Syrian government forces"},
		{"forces loyal to President Bashar al-Assad", "Syrian government forces"},
		{"the Syrian army", "Syrian government forces"},
		{"Syrian government helicopters", "Syrian government forces"},
		{"regime barrel bombs", "Syrian government forces"},
		{"Russian warplanes", "Russian Air Force"},
		{"Russian airstrikes", "Russian Air Force"},
		{"Russian air strikes", "Russian Air Force"},
		{"Russia's Aerospace Forces", "Russian Air Force"},
		{"Russian troops", "Russian Armed Forces"},
		{"ISIS", "Islamic State"},
		{"Daesh", "Islamic State"},
		{"Islamic State militants", "Islamic State"},
		{"IS jihadists", "Islamic State"},
		{"the Islamic State of Iraq and the Levant", "Islamic State"},
		{"ISIL terrorists", "Islamic State"},
		{"Turkish artillery", "Turkish Armed Forces"},
		{"Turkish warplanes", "Turkish Armed Forces"},
		{"rebels", "armed opposition groups"},
		{"Islamist rebels", "armed opposition groups"},
		{"rebel shelling", "armed opposition groups"},
		{"armed terrorist groups", "armed opposition groups"},
		{"Jabhat al-Nusra", "Hayat Tahrir al-Sham"},
		{"the Nusra Front", "Hayat Tahrir al-Sham"},
		{"Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham"},
		{"the SDF", "Syrian Democratic Forces"},
		{"Kurdish-led forces", "Syrian Democratic Forces"},
		{"Kurdish YPG", "People's Protection Units"},
		{"the YPG militia", "People's Protection Units"},
		{"Hezbollah fighters", "Hezbollah"},
		{"Israeli jets", "Israel Defense Forces"},
		{"U.S. strikes", "United States Armed Forces"},
		{"American warplanes", "United States Armed Forces"},
		{"Jaish al-Islam", "Jaish al-Islam"},
		{"Turkish-backed rebels", "Turkish-backed rebels"},
		{"pro-government militias", "pro-government militias"},
	}
	if len(cases) < 30 {
		t.Fatalf("only %d rows", len(cases))
	}
	for _, c := range cases {
		a, ok := NormalizeActor(c.phrase)
		if !ok || a.Name != c.name || a.Text != c.phrase {
			t.Errorf("NormalizeActor(%q) = %+v, %v; want %q", c.phrase, a, ok, c.name)
		}
	}
	for _, p := range []string{"", "the Syrian Observatory", "Russian", "the National Coalition", "civilians", "is", "warplanes", "Russian-backed", "the Syrian Arab Red Crescent"} {
		if a, ok := NormalizeActor(p); ok {
			t.Errorf("NormalizeActor(%q) = %+v, want not an actor", p, a)
		}
	}
}

func TestFindActors(t *testing.T) {
	cases := []struct {
		sentence string
		spans    []string
		names    []string
	}{
		{"Warplanes of the US-led coalition struck the village.", []string{"US-led coalition"}, []string{"US-led coalition"}},
		{"Nine civilians were killed by regime forces in Daraa.", []string{"regime forces"}, []string{"Syrian government forces"}},
		{"Russian airstrikes hit a market in Maarat al-Numan.", []string{"Russian airstrikes"}, []string{"Russian Air Force"}},
		{"ISIS militants shelled the Kurdish-held district.", []string{"ISIS militants"}, []string{"Islamic State"}},
		{"Syrian and Russian warplanes pounded the town.", []string{"Syrian and Russian warplanes"}, []string{"Syrian government forces", "Russian Air Force"}},
		{"Fighting between the SDF and Islamic State killed 20.", []string{"SDF", "Islamic State"}, []string{"Syrian Democratic Forces", "Islamic State"}},
		{"Turkish-backed rebels seized the village from the YPG.", []string{"Turkish-backed rebels", "YPG"}, []string{"Turkish-backed rebels", "People's Protection Units"}},
		{"The Syrian Observatory said the Russian Defence Ministry lied.", nil, nil},
		{"The National Coalition condemned the attack.", nil, nil},
		{"It is not clear who is responsible.", nil, nil},
	}
	for _, c := range cases {
		spans := FindActors(c.sentence)
		var got []string
		for _, s := range spans {
			got = append(got, s.Text)
			if c.sentence[s.Start:s.End] != s.Text {
				t.Errorf("%q: span %d..%d is not %q", c.sentence, s.Start, s.End, s.Text)
			}
		}
		if !equal(got, c.spans) {
			t.Errorf("FindActors(%q) = %q, want %q", c.sentence, got, c.spans)
		}
		var names []string
		for _, m := range FindActorMentions(c.sentence) {
			names = append(names, m.Actor.Name)
		}
		if !equal(names, c.names) {
			t.Errorf("FindActorMentions(%q) names = %q, want %q", c.sentence, names, c.names)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func checkCollapseSpaces(t *testing.T, s string) {
	t.Helper()
	if got, want := collapseSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
		t.Fatalf("collapseSpaces(%q) = %q, want %q", s, got, want)
	}
}

// TestCollapseSpacesAsFields holds collapseSpaces to what it stands for,
// on edge cases and on every fakes-dev sentence.
func TestCollapseSpacesAsFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "  ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\nb", "a\u00a0b", "a\u0085b",
		"Hisham Marwah", "Abu  Yazan", "é b", "a\u2003b", "\xff", "a \xff b",
	} {
		checkCollapseSpaces(t, s)
	}
	for _, text := range fakesDev(t) {
		for _, s := range sentences(text) {
			checkCollapseSpaces(t, s)
		}
	}
}

func FuzzCollapseSpaces(f *testing.F) {
	f.Add("Hisham  Marwah")
	f.Add("a\u00a0b c")
	f.Fuzz(checkCollapseSpaces)
}
