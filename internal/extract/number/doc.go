// Package number finds and parses the quantities of English news text: it
// owns the step from raw text to "here is a number, this is what kind of
// number it is, and this is the interval it allows". It knows nothing of
// casualties; the extractor decides which Count mentions are claims.
//
// Find scans a whole text once (linear time, no regular expressions) and
// returns every numeric mention in order, without overlaps: digits ("29",
// "55,000", "1.5 million", "55K"), number words ("fifty-five", "two thousand
// five hundred", "a dozen", "half a million", "a quarter of a million"),
// vague quantities ("dozens", "tens of thousands", "several hundred"), with
// the qualifier words before them ("at least", "up to", "some") and the range
// forms around them ("25-30", "between 25 and 30", "from 10000 to more than
// 30000"). Each mention gets a Kind; only Kind Count is a count of things.
// Years, dates, clock times, percentages, ages, money, ordinals, measures
// ("two hours", "5 km") and identifiers ("Resolution 2254", "MH17") get
// their own kinds so that they are never mistaken for casualty figures.
// Parse reads one quantity expression on its own.
//
// # Qualifiers and the interval a count allows
//
// Count.Value is the number as written (the lower end of a range, nil for
// vague words); Low and High are the interval the wording allows, High nil
// when it is open-ended:
//
//	wording                                        qualifier  Low            High
//	"30"                                           exact      30             30
//	"at least 30", "more than 30", "over 30",      at_least   30             nil
//	"upwards of", "in excess of", "surpassed",
//	"no fewer than", "no less than", "30 or more",
//	"30+", "30-plus"
//	"up to 30", "as many as", "fewer than",        at_most    0              30
//	"less than", "no more than", "at most",
//	"a maximum of", "30 or fewer"
//	"some 30", "around", "about", "approximately", about      floor(0.9*30)  ceil(1.1*30)
//	"roughly", "an estimated", "circa",
//	"30 or so", "30-odd"
//	"nearly 30", "almost", "close to",             about      floor(0.9*30)  30
//	"just under"
//	"25-30", "25 to 30", "between 25 and 30",      range      25             30
//	"25 or 30", "from 25 to 30"
//	"from 10000 to more than 30000"                range      10000          nil
//
// "More than 30" and "over 30" strictly mean 31 or more, but news rounds
// freely and "more than 30" is usually written about 30-odd deaths; Low is
// therefore the number as written (30), not 31, so that the bound never
// excludes the figure the text itself names.
//
// # Vague quantities
//
// Vague words have a nil Value, qualifier vague and this interval (the low
// ends are conservative, as in ACLED's coding of "dozens" as 12):
//
//	wording                 Low        High
//	"a couple of"           2          3
//	"a few"                 2          5
//	"a handful of"          2          5
//	"several"               3          9
//	"a small number of"     2          9
//	"a number of"           2          nil
//	"a large number of"     10         nil
//	"tens of"               10         99
//	"dozens"                12         99
//	"scores of"             20         99
//	"hundreds"              100        999
//	"thousands"             1000       9999
//	"millions"              1000000    nil
//	"billions"              1000000000 nil
//
// A vague word followed by a scale multiplies the interval by it, keeping
// the high end one short of the next step: "several hundred" is 300-999, "a
// few thousand" 2000-5999, "tens of thousands" 10000-99999, "hundreds of
// thousands" 100000-999999. Qualifiers before a vague word are kept in the
// mention's span but do not change the interval: "at least dozens" is vague
// 12-99.
//
// # Kinds that are not counts
//
// Qualifiers are dropped from the span of years, dates, times, ordinals and
// identifiers ("around 3 pm" is the time "3"), and plain "over" is dropped
// before a span of time ("over two days" is a duration, not "more than").
// Four-digit numbers from 1900 to 2099 are years unless something says they
// are counts: a qualifier ("about 2000"), a following lower-case people noun
// ("2000 civilians") or a preceding casualty verb ("killed 2000", "a toll of
// 2000"); a preceding "in", "since", "until" and the like, a month ("March
// 2011") or a day of a date ("August 3 2015 People inspect...") keeps them
// years. Leading-zero four-digit numbers ("0914"), four-digit numbers
// directly before a date ("1935 05.10.2017") and after "at" following a date
// ("Apr 2017 at 1935") are clock times. Numbers glued to letters or named by
// a preceding noun are identifiers: "MH17", "Su-24", "Resolution 2254",
// "Division 30", "No. 5", and the share counters of "Get short URL 0 612".
// Spelled-out numbers are never years ("two thousand and fifteen" is a count).
//
// # Known limits
//
// Find reads form, not meaning: "the toll rose from 20 to 30" is the range
// 20-30, "At 7 the shelling resumed" is the count 7, "In March 29 people
// died" (punctuation stripped) is the date "March 29". "1.500" is one and a
// half, not fifteen hundred; spaces separate thousands only before a group
// starting with 0 ("300 000", not "1 500"). "Many", "numerous" and "few"
// without "a" are not quantities.
package number
