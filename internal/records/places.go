package records

import (
	"strconv"
	"strings"

	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/store"
)

// admin1Aliases are spellings of first-level divisions the gazetteer does
// not know, or would resolve to a town before its province, mapped to the
// gazetteer's admin1 names (GeoNames admin1CodesASCII), by country. Keys
// are lower case with single spaces. Every name below is used by a dataset
// tally reads: VDC's lists (Tartous, Lattakia, Sweida, Damascus Suburbs,
// Hasakeh, Deir Ezzor, Raqqa), ACLED's Syria admin1 names (Idleb, Dar'a,
// Ar-Raqqa, Deir-ez-Zor, Al Hasakeh, As-Sweida, Rural Damascus), and
// "Damascus", which is the governorate Dimashq, not the town's
// surroundings. Anything else goes to the gazetteer.
var admin1Aliases = map[string]map[string]string{
	"SY": {
		"damascus":             "Dimashq",
		"damascus city":        "Dimashq",
		"damascus governorate": "Dimashq",
		"damascus suburbs":     "Rif-dimashq",
		"rural damascus":       "Rif-dimashq",
		"rif damascus":         "Rif-dimashq",
		"reef damascus":        "Rif-dimashq",
		"damascus countryside": "Rif-dimashq",
		"tartous":              "Tartus",
		"tartus":               "Tartus",
		"lattakia":             "Latakia",
		"latakia":              "Latakia",
		"sweida":               "As-Suwayda",
		"as-sweida":            "As-Suwayda",
		"suwayda":              "As-Suwayda",
		"hasakeh":              "Al-Hasakah",
		"al hasakeh":           "Al-Hasakah",
		"hasaka":               "Al-Hasakah",
		"deir ezzor":           "Deir ez-Zor",
		"deir-ez-zor":          "Deir ez-Zor",
		"deir ez zor":          "Deir ez-Zor",
		"raqqa":                "Ar-Raqqah",
		"ar-raqqa":             "Ar-Raqqah",
		"idleb":                "Idlib",
		"idlib":                "Idlib",
		"dar'a":                "Daraa",
		"daraa":                "Daraa",
		"deraa":                "Daraa",
		"hama":                 "Hama",
		"hamah":                "Hama",
		"homs":                 "Homs",
		"aleppo":               "Aleppo",
		"quneitra":             "Quneitra",
	},
}

// blankAdmin1 are the values that say the record does not know its
// province: counted, never looked up.
var blankAdmin1 = map[string]bool{"": true, "na": true, "n/a": true, "unknown": true, "other": true, "none": true, "-": true}

// memoLimit bounds each memo, so that a file of a million distinct names
// costs lookups, not memory.
const memoLimit = 1 << 14

// placeMapper maps a dataset's country, admin1 and admin2 names to the
// gazetteer's, remembering each answer: a file repeats a few dozen names
// thousands of times.
type placeMapper struct {
	country   string // for rows that name none
	countries map[string]string
	admin1    map[[2]string]string
	admin2    map[[3]string]string
}

func newPlaceMapper(country string) *placeMapper {
	return &placeMapper{country: country, countries: map[string]string{},
		admin1: map[[2]string]string{}, admin2: map[[3]string]string{}}
}

func remember[K comparable](m map[K]string, k K, v string) string {
	if len(m) < memoLimit {
		m[k] = v
	}
	return v
}

func validCountry(cc string) bool {
	_, ok := place.Country(cc)
	return ok
}

// countryCode is the ISO alpha-2 code of a country as a dataset writes it:
// an alpha-2 code, an ISO numeric code (ACLED's iso), or a name ("Syria").
// It is "" when unknown, and the mapper's country when raw is blank.
func (m *placeMapper) countryCode(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.EqualFold(raw, "NA") {
		return m.country
	}
	if cc, ok := m.countries[raw]; ok {
		return cc
	}
	cc := ""
	if n, err := strconv.Atoi(raw); err == nil {
		cc = isoNumeric[n]
	} else if len(raw) == 2 && validCountry(strings.ToUpper(raw)) {
		cc = strings.ToUpper(raw)
	} else {
		for _, e := range place.Lookup(raw) {
			if e.Level == place.LevelCountry {
				cc = e.Country
				break
			}
		}
	}
	return remember(m.countries, raw, cc)
}

// isBlankAdmin is whether a division's name says it is unknown.
func isBlankAdmin(raw string) bool { return blankAdmin1[normName(raw)] }

func normName(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// admin1Name is the gazetteer's name of the first-level division raw names
// in country cc ("Homs Governorate", "Damascus Suburbs"), or "".
func (m *placeMapper) admin1Name(cc, raw string) string {
	k := [2]string{cc, raw}
	if v, ok := m.admin1[k]; ok {
		return v
	}
	return remember(m.admin1, k, lookupAdmin1(cc, raw))
}

func lookupAdmin1(cc, raw string) string {
	if v, ok := admin1Aliases[cc][normName(raw)]; ok {
		return v
	}
	for _, e := range place.Lookup(raw) {
		if e.Level == place.LevelAdmin1 && (cc == "" || e.Country == cc) {
			return admin1Of(e)
		}
	}
	// Resolve strips type words ("Homs Governorate") and, told that the
	// name is a province, prefers divisions to towns of the same name.
	for _, q := range []string{raw, raw + " province"} {
		if e, ok := place.Resolve(q, place.Context{Country: cc}); ok && e.Level == place.LevelAdmin1 && (cc == "" || e.Country == cc) {
			return admin1Of(e)
		}
	}
	return ""
}

func admin1Of(e place.Entry) string {
	if e.Admin1 != "" {
		return e.Admin1
	}
	return e.Name
}

// admin2Name is the gazetteer's name of the district raw names in admin1
// of country cc ("Ar Rastan district" is Al-Rastan District), or "".
func (m *placeMapper) admin2Name(cc, admin1, raw string) string {
	if isBlankAdmin(raw) {
		return ""
	}
	k := [3]string{cc, admin1, raw}
	if v, ok := m.admin2[k]; ok {
		return v
	}
	v := ""
	if e, ok := place.Resolve(raw, place.Context{Country: cc, Admin1: admin1}); ok && e.Level == place.LevelAdmin2 &&
		(cc == "" || e.Country == cc) && (admin1 == "" || e.Admin1 == admin1) {
		v = e.Admin2
		if v == "" {
			v = e.Name
		}
	}
	return remember(m.admin2, k, v)
}

// setPlace fills r's country, admin1 and admin2 from the raw names, and
// counts the admin1 names that mapped to nothing.
func (rd *Reader) setPlace(r *store.Record, country, admin1, admin2 string) {
	r.Country = rd.pm.countryCode(country)
	r.Admin1Raw, r.Admin2Raw = admin1, admin2
	if isBlankAdmin(admin1) {
		rd.Blank++
	} else if r.Admin1 = rd.pm.admin1Name(r.Country, admin1); r.Admin1 == "" {
		rd.Unmapped[admin1]++
	}
	if admin2 != "" {
		r.Admin2 = rd.pm.admin2Name(r.Country, r.Admin1, admin2)
	}
}
