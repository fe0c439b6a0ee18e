package records

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tallyhq/tally/internal/claim"
)

// causeRules map the words of a cause of death as a list writes it to the
// claim causes, first match winning: the specific before the general
// ("Warplane shelling" is an air strike, "Kidnapping - Torture -
// Execution" an execution, "car bomb" not any explosion). A word matches a
// rule's word when it starts with it ("shell" matches "Shelling"). The
// values of the VDC list map so:
//
//	Shooting                                  gunfire
//	Shelling                                  shelling
//	Warplane shelling                         airstrike
//	Explosion                                 explosion
//	Chemical and toxic gases                  chemical
//	Field Execution, Kidnapping - Execution,
//	Detention - Execution, Kidnapping -
//	Torture - Execution, Detention -
//	Torture - Execution                       execution
//	Kidnapping - Torture, Other               unknown (torture is no claim cause)
var causeRules = []struct {
	words []string // any of these
	cause claim.Cause
}{
	{[]string{"chemical", "toxic", "gas", "gases", "sarin", "chlorine"}, claim.Chemical},
	{[]string{"barrel"}, claim.BarrelBomb},
	{[]string{"car", "vbied"}, claim.CarBomb},
	{[]string{"suicide"}, claim.SuicideBombing},
	{[]string{"warplane", "airstrike", "air", "aerial", "drone", "helicopter", "aircraft"}, claim.Airstrike},
	{[]string{"landmine", "mine", "mines", "unexploded", "uxo", "remnant"}, claim.Mine},
	{[]string{"execut"}, claim.Execution},
	{[]string{"shell", "artillery", "mortar", "rocket", "missile", "bombard"}, claim.Shelling},
	{[]string{"shoot", "shot", "gunfire", "gunshot", "sniper", "bullet"}, claim.Gunfire},
	{[]string{"explos", "bomb", "ied", "grenade"}, claim.Explosion},
	{[]string{"siege", "starvation", "starved", "hunger"}, claim.Siege},
	{[]string{"clash", "battle", "fighting", "combat"}, claim.Clashes},
}

// causeOf maps a cause of death as written to a claim cause.
func causeOf(text string) claim.Cause {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, rule := range causeRules {
		for _, w := range words {
			for _, rw := range rule.words {
				if w == rw || len(rw) >= 4 && strings.HasPrefix(w, rw) {
					return rule.cause
				}
			}
		}
	}
	return claim.UnknownCause
}

// acledCauses map ACLED's sub_event_type (codebook, 2019 onwards) to claim
// causes; sub-event types that say nothing of how people died (Attack,
// Abduction/forced disappearance, the protests, riots and strategic
// developments) are unknown. ACLED files landmines with IEDs, so that
// sub-event type is an explosion, not a mine.
var acledCauses = map[string]claim.Cause{
	"armed clash":                         claim.Clashes,
	"government regains territory":        claim.Clashes,
	"non-state actor overtakes territory": claim.Clashes,
	"air/drone strike":                    claim.Airstrike,
	"shelling/artillery/missile attack":   claim.Shelling,
	"chemical weapon":                     claim.Chemical,
	"suicide bomb":                        claim.SuicideBombing,
	"remote explosive/landmine/ied":       claim.Explosion,
	"grenade":                             claim.Explosion,
}

// victimsOf is the victim category of a person from the rank or status a
// list gives: civilians for the spellings of civilian (and civil defence,
// children, women), people where it is unknown or is not a status at all
// (blank, "Unknown", "Unkown", "Single", an informer, a province's name
// typed in the wrong column), and combatants for every rank, unit or armed
// role (Soldier, Second Lieutenant, Policeman, Shabih, Local Committees,
// Hezbollah Militant, YPG, ...): the lists are of armed and civilian dead,
// and ranks are too many and too variously spelt to list.
func (rd *Reader) victimsOf(status string) claim.Victims {
	s := normName(status)
	switch {
	case s == "" || strings.HasPrefix(s, "unk") || s == "other" || s == "single" || s == "not specified" ||
		s == "n/a" || s == "na" || strings.Contains(s, "inform") || strings.Contains(s, "infomr") || strings.Contains(s, "inofrm"):
		return claim.People
	case strings.Contains(s, "civil") || strings.Contains(s, "non-combatant") || strings.Contains(s, "noncombatant") ||
		s == "child" || s == "children" || s == "woman" || s == "women":
		return claim.Civilians
	case rd.pm.country != "" && rd.pm.admin1Name(rd.pm.country, status) != "":
		return claim.People
	}
	return claim.Combatants
}

// parseDate reads a date as the datasets write it (2016-01-31, with or
// without a time; 2016/01/31; 31 January 2016; January 31, 2016; a month
// 2016-01; a year 2016) into the first and last day it may be. Blank,
// "NA" and VDC's 0000-00-00 mean the record has no date: "", "", true.
func parseDate(s string) (start, end string, ok bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "NA", "0000-00-00", "00/00/0000":
		return "", "", true
	}
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		s = s[:10]
	}
	for _, layout := range []string{"2006-01-02", "2006/01/02", "02 January 2006", "2 January 2006", "January 2, 2006", "02-Jan-2006", "2 Jan 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			d := t.Format(time.DateOnly)
			return d, d, true
		}
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t.Format(time.DateOnly), t.AddDate(0, 1, -1).Format(time.DateOnly), true
	}
	if len(s) == 4 {
		if t, err := time.Parse("2006", s); err == nil {
			return t.Format(time.DateOnly), t.AddDate(1, 0, -1).Format(time.DateOnly), true
		}
	}
	return "", "", false
}

// count reads a number of deaths: a whole number, not negative.
func count(col, s string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s %q is not a number of deaths", col, s)
	}
	return n, nil
}

// optCount is count for a column that may be blank or NA (nil then).
func optCount(col, s string) (*int64, error) {
	if s = strings.TrimSpace(s); s == "" || s == "NA" {
		return nil, nil
	}
	n, err := count(col, s)
	return &n, err
}

// coord reads a latitude or longitude within ±limit; blank or NA is nil.
func coord(col, s string, limit float64) (*float64, error) {
	if s = strings.TrimSpace(s); s == "" || s == "NA" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < -limit || f > limit || f != f {
		return nil, fmt.Errorf("%s %q is not a coordinate", col, s)
	}
	return &f, nil
}

// precision reads a location precision code; blank or NA is nil.
func precision(col, s string) (*int64, error) {
	if s = strings.TrimSpace(s); s == "" || s == "NA" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%s %q is not a precision code", col, s)
	}
	return &n, nil
}

func ptr(n int64) *int64 { return &n }
