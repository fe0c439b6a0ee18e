package document

// The tables below say what page furniture looks like. They are data: to
// teach tally a new outlet's furniture, add a row; furniture_test.go has a
// table of examples to extend alongside.
//
// A pattern is an RE2 regular expression (https://github.com/google/re2/wiki/Syntax)
// matched against the normalised text (curly quotes, dashes and Unicode
// spaces already folded to ASCII). Placeholders are expanded first:
//
//	{DATE}      a date as a stamp writes it: "Fri 07 Apr 2017", "05.10.2017", "August 13 2016"
//	{TIME}      a time after a date stamp: "at 0914", "22:33", "0147 PM"
//	{WEEKDAY}, {DAY}, {YEAR}  the parts of a date
//	{MONTH}     a month name or abbreviation
//	{AGENCY}    any written form in the agencies table
//	{CITY}      a dateline city from the cities table, in capitals ("BEIRUT")
//	{ANYCITY}   the same in any case ("Moscow")
//
// Named groups give the match a meaning:
//
//	(?P<blank>...)   blank only this part (else the whole match is blanked)
//	(?P<date>...)    a publication date stamp; the first one found counts
//	(?P<credit>...)  names one or more outlets or wires, kept as credits
//
// Whatever a rule matches is blanked in Norm (replaced by spaces, offsets
// unchanged), never deleted.
//
// Tail rules are matched against the end of the text only as far back as
// their longest possible match (a * or + counts as 64 repeats), unless they
// open with plain text; so do not start a tail pattern with ^.
//
// A rule's pattern is compiled only when a text holds the plain text every
// match of it must start with or contain ("Get short URL", "(Reuters"),
// which is worked out from the pattern (prefilter.go): most rules never
// fire, and reading an article then costs no compiling. The results are
// kept in furniture_prefilters.go; after editing these tables run
// go generate ./internal/document (the tests say when it is due). Until
// then the edited rules are worked out at run time, a little slower.

// zone is where in the body a furniture rule applies.
type zone int

const (
	// lead rules match at the start of the body, one after the other:
	// date stamp, title repeat, credit, dateline, in any order.
	lead zone = iota
	// tail rules match at the end of the body, peeled off one by one.
	tail
	// anywhere rules match wherever they occur.
	anywhere
)

type furnitureRule struct {
	Name    string
	Zone    zone
	Pattern string
	// After: a lead rule that fires only once other lead furniture was
	// found, because on its own it is too likely to be the first word of
	// the article ("AFP" after an Ahram title repeat, "Video").
	After bool
	// Within: an anywhere rule that only matches starting in the body's
	// first Within bytes (0: no limit).
	Within int
	// Before: an anywhere rule whose Pattern only counts when this pattern
	// matches right before it (within 48 bytes, ending in a capital or a
	// digit then spaces or a comma); both are blanked. Search
	// for the distinctive part ("(Reuters)") and check the context
	// ("BEIRUT ") behind it: much faster than one pattern that starts
	// with the context.
	Before string
}

