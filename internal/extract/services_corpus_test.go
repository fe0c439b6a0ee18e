package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/extract/number"
)

// serviceCorpus: sentences about services, each with "service|status" for
// every statement it makes.
var serviceCorpus = []struct {
	sentence string
	want     []string
}{
	{"The town has no electricity and no running water.", []string{"electricity|absent", "water|absent"}},
	{"The district does not have hospitals, no pharmacies and the shops do not work.", []string{"hospitals|absent", "pharmacies|absent", "shops|absent"}},
	{"Hospitals, schools and bakeries are being restored.", []string{"hospitals|restoring", "schools|restoring", "shops|restoring"}},
	{"Humanitarian aid is being delivered to the camps.", []string{"aid|operating"}},
	{"Demining is being carried out in the old quarter.", []string{"demining|operating"}},
	{"Local authorities are operating again.", []string{"authorities|operating"}},
	{"The power supply was cut off for three days.", []string{"electricity|disrupted"}},
	{"Residents face shortages of drinking water.", []string{"water|disrupted"}},
	{"The main hospital was destroyed in the strike.", []string{"hospitals|absent"}},
	{"Two schools reopened on Sunday.", []string{"schools|restoring"}},
	{"The government is blocking aid convoys to the enclave.", []string{"aid|absent"}},
	{"Water pipes are restored and electricity is working.", []string{"water|restoring", "electricity|operating"}},
	{"The authorities said the fire was under control.", nil},
	{"Aid agencies called for a ceasefire.", nil},
	{"The electricity minister visited the plant.", nil},
	{"Markets are open and bakeries are working.", []string{"shops|operating", "shops|operating"}},
	{"The clinic lacks medicines and the pharmacy is closed.", []string{"pharmacies|absent", "pharmacies|absent"}},
	{"Without electricity, residents cook on wood fires.", []string{"electricity|absent"}},
	{"Mine clearance has resumed in the fields.", []string{"demining|operating"}},
	{"Schools remain closed across the province.", []string{"schools|absent"}},
}

func TestServiceCorpus(t *testing.T) {
	for _, tc := range serviceCorpus {
		t.Run(tc.sentence, func(t *testing.T) {
			toks := tokenize(tc.sentence, number.Find(tc.sentence))
			var got []string
			for _, s := range findServices(toks) {
				got = append(got, fmt.Sprintf("%s|%s", s.name, s.status))
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("services\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

// placeCorpus: sentences with the place mentions they must give, as
// "full phrase" (the text a claim's place takes), anaphors as "~the city".
var placeCorpus = []struct {
	sentence string
	want     []string
}{
	{"Rockets hit a market in Idlib on Sunday.", []string{"Idlib"}},
	{"The bombing of Syria's Raqqa continued.", []string{"Syria", "Syria's Raqqa"}},
	{"Clashes broke out on the outskirts of Raqqa.", []string{"the outskirts of Raqqa"}},
	{"Shelling hit the Salah al-Din district of Aleppo.", []string{"the Salah al-Din district of Aleppo"}},
	{"Airstrikes targeted towns in Idlib province.", []string{"Idlib province"}},
	{"The convoy reached the city of Douma in Eastern Ghouta.", []string{"city of Douma", "Eastern Ghouta"}},
	{"Fighting spread to cities of Aleppo, Deir ez-Zor and the suburbs of Damascus in East Ghouta.", []string{"cities of Aleppo", "Deir ez-Zor", "the suburbs of Damascus", "East Ghouta"}},
	{"The situation in the city is dire.", []string{"~the city"}},
	{"Aid is delivered to these settlements.", []string{"~these settlements"}},
	{"He spoke in October about the US-led coalition.", nil},
	{"The minister met envoys in Geneva and Moscow.", []string{"Geneva", "Moscow"}},
	{"Fighters advanced in northern Hama countryside.", []string{"northern Hama countryside"}},
	{"The Syrian Observatory for Human Rights said on Monday.", nil},
	{"A strike near Kafr Nabl killed two.", []string{"Kafr Nabl"}},
	{"Troops entered the town of Maarat al-Numan.", []string{"town of Maarat al-Numan"}},
	{"Refugees fled from Homs to Lebanon.", []string{"Homs", "Lebanon"}},
	{"Fighters of Daesh (outlawed in Russia) attacked the town of Palmyra.", []string{"town of Palmyra"}},
	{"Rockets targeted Aleppo city on Saturday.", []string{"Aleppo city"}},
	{"Mortars fell near the Syrian capital and in Iraq's capital.", []string{"the Syrian capital", "Iraq's capital"}},
	{"Gunmen loyal to Damascus held the town of Saraqib.", []string{"town of Saraqib"}},
	{"Troops retook the Christian town of Maaloula.", []string{"town of Maaloula"}},
}

func TestPlaceCorpus(t *testing.T) {
	for _, tc := range placeCorpus {
		t.Run(tc.sentence, func(t *testing.T) {
			toks := tokenize(tc.sentence, number.Find(tc.sentence))
			var got []string
			for _, m := range findPlaces(toks) {
				s := tc.sentence[m.fullStart:m.fullEnd]
				if m.anaphor {
					s = "~" + s
				}
				got = append(got, s)
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("places\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}
