package extract

import (
	"testing"

	"github.com/tallyhq/tally/internal/document"
)

// claimPlaceCorpus is the corpus of which of a sentence's places is its
// figure's: each sentence's first claim must be placed at the phrase
// given, as written.
var claimPlaceCorpus = []struct {
	text, place string
}{
	// A head that names the place's kind keeps the place: the province
	// after it only situates it.
	{"A bombing killed 4 people in the town of Saraqib in Idlib province.", "the town of Saraqib"},
	{"Shelling killed 5 civilians in the city of Douma in Eastern Ghouta.", "the city of Douma"},
	{"Shelling killed 5 civilians in the village of Kafr Nabudah in the Hama countryside.", "the village of Kafr Nabudah"},
	{"Air strikes killed 11 civilians in Khan Shaykhun in Idlib province on Monday.", "Khan Shaykhun"},
	// A head that names the area around a place gives way to the place
	// that situates it, but never to a whole country.
	{"Shelling killed 3 people in the suburbs of Damascus in East Ghouta.", "East Ghouta"},
	{"Clashes killed 9 fighters in the countryside of Hama in central Syria.", "the countryside of Hama"},
	{"Clashes killed 9 fighters on the outskirts of Deir ez-Zor in eastern Syria.", "the outskirts of Deir ez-Zor"},
	// The nearest place to the figure, and a town before its country.
	{"In Syria, a car bomb killed 7 people in Azaz on Sunday.", "Azaz"},
}

func TestClaimPlaceCorpus(t *testing.T) {
	for _, tc := range claimPlaceCorpus {
		t.Run(tc.text, func(t *testing.T) {
			doc := &document.Document{ID: "t", Body: document.NewText(tc.text), Published: "2019-03-05"}
			res := Check(doc)
			if len(res.Claims) == 0 {
				t.Fatal("no claim")
			}
			got := ""
			if p := res.Claims[0].Place; p != nil {
				got = p.Text
			}
			if got != tc.place {
				t.Errorf("placed at %q, want %q", got, tc.place)
			}
		})
	}
}
