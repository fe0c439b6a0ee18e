package timex

import (
	"strings"

	"github.com/tallyhq/tally/internal/extract/ascii8"
)

// role is a bit set of the parts a word can play in a time expression. A
// word may have several ("in" introduces a month and blocks a rate; "last"
// is both a modifier and an ordinal).
type role uint64

const (
	rMonth           role = 1 << iota // january..december, val = month
	rMonthAbbr                        // jan, feb...: needs a day or year beside it
	rWeekday                          // sunday..saturday, val = time.Weekday
	rWeekdayAbbr                      // sun, mon...: only as a prefix of a full date
	rUnit                             // day, week, month, year, hour (val = unit)
	rPlural                           // days, weeks...
	rNum                              // number word, val = value
	rVague                            // few, several: a vague count
	rCouple                           // couple: two
	rOrdinal                          // first..fourth, last (val, -1 for last)
	rDayWord                          // yesterday, today, tonight (val = day offset)
	rOvernight                        // overnight: the night before publication
	rDayPart                          // morning, afternoon, evening, night, dawn
	rNight                            // night (in "last night")
	rRateAdv                          // daily, weekly...: val = unit
	rRateDet                          // every, each, per
	rArticle                          // a, an
	rSeason                           // val = season
	rSeasonNeedsYear                  // fall: "the fall of Aleppo" is not a season
	rPart                             // early/beginning (1), mid/middle (2), late/end (3)
	rPartOf                           // beginning, start, middle, end: used as "the X of"
	rThe
	rThis
	rLast
	rPast
	rRecent
	rEarlier
	rAgo
	rSince
	rFrom
	rBetween
	rTo // range connector after "from": to, until, till, through
	rAnd
	rOr
	rOf
	rOn
	rIn
	rDuring
	rThroughout
	rOver
	rFor
	rWithin
	rAt
	rCtx           // makes a bare month or year a date: "in May", "of 2014"
	rBlock         // a boundary, not a period: "until May", "by 2019"
	rBlock2        // "ahead of", "prior to": block when followed by of/to
	rFuture        // next, this: "next Sunday", "this Saturday" may lie ahead
	rDivision      // half (2), quarter (4): "the first half of 2017"
	rCountNoun     // people, civilians...: "2000 people" is not a year
	rQuant         // dozens, hundreds: a count before "a day"
	rFreq          // once, twice, times: "twice a day"
	rRateBlockPrev // "in a day", "more than a year": not rates
	rRateBlockNext // "a day after", "a year later": not rates
	rAdjBlockNext  // "daily life", "daily newspaper": not rates
	rAdjKeepNext   // "the daily death toll": a rate even after an article
	rDeterminer    // the, a, its...: "the daily Tishreen" is not a rate
	rSingle        // "every single day"
	rHours         // "the early hours of"
	rWeekend       // weekend
	rNow           // now, present, date: "from 2014 to date"
	rBefore        // "the day before yesterday"
	rOnly          // the unit "day" in "the day before yesterday"
	roleCount      = iota
)

// The roles must fit the 64 bits of role.
var _ [64 - roleCount]struct{}

// Units of time, the val of rUnit and rRateAdv words.
const (
	uHour = iota + 1
	uDay
	uWeek
	uMonth
	uYear
)

// unitRate maps a unit to its claim rate constant.
var unitRate = [...]string{uDay: "day", uWeek: "week", uMonth: "month", uYear: "year"}

// lexRow lists space-separated words sharing a role set and value.
type lexRow struct {
	r     role
	val   int
	words string
}

