package extract

import (
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/testshared"
)

func checkFile(t *testing.T, path string) claim.Result {
	t.Helper()
	var res []claim.Result
	for doc, err := range document.ReadPath(path, document.Options{}) {
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		res = append(res, Check(doc))
	}
	if len(res) != 1 {
		t.Fatalf("%s: %d documents, want 1", path, len(res))
	}
	return res[0]
}

// TestSeed checks every row of ../shared/corpus/seed/EXPECTED.md but the
// resolved place names, which come with the gazetteer.
func TestSeed(t *testing.T) {
	res := checkFile(t, testshared.Path(t, "corpus/seed/sputnik-2018-04-07-raqqa-mines.txt"))
	if res.Document.Published == nil || *res.Document.Published != "2018-04-07" {
		t.Errorf("published = %v, want 2018-04-07", res.Document.Published)
	}
	find := func(kind claim.Kind, text string, headline bool) *claim.Claim {
		for i := range res.Claims {
			c := &res.Claims[i]
			if c.Kind == kind && c.Count != nil && c.Count.Text == text && c.InHeadline == headline {
				return c
			}
		}
		t.Errorf("no %s claim %q (headline %v)", kind, text, headline)
		return nil
	}
	type want struct {
		kind      claim.Kind
		text      string
		headline  bool
		qualifier claim.Qualifier
		low       int64
		high      *int64
		rate      string
		period    string // "start..end" or ""
		victims   claim.Victims
		cause     claim.Cause
		place     string // place.text, "" for null allowed
		quote     string // a substring of the quote
	}
	wants := []want{
		{claim.Killed, "up to 30", true, claim.AtMost, 0, claim.Int64(30), "week", "", claim.Civilians, claim.Mine, "", "up to 30 civilians die due to mines every week"},
		{claim.Killed, "thousands", false, claim.Vague, 1000, claim.Int64(9999), "", "", claim.Civilians, claim.Airstrike, "Raqqa", "thousands of bodies of civilians"},
		{claim.Killed, "up to 30", false, claim.AtMost, 0, claim.Int64(30), "week", "", claim.Civilians, claim.Mine, "Raqqa", "is still dire as up to 30 civilians die due to mines every week"},
		{claim.Injured, "658", false, claim.Exact, 658, claim.Int64(658), "", "2017-10-01..2018-03-31", claim.People, claim.Mine, "Raqqa", "658 cases of injuries"},
		{claim.Killed, "130", false, claim.Exact, 130, claim.Int64(130), "", "2017-10-01..2018-03-31", claim.People, claim.Mine, "Raqqa", "while 130 people were killed"},
		{claim.Casualties, "25-30", false, claim.Range, 25, claim.Int64(30), "week", "", claim.Civilians, claim.Mine, "", "Every week, 25-30 cases of civilian casualties are recorded"},
		{claim.Returned, "more than 55 thousand", false, claim.AtLeast, 55000, nil, "", "", claim.People, "", "East Ghouta", "more than 55 thousand people have returned"},
	}
	for _, w := range wants {
		c := find(w.kind, w.text, w.headline)
		if c == nil {
			continue
		}
		name := string(w.kind) + " " + w.text
		if c.Count.Qualifier != w.qualifier || c.Count.Low != w.low || (c.Count.High == nil) != (w.high == nil) || w.high != nil && *c.Count.High != *w.high {
			t.Errorf("%s: count %+v, want %s low %d high %v", name, *c.Count, w.qualifier, w.low, w.high)
		}
		if got := deref(c.Rate); got != w.rate {
			t.Errorf("%s: rate %q, want %q", name, got, w.rate)
		}
		if w.period != "" {
			if c.Period == nil || c.Period.Start+".."+c.Period.End != w.period {
				t.Errorf("%s: period %+v, want %s", name, c.Period, w.period)
			}
		}
		if c.Victims != w.victims {
			t.Errorf("%s: victims %s, want %s", name, c.Victims, w.victims)
		}
		if w.cause != "" && c.Cause != w.cause {
			t.Errorf("%s: cause %s (%q), want %s", name, c.Cause, c.CauseText, w.cause)
		}
		if w.place != "" && (c.Place == nil || !strings.Contains(placeContext(res, c), w.place)) {
			t.Errorf("%s: place %+v, want %q", name, c.Place, w.place)
		}
		if !strings.Contains(c.Quote.Text, w.quote) {
			t.Errorf("%s: quote %q lacks %q", name, c.Quote.Text, w.quote)
		}
		if c.Source == nil || c.Source.Name != "Russian Ministry of Defence" || (c.Source.Type != claim.Military && c.Source.Type != claim.Government) {
			t.Errorf("%s: source %+v, want Russian Ministry of Defence (military)", name, c.Source)
		}
	}
	if c := find(claim.Killed, "thousands", false); c != nil && (c.Actor == nil || c.Actor.Name != "US-led coalition") {
		t.Errorf("thousands killed: actor %+v, want US-led coalition", c.Actor)
	}
	if c := find(claim.Returned, "more than 55 thousand", false); c != nil {
		if c.Period == nil || c.Period.End != "2018-04-07" || c.Period.Start >= "2018-04-07" || c.Period.Start < "2018-03-24" {
			t.Errorf("returned: period %+v, want a few days up to 2018-04-07", c.Period)
		}
	}

	// Services: Raqqa lacks everything; Aleppo, Deir ez-Zor and East Ghouta are recovering.
	services := map[string]claim.ServiceStatus{}
	for _, c := range res.Claims {
		if c.Kind != claim.Service || c.Place == nil {
			continue
		}
		for _, name := range []string{"Raqqa", "Aleppo", "Deir ez-Zor", "East Ghouta"} {
			if strings.Contains(c.Place.Text, name) {
				services[name+"/"+c.Service.Name] = c.Service.Status
			}
		}
	}
	for _, s := range []string{"water", "demining", "electricity", "hospitals", "pharmacies", "shops"} {
		if got := services["Raqqa/"+s]; got != claim.Absent {
			t.Errorf("Raqqa %s: %q, want absent (services %v)", s, got, services)
		}
	}
	for _, place := range []string{"Aleppo", "Deir ez-Zor", "East Ghouta"} {
		for s, status := range map[string]claim.ServiceStatus{"aid": claim.Operating, "demining": claim.Operating,
			"water": claim.Restoring, "authorities": claim.Operating, "hospitals": claim.Restoring,
			"shops": claim.Restoring, "schools": claim.Restoring} {
			if got := services[place+"/"+s]; got != status {
				t.Errorf("%s %s: %q, want %s", place, s, got, status)
			}
		}
	}

	// The catch: the headline's 30 deaths a week against the body's 130 in 26 weeks.
	var caught bool
	for _, f := range res.Flags {
		if f.Kind != claim.HeadlineBodyMismatch && f.Kind != claim.RateTotalMismatch {
			continue
		}
		ids := strings.Join(f.Claims, " ")
		head := find(claim.Killed, "up to 30", true)
		total := find(claim.Killed, "130", false)
		if head != nil && total != nil && strings.Contains(ids, total.ID) &&
			strings.Contains(f.Message, "130") && strings.Contains(f.Message, "26") && strings.Contains(f.Message, "5 a week") {
			caught = true
			t.Logf("flag %s %v: %s", f.Kind, f.Claims, f.Message)
		}
	}
	if !caught {
		t.Errorf("no headline/rate flag naming the 130 killed in 26 weeks; flags: %+v", res.Flags)
	}

	// Places resolve: Raqqa to the city of Ar Raqqah, East Ghouta to its
	// region in Rif Dimashq, Aleppo and Deir ez-Zor to their cities, and the
	// article's main event to the governorate of Ar-Raqqah.
	for _, c := range res.Claims {
		p := c.Place
		if p == nil {
			continue
		}
		var want struct {
			name, admin1 string
			id           int64
		}
		switch {
		case strings.Contains(p.Text, "Raqqa"):
			want.name, want.admin1, want.id = "Ar Raqqah", "Ar-Raqqah", 172955
		case strings.Contains(p.Text, "East Ghouta"):
			want.admin1 = "Rif-dimashq"
		case p.Text == "Aleppo":
			want.name, want.admin1 = "Aleppo", "Aleppo"
		case p.Text == "Deir ez-Zor":
			want.name, want.admin1 = "Deir ez-Zor", "Deir ez-Zor"
		default:
			continue
		}
		if p.Admin1 == nil || *p.Admin1 != want.admin1 || deref(p.Country) != "SY" ||
			want.name != "" && deref(p.Name) != want.name || want.id != 0 && (p.GeonamesID == nil || *p.GeonamesID != want.id) {
			t.Errorf("%s: place %q resolved to name %q admin1 %v country %q id %v, want %q in %s", c.ID, p.Text, deref(p.Name), p.Admin1, deref(p.Country), p.GeonamesID, want.name, want.admin1)
		}
	}
	if pp := res.Document.PrimaryPlace; pp == nil || pp.Admin1 == nil || *pp.Admin1 != "Ar-Raqqah" || deref(pp.Country) != "SY" {
		t.Errorf("primary_place = %+v, want admin1 Ar-Raqqah, SY", pp)
	}

	// Must not be claims: years, Daesh, the UN mission, the control change.
	for _, c := range res.Claims {
		if c.Count != nil {
			for _, bad := range []string{"2013", "2014", "2017", "2018"} {
				if c.Count.Text == bad {
					t.Errorf("year %s became a claim: %+v", bad, c)
				}
			}
		}
		if strings.Contains(c.Quote.Text, "under Daesh's control since 2013") {
			t.Errorf("the control change became a claim: %+v", c)
		}
	}
}

// placeContext is a claim's place text, or for "the city" the place it
// resolves to, as the claim records it.
func placeContext(_ claim.Result, c *claim.Claim) string {
	if c.Place == nil {
		return ""
	}
	return c.Place.Text
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
