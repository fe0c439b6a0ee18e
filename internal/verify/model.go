package verify

import (
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

// Item is a claim as verification sees it: its figure, where and when, and
// who said it in which report.
type Item struct {
	ID        int64 // the store's claim id
	Ref       string
	Kind      claim.Kind
	Count     claim.Count
	Rate      string
	Start     time.Time // when it happened: the period, else the days before publication
	End       time.Time
	HasPeriod bool // the text gives when (Start, End); else they are the days before publication
	Aggregate bool // a total over a long period, not one event
	Victims   claim.Victims
	Cause     claim.Cause
	Actor     string
	Country   string
	Admin1    string
	Place     string // the place's resolved name, else its text
	Point     bool   // Lat/Lon locate a town or village, not a region
	Lat, Lon  float64
	Source    string // who made the claim (normalised name); "" for none
	Outlet    string // who published the document
	Group     int64  // the document's report group: copies of one report
	DocID     int64
	Published time.Time
	Flags     []claim.Flag // the document's flags that name this claim
}

// Record is one entry of a casualty documentation record set: an event with
// its deaths (UCDP, ACLED) or one person (a death list).
type Record struct {
	ID         int64
	Set        string
	Start, End time.Time
	Country    string
	Admin1     string
	Lat, Lon   float64
	HasPoint   bool
	Civilians  int64 // deaths among civilians
	Combatants int64
	Unknown    int64
	Best       int64 // all deaths of the event
	Victims    claim.Victims
	Cause      claim.Cause
}

// Coverage is where and when a record set documents deaths: a claim outside
// it can be neither confirmed nor contradicted by the set.
type Coverage struct {
	Set        string
	Start, End time.Time
	Countries  []string
	// Victims, when set, are the only victims the set documents (a list of
	// one side's dead).
	Victims []claim.Victims
}

// Grade says how an incident's sources agree.
type Grade string

// Incident grades.
const (
	Corroborated Grade = "corroborated"
	SingleSource Grade = "single_source"
	Contested    Grade = "contested"
)

// Verdict says how a claim compares with the records.
type Verdict string

// Records verdicts.
const (
	Consistent    Verdict = "consistent"
	Overstated    Verdict = "overstated"
	Understated   Verdict = "understated"
	NoRecords     Verdict = "no_records"
	OutOfCoverage Verdict = "out_of_coverage"
	NotComparable Verdict = "not_comparable" // the claim cannot be counted against deaths (injuries, services, a rate without its period)
)
