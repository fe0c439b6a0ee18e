package extract

import (
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/document"
)

// articlePlaceCorpus is the corpus of place resolution in context
// and of the choice of the main event's place: short articles written in
// the manner of the wire copy in fakes-dev, each with the admin1 its
// primary_place must name ("" for none) and what some of its mentions must
// resolve to: "Text=Admin1" for a place in that first-level division, and
// "!Text" for words that must not be read as a place at all.
var articlePlaceCorpus = []struct {
	title, text string
	primary     string
	places      []string
}{
	// A group's name is no place: "al-Sham" alone is Damascus.
	{"Commander of Faylaq al-Sham killed in Syria",
		"The commander of the rebel group Faylaq al-Sham was killed on Monday with four of his guards in a bombing in the town of Saraqib in Idlib province.",
		"Idlib", []string{"Saraqib=Idlib", "!al-Sham"}},
	// A name the article's country does not explain is tried in the other
	// countries it names.
	{"Clashes near Raqa kill nine",
		"Nine fighters were killed on Monday in clashes near Raqa in eastern Syria, a monitor said. The fighters had come from Iraq, where the group still holds towns along the border with Iraq's Anbar province. Iraq has closed the crossing.",
		"Ar-Raqqah", []string{"Raqa=Ar-Raqqah", "Anbar=Al Anbar"}},
	// Where a law holds is not where anything happened.
	{"Army repels attack on Palmyra, kills 30",
		"The army killed 30 militants of Daesh, a group outlawed in Russia, near Palmyra in central Syria on Sunday. Daesh is banned in Russia and many other countries.",
		"Homs", []string{"Palmyra=Homs", "!Russia"}},
	// A speaker named after where it is keeps the place of its phrase.
	{"Air raids kill 14 at market",
		"Air raids killed 14 people at a market on Sunday in the rebel-held province of Daraa activists and medics said.",
		"Daraa", []string{"Daraa=Daraa"}},
	// A headline naming two provinces: the body's telling of its figure
	// says which one it happened in.
	{"Army Retakes Town in Homs Kills 40 Militants in Hama",
		"The army took full control of the town of Qaryatain in Homs province on Sunday. In Hama countryside 40 militants were killed in clashes near the town of Souran.",
		"Hama", []string{"Qaryatain=Homs", "Souran=Hama"}},
	// A village the gazetteer lacks lies in the province the text puts it in.
	{"Shelling kills six in southern Syria",
		"Six civilians were killed when shells fell on the Khirbet Umm Sawan area in western Daraa countryside on Sunday.",
		"Daraa", []string{"Khirbet Umm Sawan=Daraa"}},
	// A country in the possessive without its apostrophe still tells the
	// article's country, here through its capital.
	{"Rival Groups Clash in Eastern Gouta",
		"At least 30 fighters were killed on Tuesday in clashes between rival groups east of Syrias capital a monitor said.",
		"Rif-dimashq", []string{"Syrias capital=Dimashq"}},
	// A tail noun makes a place of a name without a preposition, in the
	// article's country only.
	{"Rocket attack targets Homs city killing two",
		"Two civilians were killed when a rocket shell fell near a school in al-Waer neighborhood a source in the province said.",
		"Homs", nil},
	// The White House is no place (nor Casablanca, whose name it means).
	{"President speaks on Syria",
		"The president said at the White House on Thursday that talks in Moscow would resume.",
		"Moscow", []string{"!White House", "Moscow=Moscow"}},
	// "The Islamic State of Iraq and the Levant" names no town in Maine.
	{"Militants kill 12 in northern Syria",
		"Fighters of the Islamic State of Iraq and the Levant killed 12 people in the town of Tal Abyad on the border with Turkey, the United States said.",
		"Ar-Raqqah", []string{"Tal Abyad=Ar-Raqqah", "!Levant"}},
	// A possessor that lost its apostrophe still leaves the name with its
	// tail noun to resolve ("Tiyas airbase").
	{"Missiles strike air base in central Syria",
		"Three soldiers were killed overnight when missiles struck Syrias Tiyas airbase east of Homs, state media said.",
		"Homs", []string{"Tiyas=Homs"}},
	// A country's capital named by its adjective or the country's name.
	{"Mortar fire on market in Iraqi capital kills four",
		"Four people were killed when mortar rounds fell on a market on the southern edge of the Iraqi capital on Friday, police said.",
		"Baghdad", []string{"Iraqi capital=Baghdad"}},
	{"Car bomb in Syria capital kills seven",
		"A car bomb killed seven people near a checkpoint on Saturday, state media said. Lebanon's capital was quiet.",
		"Dimashq", []string{"Lebanon's capital=Beyrouth"}},
	{"Seven dead in shelling of Ukrainian capital",
		"Shelling killed seven people on the outskirts of Ukraine's capital overnight, the mayor said.",
		"Kyiv City", []string{"Ukraine's capital=Kyiv City"}},
	// A capital or a country standing for its government is no place.
	{"Air raids kill 12 despite truce",
		"Air raids killed 12 people on Monday despite Damascus promises of a ceasefire. The raids hit the town of Saraqib in Idlib province. Fighters loyal to Damascus shelled nearby villages, and Moscow and Damascus agreed to extend the truce. Turkey said it would send observers.",
		"Idlib", []string{"Saraqib=Idlib", "!Damascus", "!Moscow", "!Turkey"}},
	// But a province's name before "announced" is where the speakers are.
	{"Factions form joint command",
		"Armed factions from the coastal regions, Hama and Idlib announced on Sunday a joint command after a strike killed four fighters near Khan Shaykhun.",
		"Idlib", []string{"Hama=Hama", "Idlib=Idlib"}},
	// A lead figure with no province of its own takes the province the
	// next sentences name, not a later figure's.
	{"Gunmen storm camp for displaced",
		"At least 20 people were killed on Friday when gunmen stormed a camp for displaced families in eastern Syria, a monitor said. The attackers entered the village of Umm Zahra, which houses the camp. The village lies in Deir ez-Zor province near the front line. Elsewhere an air strike killed three fighters in Mosul.",
		"Deir ez-Zor", []string{"Mosul=Nineveh"}},
	// In a title-case headline a word the body writes in lower case is that
	// word, not the village whose name sounds like it (Dā'il for "Deal").
	{"Syrias Deal Holds Despite Shelling In Idlib",
		"Five civilians were killed by shelling in Idlib province on Monday, although the deal signed last week largely held, a monitor said.",
		"Idlib", []string{"Idlib=Idlib"}},
	// A village the gazetteer lacks is not taken for a province of another
	// country the article names because two consonants match (Babil).
	{"Air strikes kill 15 in eastern Syria",
		"At least 15 people were killed in air strikes on Boulail east of Deir ez-Zor city, a monitor said. Fighters had come from Iraq.",
		"Deir ez-Zor", []string{"!Boulail", "Deir ez-Zor=Deir ez-Zor"}},
}

