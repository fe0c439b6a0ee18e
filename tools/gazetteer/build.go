package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/tallyhq/tally/internal/place/layout"
	"github.com/tallyhq/tally/internal/place/namekey"
)

// name is one way of writing an entry, with how it relates to the entry.
type name struct {
	text string
	flag byte // layout.Flag*
}

// entry is a gazetteer entry while it is being built.
type entry struct {
	gid          int64
	name         string
	lat, lon     float64
	hasPoint     bool
	pop          int64
	cc           string
	admin1Code   string // "SY.04"
	admin2Code   string // "SY.04.172956"
	level        byte
	source       byte
	feature      byte
	events       int
	names        []name
	index        int // position in entries.bin, set when ordering
	admin1, adm2 int // entry indices, -1 for none
}

func (e *entry) addName(text string, flag byte) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if flag == layout.FlagAlternate && (isArabic(text) || sameSkeleton(e, text)) {
		flag |= layout.FlagVariant
	}
	e.names = append(e.names, name{text, flag})
}

// isArabic reports a name written in Arabic script: for the places tally
// reads about, the local name itself rather than a historical one.
func isArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// centroid accumulates unit vectors, so that a division's representative
// point is the mean position of its places even across the antimeridian.
type centroid struct {
	x, y, z float64
	n       int
	pop     int64
}

func (c *centroid) add(lat, lon float64, pop int64) {
	la, lo := lat*math.Pi/180, lon*math.Pi/180
	c.x += math.Cos(la) * math.Cos(lo)
	c.y += math.Cos(la) * math.Sin(lo)
	c.z += math.Sin(la)
	c.n++
	c.pop += pop
}

func (c *centroid) point() (lat, lon float64) {
	h := math.Hypot(c.x, c.y)
	return math.Atan2(c.z, h) * 180 / math.Pi, math.Atan2(c.y, c.x) * 180 / math.Pi
}

type builder struct {
	countries map[string]*entry // by ISO code
	admin1    map[string]*entry // by "CC.A1"
	admin2    map[string]*entry // by "CC.A1.A2"
	regions   []*entry
	places    []*entry // GeoNames, by id
	ucdp      []*entry
	stats     []string
	inputs    []string
}

func newBuilder() *builder {
	return &builder{countries: map[string]*entry{}, admin1: map[string]*entry{}, admin2: map[string]*entry{}}
}

func (b *builder) statf(format string, args ...any) {
	b.stats = append(b.stats, fmt.Sprintf(format, args...))
}

