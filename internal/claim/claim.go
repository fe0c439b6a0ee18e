// Package claim is tally's domain model: the result of checking one document,
// with its claims, counts, periods, places, sources and flags, exactly as
// ../shared/SPEC.md fixes their JSON field names and values.
//
// Every other package speaks in these types: the readers produce documents,
// the rule sets produce counts and periods, the extractor assembles claims and
// flags, and the command line prints results. The package holds no logic
// beyond small constructors, so that it can sit at the bottom of the
// dependency graph.
package claim

// Kind is what a claim counts.
type Kind string

// The claim kinds of SPEC.md.
const (
	Killed     Kind = "killed"
	Injured    Kind = "injured"
	Casualties Kind = "casualties" // killed and injured together, or not told apart
	Missing    Kind = "missing"
	Displaced  Kind = "displaced"
	Returned   Kind = "returned"
	Service    Kind = "service"
)

// Qualifier says how sure the wording of a count is.
type Qualifier string

// The qualifiers of SPEC.md.
const (
	Exact   Qualifier = "exact"
	AtLeast Qualifier = "at_least" // at least, more than, over: High is nil
	AtMost  Qualifier = "at_most"  // up to, fewer than: Low is 0
	About   Qualifier = "about"    // some, around, nearly: Low/High ±10%
	Range   Qualifier = "range"    // 25-30: Low and High are the ends
	Vague   Qualifier = "vague"    // dozens, hundreds: see package number
)

// Count is a number as the text gives it, with the interval it allows.
// Value is nil for vague words; High is nil when the count is open-ended.
type Count struct {
	Value     *int64    `json:"value"`
	Low       int64     `json:"low"`
	High      *int64    `json:"high"`
	Qualifier Qualifier `json:"qualifier"`
	Text      string    `json:"text"`
}

// Precision is the granularity of a period or of a place resolution.
type Precision string

// Period precisions.
const (
	Day   Precision = "day"
	Week  Precision = "week"
	Month Precision = "month"
	Year  Precision = "year"
)

// Period is when the counted events happened, as inclusive calendar dates
// (YYYY-MM-DD), resolved against the publication date.
type Period struct {
	Start     string    `json:"start"`
	End       string    `json:"end"`
	Precision Precision `json:"precision"`
	Text      string    `json:"text"`
}

// Rate periods: a count "every week" has Rate "week".
const (
	RateDay   = "day"
	RateWeek  = "week"
	RateMonth = "month"
	RateYear  = "year"
)

// Victims are the people a count refers to.
type Victims string

// Victim categories of SPEC.md.
const (
	Civilians      Victims = "civilians"
	Children       Victims = "children"
	Women          Victims = "women"
	Combatants     Victims = "combatants"
	SecurityForces Victims = "security_forces"
	People         Victims = "people"
)

// Cause is what killed or injured the victims.
type Cause string

// Causes of SPEC.md.
const (
	Mine           Cause = "mine"
	Airstrike      Cause = "airstrike"
	Shelling       Cause = "shelling"
	BarrelBomb     Cause = "barrel_bomb"
	Chemical       Cause = "chemical"
	SuicideBombing Cause = "suicide_bombing"
	CarBomb        Cause = "car_bomb"
	Explosion      Cause = "explosion"
	Gunfire        Cause = "gunfire"
	Execution      Cause = "execution"
	Clashes        Cause = "clashes"
	Siege          Cause = "siege"
	UnknownCause   Cause = "unknown"
)

// Actor is who caused the events, as written and normalised.
type Actor struct {
	Text string `json:"text"`
	Name string `json:"name"`
}

// SourceType classifies who made a claim.
type SourceType string

// Source types of SPEC.md.
const (
	Government SourceType = "government"
	Military   SourceType = "military"
	Monitor    SourceType = "monitor"
	UN         SourceType = "un"
	NGO        SourceType = "ngo"
	Media      SourceType = "media"
	Local      SourceType = "local"
	Unknown    SourceType = "unknown"
)

// Source is who is said to have made a claim.
type Source struct {
	Text string     `json:"text"`
	Name string     `json:"name"`
	Type SourceType `json:"type"`
}