func TestArticlePlaceCorpus(t *testing.T) {
	for _, tc := range articlePlaceCorpus {
		t.Run(tc.title, func(t *testing.T) {
			doc := &document.Document{ID: "t", Title: document.NewText(tc.title), Body: document.NewText(tc.text), Published: "2018-04-07"}
			res := Check(doc)
			got := ""
			if p := res.Document.PrimaryPlace; p != nil && p.Admin1 != nil {
				got = *p.Admin1
			}
			if got != tc.primary {
				t.Errorf("primary_place %q, want %q", got, tc.primary)
			}
			resolved := map[string]string{}
			for _, p := range res.Document.Places {
				if p.Admin1 != nil {
					resolved[p.Text] = *p.Admin1
				} else if p.Country != nil {
					resolved[p.Text] = *p.Country
				} else {
					resolved[p.Text] = "?"
				}
			}
			for _, want := range tc.places {
				if name, ok := strings.CutPrefix(want, "!"); ok {
					if a, found := resolved[name]; found {
						t.Errorf("%q read as a place (%s)", name, a)
					}
					continue
				}
				name, admin1, _ := strings.Cut(want, "=")
				if resolved[name] != admin1 {
					t.Errorf("%q resolved to %q, want %q (places: %v)", name, resolved[name], admin1, resolved)
				}
			}
		})
	}
}
