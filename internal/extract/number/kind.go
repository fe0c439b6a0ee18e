package number

import "github.com/tallyhq/tally/internal/claim"

// Kind is what a numeric mention is. Only Count mentions count things; every
// other kind exists so that years, dates, times and the like are recognised
// as such instead of being read as casualty figures.
type Kind int

// The kinds of numeric mention.
const (
	Count      Kind = iota // a number of things or people: "29", "dozens", "up to 30"
	Year                   // "2014", "2017-2018", "1990s"
	Percent                // "30%", "30 percent", "30 per cent"
	TimeOfDay              // "10:30", "3 pm", "0914", "1935" in "(updated 1935 05.10.2017)"
	Age                    // "12" in "a 12-year-old", "aged 15", "15 years old"
	Money                  // "$5 million", "5 million dollars", "USD 300"
	Ordinal                // "1st", "17th", "first", "twenty-first"
	Measure                // km, kg, metres, and spans of time: "two hours", "six years"
	DatePart               // "5" in "March 5", "05.10.2017", "10/05/2017", "2018-04-07"
	Identifier             // "Resolution 2254", "MH17", "Su-24", "Division 30", "No. 5"
	Other                  // numeric but not a whole count: "2.5", "3:1", "1/3"
)

var kindNames = [...]string{
	Count:      "count",
	Year:       "year",
	Percent:    "percent",
	TimeOfDay:  "time",
	Age:        "age",
	Money:      "money",
	Ordinal:    "ordinal",
	Measure:    "measure",
	DatePart:   "date",
	Identifier: "identifier",
	Other:      "other",
}

// String returns the kind's lower-case name ("count", "year", ...).
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(?)"
}

// Mention is one numeric expression found in a text.
//
// Start and End are byte offsets into the text given to Find; they cover
// the qualifier words and the whole number expression ("up to 30", "more
// than 55 thousand", "between 25 and 30", "tens of thousands") but not the
// unit or noun after it. NumStart is where the number itself starts, after
// the qualifier words. Count.Text is exactly text[Start:End].
//
// For kinds other than Count, Count still holds the number as written (the
// leading number for dates and times, the integer part for decimals) so that
// callers can use it, but its interval means nothing.
type Mention struct {
	Start, End int
	NumStart   int
	Kind       Kind
	Count      claim.Count
}