// lexRows is the whole vocabulary. Words are matched in lower case; the
// tokeniser remembers capitalisation separately, since "May" and "March"
// are only months when capitalised.
var lexRows = []lexRow{
	{rMonth, 1, "january"}, {rMonth, 2, "february"}, {rMonth, 3, "march"},
	{rMonth, 4, "april"}, {rMonth, 5, "may"}, {rMonth, 6, "june"},
	{rMonth, 7, "july"}, {rMonth, 8, "august"}, {rMonth, 9, "september"},
	{rMonth, 10, "october"}, {rMonth, 11, "november"}, {rMonth, 12, "december"},
	{rMonth | rMonthAbbr, 1, "jan"}, {rMonth | rMonthAbbr, 2, "feb"},
	{rMonth | rMonthAbbr, 3, "mar"}, {rMonth | rMonthAbbr, 4, "apr"},
	{rMonth | rMonthAbbr, 6, "jun"}, {rMonth | rMonthAbbr, 7, "jul"},
	{rMonth | rMonthAbbr, 8, "aug"}, {rMonth | rMonthAbbr, 9, "sep sept"},
	{rMonth | rMonthAbbr, 10, "oct"}, {rMonth | rMonthAbbr, 11, "nov"},
	{rMonth | rMonthAbbr, 12, "dec"},

	{rWeekday, 0, "sunday"}, {rWeekday, 1, "monday"}, {rWeekday, 2, "tuesday"},
	{rWeekday, 3, "wednesday"}, {rWeekday, 4, "thursday"}, {rWeekday, 5, "friday"},
	{rWeekday, 6, "saturday"},
	{rWeekdayAbbr, 0, "sun"}, {rWeekdayAbbr, 1, "mon"}, {rWeekdayAbbr, 2, "tue tues"},
	{rWeekdayAbbr, 3, "wed"}, {rWeekdayAbbr, 4, "thu thur thurs"},
	{rWeekdayAbbr, 5, "fri"}, {rWeekdayAbbr, 6, "sat"},

	{rUnit, uHour, "hour"}, {rUnit | rPlural, uHour, "hours"},
	{rUnit | rOnly, uDay, "day"}, {rUnit | rPlural, uDay, "days"},
	{rUnit, uWeek, "week"}, {rUnit | rPlural, uWeek, "weeks"},
	{rUnit, uMonth, "month"}, {rUnit | rPlural, uMonth, "months"},
	{rUnit | rCtx, uYear, "year"}, {rUnit | rPlural, uYear, "years"},

	{rNum | rArticle | rDeterminer, 1, "a an"},
	{rNum, 1, "one"}, {rNum, 2, "two"}, {rNum, 3, "three"}, {rNum, 4, "four"},
	{rNum, 5, "five"}, {rNum, 6, "six"}, {rNum, 7, "seven"}, {rNum, 8, "eight"},
	{rNum, 9, "nine"}, {rNum, 10, "ten"}, {rNum, 11, "eleven"}, {rNum, 12, "twelve"},
	{rNum, 13, "thirteen"}, {rNum, 14, "fourteen"}, {rNum, 15, "fifteen"},
	{rNum, 16, "sixteen"}, {rNum, 17, "seventeen"}, {rNum, 18, "eighteen"},
	{rNum, 19, "nineteen"}, {rNum, 20, "twenty"}, {rNum, 30, "thirty"},
	{rNum, 40, "forty"}, {rNum, 50, "fifty"}, {rNum, 60, "sixty"},
	{rNum, 70, "seventy"}, {rNum, 80, "eighty"}, {rNum, 90, "ninety"},
	{rVague, 0, "few several"}, {rCouple, 2, "couple"},
	{rOrdinal, 1, "first"}, {rOrdinal, 2, "second"}, {rOrdinal, 3, "third"},
	{rOrdinal, 4, "fourth"},
	{rQuant, 0, "dozen dozens hundred hundreds thousand thousands million millions scores tens"},
	{rFreq, 0, "once twice times"},

	{rDayWord, -1, "yesterday"}, {rDayWord, 0, "today tonight"},
	{rOvernight, 0, "overnight"},
	{rDayPart, 0, "morning afternoon evening dawn"}, {rDayPart | rNight, 0, "night"},
	{rRateAdv, uDay, "daily"}, {rRateAdv, uWeek, "weekly"},
	{rRateAdv, uMonth, "monthly"}, {rRateAdv, uYear, "yearly annually"},
	{rRateDet, 0, "every each per"},
	{rSeason, 1, "spring"}, {rSeason, 2, "summer"}, {rSeason, 3, "autumn"},
	{rSeason | rSeasonNeedsYear, 3, "fall"}, {rSeason, 4, "winter"},
	{rPart, 1, "early"}, {rPart, 2, "mid"}, {rPart, 3, "late"},
	{rPart | rPartOf, 1, "beginning start"}, {rPart | rPartOf, 2, "middle"},
	{rPart | rPartOf, 3, "end"},
	{rWeekend, 0, "weekend"},
	{rNow, 0, "now present date"},
	{rHours, 0, "hours"},

	{rThe | rDeterminer, 0, "the"}, {rDeterminer, 0, "its their his her our this that"},
	{rThis, 0, "this"}, {rLast | rOrdinal, -1, "last"}, {rPast, 0, "past"},
	{rRecent, 0, "recent"}, {rEarlier, 0, "earlier"}, {rAgo, 0, "ago"},
	{rSince, 0, "since"}, {rFrom, 0, "from"}, {rBetween, 0, "between"},
	{rTo, 0, "to until till through"}, {rAnd, 0, "and"}, {rOr, 0, "or"},
	{rOf | rCtx, 0, "of"},
	{rOn, 0, "on"}, {rIn | rCtx, 0, "in"}, {rDuring | rCtx, 0, "during"},
	{rThroughout | rCtx, 0, "throughout"}, {rOver, 0, "over"}, {rFor, 0, "for"},
	{rWithin, 0, "within"}, {rAt, 0, "at"},
	{rBlock, 0, "before by until till"}, {rBlock2, 0, "ahead prior"},
	{rFuture, 0, "next coming upcoming this"},
	{rDivision, 2, "half"}, {rDivision, 4, "quarter"},
	{rCountNoun, 0, "people persons civilians children women men fighters soldiers troops militants rebels families refugees residents dead deaths casualties victims others homes houses"},
	{rBefore, 0, "before"},
	{rSingle, 0, "single"},

	// "in a day", "for a year", "more than a month": durations, not rates.
	{rRateBlockPrev, 0, "in for within than over about around nearly almost after under half just only least single whole entire full same one next last this that"},
	// "a day after", "a year later", "a week of clashes", "a day-long": not rates.
	{rRateBlockNext, 0, "after later before earlier ago of long old or ahead prior into since when and later"},
	{rAdjBlockNext, 0, "life lives newspaper newspapers paper papers bread routine needs prayers prayer mail press news chores work activities business struggle struggles briefing briefings bulletin report reports"},
	{rAdjKeepNext, 0, "basis average toll rate death deaths casualties casualty killings killing attacks raids airstrikes strikes bombardment bombing bombings shelling clashes arrivals flow number numbers figure"},
}