// readLines calls fn for each line of a text file with its line number.
func readLines(path string, fn func(n int, line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		if err := fn(n, sc.Text()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readCountries reads countries.tsv: iso2, name, aliases (|-separated),
// source.
func (b *builder) readCountries(path string) error {
	return readLines(path, func(n int, line string) error {
		if n == 1 || strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		f := splitTSV(line)
		if len(f) != 4 || len(f[0]) != 2 || f[1] == "" || f[3] == "" {
			return fmt.Errorf("want iso2, name, aliases, source; got %q", line)
		}
		if b.countries[f[0]] != nil {
			return fmt.Errorf("country %s listed twice", f[0])
		}
		e := &entry{name: f[1], cc: f[0], level: layout.LevelCountry, source: layout.SourceCurated, admin1: -1, adm2: -1}
		e.addName(f[1], layout.FlagCanonical)
		for _, a := range strings.Split(f[2], "|") {
			e.addName(a, layout.FlagAlternate|layout.FlagVariant)
		}
		b.countries[f[0]] = e
		return nil
	})
}

// divisionWords are the type words of division names, stripped to give the
// name news uses ("Afrin District" → "Afrin", "Muhafazat Hadramaout" →
// "Hadramaout").
var divisionSuffixes = []string{
	" autonomous region", " autonomous oblast", " autonomous okrug", " special administrative region",
	" governorate", " province", " oblast'", " oblast", " raion", " rayon", " region", " district",
	" county", " parish", " prefecture", " department", " state", " municipality", " kray", " krai",
	" republic", " territory", " division", " city", " municipal district", " emirate", " voivodeship",
}

var divisionPrefixes = []string{
	"muhafazat ", "mintaqat ", "republic of ", "province of ", "city of ", "gouvernorat de ",
	"provincia de ", "provincia di ", "departamento de ", "departamento del ", "region of ", "wilayat ",
	"wilaya de ", "state of ", "kraj ", "comunidad de ",
}

// stripDivision removes one type word from a division name, or returns "".
func stripDivision(s string) string {
	low := strings.ToLower(s)
	for _, suf := range divisionSuffixes {
		if strings.HasSuffix(low, suf) && len(s) > len(suf)+1 {
			return strings.TrimSpace(s[:len(s)-len(suf)])
		}
	}
	for _, pre := range divisionPrefixes {
		if strings.HasPrefix(low, pre) && len(s) > len(pre)+1 {
			return strings.TrimSpace(s[len(pre):])
		}
	}
	return ""
}

// readAdmin reads admin1CodesASCII.txt or admin2Codes.txt: code, name,
// ASCII name, GeoNames id.
func (b *builder) readAdmin(path string, level int) error {
	count := 0
	err := readLines(path, func(n int, line string) error {
		f := splitTSV(line)
		if len(f) != 4 {
			return fmt.Errorf("want 4 fields, got %d", len(f))
		}
		gid, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil {
			return fmt.Errorf("GeoNames id: %w", err)
		}
		parts := strings.Split(f[0], ".")
		if len(parts) != level+1 {
			return fmt.Errorf("code %q is not a level-%d code", f[0], level)
		}
		e := &entry{gid: gid, name: f[1], cc: parts[0], source: layout.SourceGeoNames, admin1: -1, adm2: -1}
		e.admin1Code = parts[0] + "." + parts[1]
		for _, s := range []string{f[1], f[2]} {
			e.addName(s, layout.FlagCanonical)
			for s = stripDivision(s); s != ""; s = stripDivision(s) {
				e.addName(s, layout.FlagStripped)
			}
		}
		if level == 1 {
			e.level = layout.LevelAdmin1
			b.admin1[f[0]] = e
		} else {
			e.level = layout.LevelAdmin2
			e.admin2Code = f[0]
			b.admin2[f[0]] = e
		}
		count++
		return nil
	})
	b.statf("admin%d divisions read: %d", level, count)
	return err
}

// dropFeatures are GeoNames feature codes of places that no longer exist
// as such (historical, abandoned, historical capital).
var dropFeatures = map[string]bool{"PPLH": true, "PPLQ": true, "PPLCH": true}

func featureOf(code string) byte {
	switch code {
	case "PPLC":
		return layout.FeatureCapital
	case "PPLA":
		return layout.FeatureSeat1
	case "PPLA2":
		return layout.FeatureSeat2
	case "PPLX":
		return layout.FeatureSection
	case "PPLA3", "PPLA4", "PPLA5":
		return layout.FeatureSeatLow
	}
	return layout.FeatureOther
}

// keepAlternate decides whether a GeoNames alternate name is worth
// indexing: names in Latin or Arabic script only (the scripts of the news
// tally reads), without the all-lower-case machine transliterations of
// Chinese, Japanese and Korean names ("a lei po") and without airport codes
// ("ALP").
func keepAlternate(s string) bool {
	if s == "" || len(s) > 100 || strings.Contains(s, "http") {
		return false
	}
	latin, arabic, other, upper, letters := 0, 0, 0, 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.Is(unicode.Arabic, r):
			arabic++
		default:
			other++
		}
	}
	switch {
	case letters == 0 || other > 0 || latin > 0 && arabic > 0:
		return false
	case arabic > 0:
		return true
	case upper == 0:
		return false
	case upper == letters && letters <= 4 && !strings.ContainsAny(s, " -."):
		return false // IATA and ICAO codes
	}
	return true
}

// readCities reads GeoNames cities500: geonameid, name, asciiname,
// alternatenames, latitude, longitude, feature class, feature code, country
// code, cc2, admin1, admin2, admin3, admin4, population, ...
func (b *builder) readCities(path string) error {
	read, dropped, alts := 0, 0, 0
	err := readLines(path, func(n int, line string) error {
		f := splitTSV(line)
		if len(f) < 15 {
			return fmt.Errorf("want at least 15 fields, got %d", len(f))
		}
		read++
		if dropFeatures[f[7]] || f[6] != "P" {
			dropped++
			return nil
		}
		gid, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return fmt.Errorf("geonameid: %w", err)
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("coordinates %q %q", f[4], f[5])
		}
		var pop int64
		if f[14] != "" {
			if pop, err = strconv.ParseInt(f[14], 10, 64); err != nil {
				return fmt.Errorf("population: %w", err)
			}
		}
		e := &entry{gid: gid, name: f[1], lat: lat, lon: lon, hasPoint: true, pop: pop, cc: f[8],
			level: layout.LevelPlace, source: layout.SourceGeoNames, feature: featureOf(f[7]), admin1: -1, adm2: -1}
		if f[10] != "" {
			e.admin1Code = f[8] + "." + f[10]
			if f[11] != "" {
				e.admin2Code = e.admin1Code + "." + f[11]
			}
		}
		e.addName(f[1], layout.FlagCanonical)
		e.addName(f[2], layout.FlagCanonical)
		for _, a := range strings.Split(f[3], ",") {
			if keepAlternate(a) {
				e.addName(a, layout.FlagAlternate)
				alts++
			}
		}
		b.places = append(b.places, e)
		return nil
	})
	sort.Slice(b.places, func(i, j int) bool { return b.places[i].gid < b.places[j].gid })
	b.statf("cities500 rows read: %d; dropped (historical, abandoned): %d; alternate names kept: %d", read, dropped, alts)
	return err
}