var furnitureRules = []furnitureRule{
	// --- Lead: publication stamps and bylines ---
	{Name: "publication stamp", Zone: lead, Pattern: `(?:Date of publication|Published(?: on)?|Posted(?: on)?|Last updated(?: at| on)?|Updated(?: on| at)?)\s*:?\s*(?P<date>{DATE})(?:,?\s*{TIME})?(?:\s+by\s+[A-Z][a-z'-]+\s+[A-Z][a-z'-]+)?`},
	{Name: "date stamp", Zone: lead, Pattern: `(?P<date>{DATE})(?:,?\s*{TIME})?\)?`},
	{Name: "updated stamp", Zone: lead, Pattern: `\(updated [^()\n]{1,30}\)`},
	{Name: "Sputnik short URL", Zone: lead, Pattern: `Get short URL(?:\s+Topic\s[^()\n]{1,150}\([0-9]+\))?(?:\s+0\b){0,2}(?:\s+[0-9]+\b)?`},
	{Name: "title label", Zone: lead, Pattern: `[Tt]itle\s*:`},
	{Name: "Daily Sabah share link", Zone: lead, Pattern: `SEND\s+\S+`},
	{Name: "photo credit", Zone: lead, Pattern: `(?:DHA|IHA|AA|AFP|AP|Reuters|REUTERS) Photo\b`},
	{Name: "Ahram counters", Zone: lead, Pattern: `Print Tweet Views [0-9]+`},
	{Name: "Sputnik photo credit and section", Zone: lead, Pattern: `(?:REUTERS|AP Photo|AFP|Sputnik)\s+[A-Z][a-z]+\s+[A-Z][a-z]+\s+Middle East(?:\s+[0-9]{4}\b)?`},
	{Name: "Al-Manar section", Zone: lead, Pattern: `Middle East(?:\s+Syria)?(?:\s+(?:Military|Security|Politics|News))?`, After: true},
	{Name: "NNA credit", Zone: lead, Pattern: `(?:National News Agency|(?:Regional\s+)?(?P<credit>NNA))\s*-`},
	{Name: "dateline with agency", Zone: lead, Pattern: `(?:{CITY}|[A-Z]{3,}(?: [A-Z]{3,})?)(?:,?\s+{MONTH}\s+[0-9]{1,2})?,?\s*\((?P<credit>{AGENCY})\)(?:\s*[-:]+)?`},
	{Name: "agency in parentheses", Zone: lead, Pattern: `\((?P<credit>{AGENCY})\)(?:\s*[-:]+)?`},
	{Name: "dateline", Zone: lead, Pattern: `{CITY}\b(?:\s*[-:]+)?`},
	{Name: "agency", Zone: lead, Pattern: `(?:{ANYCITY}\s+)?(?P<credit>{AGENCY})\b(?:\s*[-:]+)?`, After: true},
	{Name: "byline", Zone: lead, Pattern: `By\s+[A-Z][a-z'-]+\s+[A-Z][a-z'-]+\b`},
	{Name: "video label", Zone: lead, Pattern: `Video\b`, After: true},
	{Name: "title suffix", Zone: lead, Pattern: `(?:Reports?|Source|Media)\b`, After: true},
	{Name: "Reuters byline", Zone: lead, Pattern: `(?:[A-Z][a-z'-]+ ){1,5}[A-Z][a-z'-]+\.`, After: true},
	{Name: "updated label", Zone: lead, Pattern: `UPDATED\b`},

	// --- Tail: page footers, link lists, sign-offs and credits ---
	{Name: "Sputnik comments", Zone: tail, Pattern: `Community standards\s*Discussion[\s\S]*`},
	{Name: "Sputnik Telegram", Zone: tail, Pattern: `Never miss a story again[\s\S]*`},
	{Name: "Sputnik counter", Zone: tail, Pattern: `\.\.\.\s*[0-9]+`},
	// Patterns that open with plain text are found fast: rather than one
	// pattern with alternatives, write a rule per opening.
	{Name: "Sputnik topic", Zone: tail, Pattern: `Topic\s[^()\n]{1,150}\([0-9]+\)`},
	{Name: "Reuters standards", Zone: tail, Pattern: `Our Standards:\s*The Thomson (?P<credit>Reuters) Trust Principles\.?`},
	{Name: "Reuters additional reporting", Zone: tail, Pattern: `Additional reporting by [A-Z][^.\n]{2,300}`},
	{Name: "Reuters reporting", Zone: tail, Pattern: `Reporting by [A-Z][^.\n]{2,300}`},
	{Name: "Reuters writing", Zone: tail, Pattern: `Writing by [A-Z][^.\n]{2,300}`},
	{Name: "Reuters editing", Zone: tail, Pattern: `Editing by [A-Z][^.\n]{2,300}`},
	{Name: "follow us", Zone: tail, Pattern: `Follow us on [A-Z][\s\S]{0,1000}`},
	{Name: "TRT picture", Zone: tail, Pattern: `A picture is worth a thousand words\.`},
	{Name: "copyright", Zone: tail, Pattern: `Copyright\b[\s\S]{0,300}`},
	{Name: "copyright sign", Zone: tail, Pattern: `©[\s\S]{0,300}`},
	{Name: "rights reserved", Zone: tail, Pattern: `All [Rr]ights [Rr]eserved\.?[\s\S]{0,200}`},
	{Name: "subscribe", Zone: tail, Pattern: `(?:Subscribe|Sign up) (?:to|for) (?:our|the) [\s\S]{0,300}`},
	{Name: "share", Zone: tail, Pattern: `Share (?:this|on|via)\b[^.\n]{0,100}`},
	{Name: "source line", Zone: tail, Pattern: `Source:?\s+(?P<credit>{AGENCY})(?:\s+and\s+agencies)?`},
	{Name: "source in parentheses", Zone: tail, Pattern: `\((?:Source|Sources|[Ww]ith):?\s+(?P<credit>[^()\n]{1,80})\)(?:\s*(?:Twitter|Facebook))?`},
	{Name: "social sign-off", Zone: tail, Pattern: `[.!?"')\]]\s*(?P<blank>Twitter|Facebook)`},
	{Name: "Al Arabiya update", Zone: tail, Pattern: `Last Update:[^\n]{0,100}`},
	{Name: "dashed credit", Zone: tail, Pattern: `[\s.!?"')\]](?P<blank>-{1,2}\s*(?P<credit>{AGENCY}))`},
	{Name: "credit in parentheses", Zone: tail, Pattern: `(?P<blank>\((?P<credit>{AGENCY}(?:(?:,\s*|\s+and\s+){AGENCY})*)\))`},
	{Name: "bare credit", Zone: tail, Pattern: `[.!?"')\]]\s*(?P<blank>(?P<credit>{AGENCY}))`},
	{Name: "also", Zone: tail, Pattern: `[.!?"')\]]\s*(?P<blank>Also)`},
	{Name: "read also", Zone: tail, Pattern: `Read (?:[Aa]lso|[Mm]ore)\s*:?`},
	{Name: "also read", Zone: tail, Pattern: `Also [Rr]ead\s*:?`},
	{Name: "see also", Zone: tail, Pattern: `See [Aa]lso\s*:?`},
	{Name: "agencies contributed", Zone: tail, Pattern: `Agencies contributed to this (?:story|report)\.?`},
	{Name: "Al-Araby translation note", Zone: tail, Pattern: `This article is an edited translation from our Arabic edition\.?`},
	{Name: "Al-Alam image link", Zone: tail, Pattern: `MoreImage`},
	{Name: "SANA bulletin", Zone: tail, Pattern: `English [Bb]ulletin`},
	{Name: "graphic content warning", Zone: tail, Pattern: `WARNING:? GRAPHIC CONTENT`},
	{Name: "editor codes", Zone: tail, Pattern: `[.!?"')\]]\s*(?P<blank>[A-Z]{2,6}(?:\s*-?\s*[0-9]{1,3})?|[0-9]{1,3}(?:-[0-9]{1,3})?)`},

	// --- Anywhere ---
	{Name: "Sputnik short URL", Zone: anywhere, Pattern: `Get short URL(?:\s+Topic\s[^()\n]{1,150}\([0-9]+\))?(?:\s+0\b){0,2}(?:\s+[0-9]+\b)?`},
	{Name: "updated stamp", Zone: anywhere, Pattern: `\(updated [0-9]{3,4} [0-9]{2}\.[0-9]{2}\.[0-9]{4}\)`},
	{Name: "Ahram credit and stamp", Zone: anywhere, Within: 600, Pattern: `\b(?P<credit>AFP|AP|Reuters|REUTERS)\s+(?P<date>{WEEKDAY}\s+{DAY}\s+{MONTH}\s+{YEAR})`},
	{Name: "Ahram counters", Zone: anywhere, Pattern: `Print Tweet Views [0-9]+`},
	{Name: "dateline with agency", Zone: anywhere, Pattern: `\((?P<credit>{AGENCY})\)(?:\s*[-:]+)?`,
		Before: `(?:{CITY}|[A-Z]{3,}(?: [A-Z]{3,})?)(?:,?\s+{MONTH}\s+[0-9]{1,2})?,?\s*`},
	{Name: "click to enlarge", Zone: anywhere, Pattern: `\(Click to enlarge\)`},
	{Name: "click to enlarge in brackets", Zone: anywhere, Pattern: `\[Click to enlarge\]`},
	{Name: "photo credit in brackets", Zone: anywhere, Pattern: `\[(?:AFP|AP|Reuters|Getty(?: Images)?|Anadolu|AA)\]`},
	{Name: "tweet link", Zone: anywhere, Pattern: `pic\.twitter\.com\S*`},
	{Name: "photo credit", Zone: anywhere, Pattern: `\((?:Photo:? )?(?:AFP|AP|Reuters|DHA|IHA|AA|Anadolu|TRT World and Agencies|Getty Images)(?: Photo)?\)`},
	{Name: "DHA photo", Zone: anywhere, Pattern: `DHA Photo\b`},
	{Name: "IHA photo", Zone: anywhere, Pattern: `IHA Photo\b`},
	// Patterns that open with plain text are found fast; keep alternatives
	// that open differently in rules of their own.
	{Name: "share buttons", Zone: anywhere, Pattern: `Share on (?:Facebook|Twitter|WhatsApp|LinkedIn|Telegram)`},
	{Name: "share this", Zone: anywhere, Pattern: `Share this (?:article|story)`},
	{Name: "follow buttons", Zone: anywhere, Pattern: `Follow us on (?:Twitter|Facebook|Instagram|Telegram)`},
	{Name: "subscribe link", Zone: anywhere, Pattern: `Click here to subscribe`},
	{Name: "rights reserved", Zone: anywhere, Pattern: `All rights reserved\.?`},
}