// wordInfo is what the lexicon knows of one word.
type wordInfo struct {
	roles role
	val   int
}

func (w *wordInfo) has(r role) bool { return w != nil && w.roles&r != 0 }

var (
	lexIndex  map[string]uint16 // lower-case word -> index into lexWords
	lexWords  []wordInfo        // index 0 is the empty entry
	lexMaxLen int
)

// lexTable is lexIndex as an open-addressing hash table (linear probing,
// at most half full) keyed by a word's lower-case bytes packed into two
// machine words, zeros after the word: the tokeniser builds the key of a
// short word from one load, and a key compares in two instructions. No
// text word packs like a lexicon word unless it is that word, as a token
// holds no zero byte. Most words of a text are looked up.
var lexTable [lexSlots]struct {
	k0, k1 uint64
	idx    uint16
}

const lexSlots = 1024

// maxKey is the longest word the key holds.
const maxKey = ascii8.MaxKey

func lexSlot(k0, k1 uint64) uint64 {
	return ascii8.Hash(k0, k1) >> (64 - 10)
}

// lexLookup returns the lexicon index of the word s[i:j] (at most maxKey
// bytes), case-insensitively, or 0.
func lexLookup(s string, i, j int) uint16 {
	return lexProbe(ascii8.Key(s, i, j))
}

// lexProbe returns the lexicon index of the packed key k0, k1, or 0.
func lexProbe(k0, k1 uint64) uint16 {
	for slot := lexSlot(k0, k1); ; slot = (slot + 1) & (lexSlots - 1) {
		e := &lexTable[slot]
		if e.k0 == k0 && e.k1 == k1 {
			return e.idx
		}
		if e.idx == 0 {
			return 0
		}
	}
}

func init() {
	lexIndex = make(map[string]uint16)
	lexWords = []wordInfo{{}}
	for _, row := range lexRows {
		for _, w := range strings.Fields(row.words) {
			i, ok := lexIndex[w]
			if !ok {
				i = uint16(len(lexWords))
				lexWords = append(lexWords, wordInfo{})
				lexIndex[w] = i
				lexMaxLen = max(lexMaxLen, len(w))
				if len(w) > maxKey || len(w) > 15 { // 15: filterKey keeps four bits of length
					panic("timex: lexicon word too long: " + w)
				}
				k0, k1 := ascii8.Key(w, 0, len(w))
				slot := lexSlot(k0, k1)
				for lexTable[slot].idx != 0 {
					slot = (slot + 1) & (lexSlots - 1)
				}
				lexTable[slot].k0, lexTable[slot].k1, lexTable[slot].idx = k0, k1, i
				k := filterKey(len(w), w[0], w[len(w)-1])
				lexFilter[k>>6] |= 1 << (k & 63)
			}
			e := &lexWords[i]
			e.roles |= row.r
			if row.val != 0 {
				if e.val != 0 && e.val != row.val {
					panic("timex: conflicting values for " + w)
				}
				e.val = row.val
			}
		}
	}
	for w, i := range lexIndex {
		if lexWords[i].roles&cueRoles != 0 {
			k := filterKey(len(w), w[0], w[len(w)-1])
			cueFilter[k>>6] |= 1 << (k & 63)
		}
	}
	if len(lexIndex) > lexSlots/2 { // keep probe chains short
		panic("timex: lexTable too small")
	}
}
