package document

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Date conventions, for metadata and for date stamps found in the text:
//
//   - ISO 8601 and RFC 3339 ("2017-04-07", "2017-04-07T09:14:00Z") and
//     "2017/04/07" are year-month-day.
//   - Slashed dates are American, month first: "4/7/17" and "04/07/2017" are
//     7 April 2017, as in the FA-KES CSV; only when the first number cannot
//     be a month ("25/07/2017") is it read day first.
//   - Dotted and dashed dates with the year last are European, day first:
//     "05.10.2017" (Sputnik) and "29-07-2015" (Al-Manar) are 5 October and
//     29 July; only when the second number cannot be a month is it read
//     month first.
//   - Two-digit years 00-69 are 2000-2069, 70-99 are 1970-1999.
//   - Written months in any order: "Fri 07 Apr 2017", "August 13 2016",
//     "April 2, 2017", "Sat Aug 31 2013", and Jordan Times' "Apr 232017"
//     (day and year run together).
//
// Only calendar dates between 1900 and 2100 are accepted.

// Regular-expression fragments for date stamps, shared by the furniture
// rules ({DATE}, {TIME} in furniture_rules.go).
const (
	reWeekday = `(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)\b\.?,?`
	reMonth   = `(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?`
	reDay     = `(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?`
	reYear    = `(?:19|20)[0-9]{2}`
	reDate    = `(?:` + reWeekday + `\s+)?(?:` +
		reDay + `\s+` + reMonth + `,?\s+` + reYear + `|` +
		reMonth + `\s+` + reDay + `,?\s+` + reYear + `|` +
		reMonth + `\s+(?:0[1-9]|[12][0-9]|3[01])` + reYear + `|` +
		`[0-9]{1,2}[./-][0-9]{1,2}[./-]` + reYear + `|` +
		reYear + `-[0-9]{2}-[0-9]{2}` +
		`)` // no \b: Sputnik glues "07.07.2015Get short URL"
	// Times after a date stamp: "at 0914", "22:33", "0147 PM", "102138".
	reTime = `(?:at\s+[0-9]{1,2}:?[0-9]{2}\b|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s*[AP]M)?\b|[0-9]{4}\s*[AP]M\b|[0-9]{6}\b)`
)

// Compiled on first use: a process that reads no dates compiles neither.
var (
	reISODate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:$|[T ,])`)
	})
	reNumDate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{2}|[0-9]{4})(?:$|[T ,])`)
	})
)

// mayBeISODate and mayBeNumDate check the start of s as the patterns
// would, which rules out most strings without running them.
func mayBeISODate(s string) bool {
	return len(s) >= 5 && isDigits(s[:4]) && strings.IndexByte("-/.", s[4]) >= 0
}

func mayBeNumDate(s string) bool {
	return len(s) >= 3 && isDigits(s[:1]) &&
		(strings.IndexByte("/.-", s[1]) >= 0 || isDigits(s[1:2]) && strings.IndexByte("/.-", s[2]) >= 0)
}

var monthNames = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"may": time.May, "jun": time.June, "jul": time.July, "aug": time.August,
	"sep": time.September, "oct": time.October, "nov": time.November, "dec": time.December,
}

// ParseDate reads a date as metadata or a date stamp gives it (see the
// conventions above) and returns it as YYYY-MM-DD.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if mayBeISODate(s) {
		if m := reISODate().FindStringSubmatch(s); m != nil {
			return ymd(atoi(m[1]), atoi(m[2]), atoi(m[3]))
		}
	}
	if !mayBeNumDate(s) {
		return parseWrittenDate(s)
	}
	if m := reNumDate().FindStringSubmatch(s); m != nil && m[2] == m[4] {
		a, b, y := atoi(m[1]), atoi(m[3]), atoi(m[5])
		if len(m[5]) == 2 {
			y = twoDigitYear(y)
		}
		switch m[2] {
		case "/": // American: month first unless it cannot be
			if a > 12 {
				a, b = b, a
			}
			return ymd(y, a, b)
		default: // European: day first unless it cannot be
			if b > 12 {
				a, b = b, a
			}
			return ymd(y, b, a)
		}
	}
	return parseWrittenDate(s)
}

// parseWrittenDate reads dates with a month name: the first month name, the
// first one- or two-digit number as the day and the first four-digit number
// as the year; words (weekdays, "at") and times are ignored.
func parseWrittenDate(s string) (string, bool) {
	var month time.Month
	day, year := 0, 0
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '.' || r == '/' || r == '-' || r == '(' || r == ')'
	})
	for _, f := range fields {
		switch {
		case isLetters(f):
			lf := strings.ToLower(f)
			if len(lf) >= 3 && month == 0 {
				if m, ok := monthNames[lf[:3]]; ok && isMonthWord(lf) {
					month = m
				}
			}
		case strings.Contains(f, ":"):
			// a time
		default:
			digits := strings.TrimRight(f, "stndrh")
			if !isDigits(digits) {
				continue
			}
			switch {
			case len(digits) <= 2 && day == 0:
				day = atoi(digits)
			case len(digits) == 4 && year == 0:
				year = atoi(digits)
			case len(digits) == 6 && day == 0 && year == 0 && month != 0:
				// "Apr 232017": day and year run together.
				day, year = atoi(digits[:2]), atoi(digits[2:])
			}
		}
	}
	if month == 0 || day == 0 || year == 0 {
		return "", false
	}
	return ymd(year, int(month), day)
}

// isMonthWord accepts a month's full name or a prefix of it of at least
// three letters ("sept", "sep", "september"), so that "mayor" or "marching"
// are not months.
func isMonthWord(w string) bool {
	for _, full := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"} {
		if strings.HasPrefix(full, w) {
			return true
		}
	}
	return false
}

func ymd(y, m, d int) (string, bool) {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 April
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

func twoDigitYear(y int) int {
	if y < 70 {
		return 2000 + y
	}
	return 1900 + y
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