// ServiceStatus is the state of a service a claim reports on.
type ServiceStatus string

// Service statuses of SPEC.md.
const (
	Absent    ServiceStatus = "absent"
	Disrupted ServiceStatus = "disrupted"
	Restoring ServiceStatus = "restoring"
	Operating ServiceStatus = "operating"
)

// ServiceState is the body of a kind "service" claim.
type ServiceState struct {
	Name   string        `json:"name"`
	Status ServiceStatus `json:"status"`
}

// Place is where a claim's figure applies or a place the document mentions.
// Start and End are set for mentions in document.places; the resolved fields
// stay empty until the gazetteer resolves the mention.
type Place struct {
	Text       string    `json:"text"`
	Start      *int      `json:"start,omitempty"`
	End        *int      `json:"end,omitempty"`
	Name       *string   `json:"name"`
	Admin1     *string   `json:"admin1"`
	Country    *string   `json:"country"`
	GeonamesID *int64    `json:"geonames_id"`
	Lat        *float64  `json:"lat"`
	Lon        *float64  `json:"lon"`
	Precision  Precision `json:"precision,omitempty"`
}

// Quote is the exact passage a claim comes from: byte offsets into the
// document's text as read (or into the title when InHeadline and the title
// is a separate field), and Text is exactly that slice.
type Quote struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Claim is one figure (or service statement) the document makes.
type Claim struct {
	ID          string        `json:"id"`
	Kind        Kind          `json:"kind"`
	Count       *Count        `json:"count"`
	Rate        *string       `json:"rate"`
	Period      *Period       `json:"period"`
	Victims     Victims       `json:"victims,omitempty"`
	VictimsText string        `json:"victims_text,omitempty"`
	Cause       Cause         `json:"cause,omitempty"`
	CauseText   string        `json:"cause_text,omitempty"`
	Actor       *Actor        `json:"actor"`
	Place       *Place        `json:"place"`
	Source      *Source       `json:"source"`
	Service     *ServiceState `json:"service,omitempty"`
	Quote       Quote         `json:"quote"`
	InHeadline  bool          `json:"in_headline"`
	// Hypothetical marks a figure the text only supposes or threatens
	// ("could kill thousands"). Such claims are kept for review but never
	// count towards flags or totals. A denial ("no casualties were
	// reported") is not hypothetical: it is a claim of zero.
	Hypothetical bool `json:"hypothetical,omitempty"`
}

// FlagKind names what does not add up.
type FlagKind string

// Flag kinds of SPEC.md.
const (
	HeadlineBodyMismatch  FlagKind = "headline_body_mismatch"
	RateTotalMismatch     FlagKind = "rate_total_mismatch"
	InternalContradiction FlagKind = "internal_contradiction"
	ImplausibleCount      FlagKind = "implausible_count"
)

// Flag is a check the document fails, naming its claims and saying in one
// sentence, with the numbers, what does not add up.
type Flag struct {
	Kind    FlagKind `json:"kind"`
	Claims  []string `json:"claims"`
	Message string   `json:"message"`
}

// DocumentInfo is the "document" object of a result.
type DocumentInfo struct {
	ID           string  `json:"id"`
	Title        string  `json:"title"`
	Published    *string `json:"published"`
	Source       *string `json:"source"`
	URL          *string `json:"url"`
	PrimaryPlace *Place  `json:"primary_place"`
	Places       []Place `json:"places"`
	// Credits are outlet and wire credits found in the text ("- AFP").
	Credits []string `json:"credits,omitempty"`
	// Text is the extracted article text, returned for HTML input only,
	// since offsets point into it.
	Text string `json:"text,omitempty"`
}

// Result is what `tally check` reports for one document.
type Result struct {
	Document DocumentInfo `json:"document"`
	Claims   []Claim      `json:"claims"`
	Flags    []Flag       `json:"flags"`
	Error    *string      `json:"error"`
}

// Int64 returns a pointer to n, for the optional numeric fields.
func Int64(n int64) *int64 { return &n }