// haversine gives the great-circle distance in km.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// readRegions reads regions.tsv: name, aliases, level, country, admin1,
// lat, lon, source. Level "region" adds an area entry; level "admin1" adds
// the name and aliases to the existing first-level division named in the
// admin1 column.
func (b *builder) readRegions(path string) error {
	regions, aliases := 0, 0
	err := readLines(path, func(n int, line string) error {
		if n == 1 || strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		f := splitTSV(line)
		if len(f) != 8 || f[0] == "" || f[7] == "" {
			return fmt.Errorf("want name, aliases, level, country, admin1, lat, lon, source (8 fields, source required); got %d", len(f))
		}
		if b.countries[f[3]] == nil {
			return fmt.Errorf("unknown country %q", f[3])
		}
		var a1 *entry
		if f[4] != "" {
			if a1 = b.admin1ByName(f[3], f[4]); a1 == nil {
				return fmt.Errorf("no admin1 %q in %s", f[4], f[3])
			}
		}
		switch f[2] {
		case "admin1":
			if a1 == nil {
				return fmt.Errorf("an admin1 alias needs the admin1 column")
			}
			seat := b.seatOf(a1)
			for _, a := range append([]string{f[0]}, strings.Split(f[1], "|")...) {
				a1.addName(a, layout.FlagAlternate|layout.FlagVariant)
				// "Deir Ezzor" is as much the city as the governorate:
				// a spelling of the seat's own name goes to the seat too.
				if seat != nil && sameSkeleton(seat, a) {
					seat.addName(a, layout.FlagAlternate|layout.FlagVariant)
				}
			}
			aliases++
		case "region":
			lat, err1 := strconv.ParseFloat(f[5], 64)
			lon, err2 := strconv.ParseFloat(f[6], 64)
			if err1 != nil || err2 != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
				return fmt.Errorf("bad coordinates %q %q", f[5], f[6])
			}
			e := &entry{name: f[0], lat: lat, lon: lon, hasPoint: true, cc: f[3], level: layout.LevelRegion,
				source: layout.SourceCurated, admin1: -1, adm2: -1}
			if a1 != nil {
				e.admin1Code = a1.admin1Code
			}
			e.addName(f[0], layout.FlagCanonical)
			for _, a := range strings.Split(f[1], "|") {
				e.addName(a, layout.FlagAlternate|layout.FlagVariant)
			}
			b.regions = append(b.regions, e)
			regions++
		default:
			return fmt.Errorf("level %q: want region or admin1", f[2])
		}
		return nil
	})
	b.statf("curated regions: %d; curated admin1 alias rows: %d", regions, aliases)
	return err
}