// agencies are the outlets and wires whose credits are kept: each row's
// written forms (matched as whole words, case as written) and the name
// credited. Longer forms win over shorter ones.
var agencies = []struct {
	Written []string
	Name    string
}{
	{[]string{"AFP", "Agence France-Presse", "Agence France Presse"}, "AFP"},
	{[]string{"Reuters", "REUTERS", "Thomson Reuters"}, "Reuters"},
	{[]string{"AP", "Associated Press"}, "AP"},
	{[]string{"SANA", "Syrian Arab News Agency"}, "SANA"},
	{[]string{"TASS", "ITAR-TASS"}, "TASS"},
	{[]string{"Sputnik", "SPUTNIK"}, "Sputnik"},
	{[]string{"RIA Novosti"}, "RIA Novosti"},
	{[]string{"NNA"}, "NNA"},
	{[]string{"DPA", "dpa"}, "DPA"},
	{[]string{"AA", "Anadolu Agency", "Anadolu"}, "Anadolu Agency"},
	{[]string{"Xinhua"}, "Xinhua"},
	{[]string{"IRNA"}, "IRNA"},
	{[]string{"FNA", "Fars News Agency"}, "FNA"},
	{[]string{"Press TV"}, "Press TV"},
	{[]string{"UPI"}, "UPI"},
	{[]string{"EFE"}, "EFE"},
	{[]string{"Interfax"}, "Interfax"},
	{[]string{"TRTWorld", "TRT World"}, "TRT World"},
	{[]string{"Syrian Coalition"}, "Syrian Coalition"},
	{[]string{"Al-Masdar", "Al-Masdar News", "AMN"}, "Al-Masdar News"},
}