// seatOf finds the seat (GeoNames PPLA) of a first-level division, if
// cities500 has one.
func (b *builder) seatOf(a1 *entry) *entry {
	for _, p := range b.places {
		if p.feature == layout.FeatureSeat1 && p.admin1Code == a1.admin1Code {
			return p
		}
	}
	return nil
}

// sameSkeleton reports whether alias is a transliteration variant of one
// of e's own names.
func sameSkeleton(e *entry, alias string) bool {
	l := namekey.Loose(namekey.Key(alias))
	if l == "" {
		return false
	}
	for _, n := range e.names {
		if n.flag == layout.FlagCanonical && namekey.Loose(namekey.Key(n.text)) == l {
			return true
		}
	}
	return false
}

// admin1ByName finds a first-level division of country cc by its GeoNames
// name or ASCII name.
func (b *builder) admin1ByName(cc, nm string) *entry {
	codes := make([]string, 0, 64)
	for code := range b.admin1 {
		if strings.HasPrefix(code, cc+".") {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes) // the first of equal names, the same on every run
	for _, code := range codes {
		for _, n := range b.admin1[code].names {
			if n.flag == layout.FlagCanonical && strings.EqualFold(n.text, nm) {
				return b.admin1[code]
			}
		}
	}
	return nil
}

// finish computes the points and populations of countries and divisions
// from their places, drops divisions with no place to locate them by, and
// orders the entries as layout fixes.
func (b *builder) finish() ([]*entry, error) {
	c1 := map[string]*centroid{}
	c2 := map[string]*centroid{}
	cc := map[string]*centroid{}
	get := func(m map[string]*centroid, k string) *centroid {
		c := m[k]
		if c == nil {
			c = &centroid{}
			m[k] = c
		}
		return c
	}
	all := append(append([]*entry{}, b.places...), b.ucdp...)
	for _, p := range all {
		get(cc, p.cc).add(p.lat, p.lon, p.pop)
		if p.admin1Code != "" {
			get(c1, p.admin1Code).add(p.lat, p.lon, p.pop)
		}
		if p.admin2Code != "" {
			get(c2, p.admin2Code).add(p.lat, p.lon, p.pop)
		}
	}
	place := func(m map[string]*entry, cs map[string]*centroid) []*entry {
		var out []*entry
		for k, e := range m {
			c := cs[k]
			if c == nil {
				continue // no place to put it at: leave it out rather than guess
			}
			e.lat, e.lon = c.point()
			e.pop = c.pop
			e.hasPoint = true
			out = append(out, e)
		}
		sort.Slice(out, func(i, j int) bool { return keyOf(out[i]) < keyOf(out[j]) })
		return out
	}
	countries := place(b.countries, cc)
	admin1 := place(b.admin1, c1)
	admin2 := place(b.admin2, c2)
	b.statf("countries with places: %d of %d; admin1 located: %d of %d; admin2 located: %d of %d",
		len(countries), len(b.countries), len(admin1), len(b.admin1), len(admin2), len(b.admin2))
	for code := range cc {
		if b.countries[code] == nil {
			return nil, fmt.Errorf("places in country %q, which countries.tsv lacks", code)
		}
	}

	var out []*entry
	out = append(out, countries...)
	out = append(out, admin1...)
	out = append(out, admin2...)
	if len(out) > 0xFFFF {
		return nil, fmt.Errorf("%d countries and divisions do not fit 16-bit references", len(out))
	}
	out = append(out, b.regions...)
	out = append(out, b.places...)
	out = append(out, b.ucdp...)
	if len(out) > layout.EntryMask {
		return nil, fmt.Errorf("%d entries do not fit 24-bit index values", len(out))
	}
	for i, e := range out {
		e.index = i
	}
	for _, e := range out {
		if a := b.admin1[e.admin1Code]; a != nil && a.hasPoint {
			e.admin1 = a.index
		}
		if a := b.admin2[e.admin2Code]; a != nil && a.hasPoint {
			e.adm2 = a.index
		}
	}
	return out, nil
}

// keyOf orders countries and divisions by their code.
func keyOf(e *entry) string {
	switch e.level {
	case layout.LevelCountry:
		return e.cc
	case layout.LevelAdmin1:
		return e.admin1Code
	}
	return e.admin2Code
}