// datelineCities open datelines ("BEIRUT (Reuters) -"); add cities as
// they turn up.
var datelineCities = []string{
	"BEIRUT", "DAMASCUS", "MOSCOW", "ALEPPO", "HOMS", "HAMA", "IDLIB", "RAQQA", "DEIR EZZOR",
	"DARAA", "LATAKIA", "QAMISHLI", "HASAKA", "AMMAN", "ISTANBUL", "ANKARA", "GAZIANTEP",
	"GENEVA", "WASHINGTON", "NEW YORK", "UNITED NATIONS", "CAIRO", "BAGHDAD", "TEHRAN",
	"JERUSALEM", "DUBAI", "DOHA", "RIYADH", "PARIS", "LONDON", "BRUSSELS", "ASTANA", "SOCHI",
	"MOSUL", "ERBIL", "KABUL", "SANAA", "ADEN", "TRIPOLI", "KIEV", "KYIV", "DONETSK",
}

// titleSuffixes are outlet names and section trails pasted onto titles
// ("... | Jordan Times", "... - Region - World - Ahram Online"); they are
// blanked in Title.Norm. Patterns are anchored at the end of the title
// unless they start with ^.
var titleSuffixes = []string{
	`\s+-\s+Region\b.*`,
	`\s*\|\s*[A-Z][^|]{1,40}`,
	`\s+-\s+(?:Daily Sabah|Ahram Online|Al Arabiya English|Al Arabiya|Sputnik International|Sputnik|TRT World|Reuters|Al-Manar|Al Manar|Asharq Al-Awsat|The New Arab|Al-Alam|Jordan Times)`,
	`^National News Agency\s*-\s*`,
	`^UPDATED\b`,
}
