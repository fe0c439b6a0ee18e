package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tallyhq/tally/internal/place/layout"
	"github.com/tallyhq/tally/internal/place/namekey"
)

// ucdpAdmin1 maps UCDP GED's adm_1 names for Syria to GeoNames admin1
// codes. It is written out rather than matched by spelling because two of
// them differ in more than spelling ("Damascus" is GeoNames' "Dimashq").
var ucdpAdmin1 = map[string]string{
	"Al Hasakah Governorate":  "SY.01",
	"Latakia Governorate":     "SY.02",
	"Quneitra Governorate":    "SY.03",
	"Ar Raqqah Governorate":   "SY.04",
	"As Suwayda Governorate":  "SY.05",
	"Daraa Governorate":       "SY.06",
	"Deir ez Zor Governorate": "SY.07",
	"Rif Dimashq Governorate": "SY.08",
	"Aleppo Governorate":      "SY.09",
	"Hamah Governorate":       "SY.10",
	"Homs Governorate":        "SY.11",
	"Idlib Governorate":       "SY.12",
	"Damascus Governorate":    "SY.13",
	"Tartus Governorate":      "SY.14",
}

// ucdpFeatureWords end UCDP location names without being part of the name
// news uses ("Kafr Nabl village" is Kafr Nabl).
var ucdpFeatureWords = []string{"town", "village", "city", "suburb", "area", "locality", "neighbourhood", "neighborhood"}

// ucdpNotAName marks where_coordinates that describe a spot relative to
// others ("Silos east of Palmyra", "Road between As Sukhnah and Tadmur")
// rather than name one.
var ucdpNotAName = regexp.MustCompile(`(?i)\b(of|between|in|and|near|road|highway|border|axis|triangle|junction)\b|governorate$|district$|^syria$`)

var parenthetical = regexp.MustCompile(`\(([^)]*)\)`)

// cleanUCDP turns a where_coordinates value into the names it gives:
// "Al-Rai town (Choban Bey)" → Al-Rai, Choban Bey; "Tadmur/Palmyra town" →
// Tadmur, Palmyra.
//
// A parenthesis that names a governorate ("Jabal Bishri mountain (Deir
// Ezzor)") says where the place is, not another name for it: adminKeys
// holds the keys of such names.
func cleanUCDP(s string, adminKeys map[string]bool) []string {
	s = strings.Join(strings.Fields(s), " ")
	var raw []string
	for _, m := range parenthetical.FindAllStringSubmatch(s, -1) {
		if !adminKeys[namekey.Key(m[1])] {
			raw = append(raw, m[1])
		}
	}
	s = strings.TrimSpace(parenthetical.ReplaceAllString(s, ""))
	if ucdpNotAName.MatchString(s) {
		return nil
	}
	// A feature word after the last part applies to every part.
	for _, w := range ucdpFeatureWords {
		if rest, ok := strings.CutSuffix(s, " "+w); ok {
			s = rest
			break
		}
	}
	raw = append(strings.Split(s, "/"), raw...)
	var out []string
	seen := map[string]bool{}
	for _, n := range raw {
		n = strings.TrimSpace(n)
		for _, w := range ucdpFeatureWords {
			if rest, ok := strings.CutSuffix(n, " "+w); ok {
				n = rest
				break
			}
		}
		k := namekey.Key(n)
		if k == "" || seen[k] || ucdpNotAName.MatchString(n) {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// ucdpObs is one UCDP event's location.
type ucdpObs struct {
	names    []string
	lat, lon float64
	exact    bool // where_prec 1: the event was at the named place itself
	a1, a2   string
}

// ucdpCluster is one place: the observations of a name within a few km.
type ucdpCluster struct {
	seedLat, seedLon float64
	obs              []ucdpObs
}

// readUCDP adds the Syrian places that UCDP GED locates events at (where_prec
// 1 and 2: at or within 25 km of a named place) and GeoNames lacks, and adds
// UCDP's spellings to the GeoNames places it shares.
func (b *builder) readUCDP(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, h := range []string{"where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country"} {
		if _, ok := col[h]; !ok {
			return fmt.Errorf("%s: no column %q", path, h)
		}
	}
	adminKeys := map[string]bool{}
	for code, e := range b.admin1 {
		if strings.HasPrefix(code, "SY.") {
			for _, n := range e.names {
				adminKeys[namekey.Key(n.text)] = true
			}
		}
	}
	groups := map[string][]*ucdpCluster{}
	var order []string
	rows, used := 0, 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		rows++
		prec := rec[col["where_prec"]]
		if (prec != "1" && prec != "2") || rec[col["country"]] != "Syria" {
			continue
		}
		names := cleanUCDP(rec[col["where_coordinates"]], adminKeys)
		if len(names) == 0 {
			continue
		}
		lat, err1 := strconv.ParseFloat(rec[col["latitude"]], 64)
		lon, err2 := strconv.ParseFloat(rec[col["longitude"]], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("%s: row %d: coordinates %q %q", path, rows+1, rec[col["latitude"]], rec[col["longitude"]])
		}
		a1 := ""
		if v := rec[col["adm_1"]]; v != "NA" && v != "" {
			var ok bool
			if a1, ok = ucdpAdmin1[v]; !ok {
				return fmt.Errorf("%s: row %d: adm_1 %q has no GeoNames code in ucdpAdmin1", path, rows+1, v)
			}
		}
		a2 := rec[col["adm_2"]]
		if a2 == "NA" {
			a2 = ""
		}
		o := ucdpObs{names: names, lat: lat, lon: lon, exact: prec == "1", a1: a1, a2: a2}
		k := namekey.Key(names[0])
		if l := namekey.Loose(k); l != "" {
			k = l
		}
		if groups[k] == nil {
			order = append(order, k)
		}
		placed := false
		for _, c := range groups[k] {
			if haversine(c.seedLat, c.seedLon, lat, lon) < 5 {
				c.obs = append(c.obs, o)
				placed = true
				break
			}
		}
		if !placed {
			groups[k] = append(groups[k], &ucdpCluster{seedLat: lat, seedLon: lon, obs: []ucdpObs{o}})
		}
		used++
	}
	b.statf("UCDP GED rows: %d; at or near a named place: %d; distinct places: %d", rows, used, countClusters(groups))

	regionKeys := map[string]bool{}
	for _, e := range b.regions {
		for _, n := range e.names {
			regionKeys[namekey.Key(n.text)] = true
		}
	}
	syExact, syLoose := map[string][]*entry{}, map[string][]*entry{}
	var syPlaces []*entry
	for _, p := range b.places {
		if p.cc != "SY" {
			continue
		}
		syPlaces = append(syPlaces, p)
		for _, n := range p.names {
			k := namekey.Key(n.text)
			syExact[k] = append(syExact[k], p)
			if l := namekey.Loose(k); l != "" {
				syLoose[l] = append(syLoose[l], p)
			}
		}
	}
	merged, added := 0, 0
	for _, k := range order {
	clusters:
		for _, c := range groups[k] {
			lat, lon, names, a1, a2 := c.summary()
			for _, n := range names {
				if regionKeys[namekey.Key(n)] {
					continue clusters // a curated region says it better
				}
			}
			if a1 == "" {
				a1 = nearest(syPlaces, lat, lon).admin1Code
			}
			if p := b.sameSyrianPlace(syExact, syLoose, names, lat, lon); p != nil {
				for _, n := range names {
					p.addName(n, layout.FlagAlternate)
				}
				p.events += len(c.obs)
				merged++
				continue
			}
			e := &entry{name: names[0], lat: lat, lon: lon, hasPoint: true, cc: "SY", admin1Code: a1,
				admin2Code: b.ucdpAdmin2(a1, a2), level: layout.LevelPlace, source: layout.SourceUCDP,
				events: len(c.obs), admin1: -1, adm2: -1}
			e.addName(names[0], layout.FlagCanonical)
			for _, n := range names[1:] {
				e.addName(n, layout.FlagAlternate)
			}
			b.ucdp = append(b.ucdp, e)
			added++
		}
	}
	b.statf("UCDP places merged into GeoNames places (same name within 15 km): %d; added: %d", merged, added)
	return nil
}

func countClusters(g map[string][]*ucdpCluster) int {
	n := 0
	for _, cs := range g {
		n += len(cs)
	}
	return n
}

// summary gives a cluster's point (the one most events were located at
// exactly, else the most frequent), its names (most frequent first) and its
// most frequent admin1 and adm_2.
func (c *ucdpCluster) summary() (lat, lon float64, names []string, a1, a2 string) {
	type pt struct{ lat, lon float64 }
	type tally struct{ exact, all int }
	pts := map[pt]*tally{}
	nameCount, a1Count, a2Count := map[string]int{}, map[string]int{}, map[string]int{}
	for _, o := range c.obs {
		p := pt{o.lat, o.lon}
		if pts[p] == nil {
			pts[p] = &tally{}
		}
		pts[p].all++
		if o.exact {
			pts[p].exact++
		}
		for _, n := range o.names {
			nameCount[n]++
		}
		if o.a1 != "" {
			a1Count[o.a1]++
		}
		if o.a2 != "" {
			a2Count[o.a2]++
		}
	}
	var best pt
	var bt *tally
	for p, t := range pts {
		if bt == nil || t.exact > bt.exact || t.exact == bt.exact && (t.all > bt.all ||
			t.all == bt.all && (p.lat < best.lat || p.lat == best.lat && p.lon < best.lon)) {
			best, bt = p, t
		}
	}
	return best.lat, best.lon, byCount(nameCount), first(byCount(a1Count)), first(byCount(a2Count))
}

func byCount(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func nearest(ps []*entry, lat, lon float64) *entry {
	var best *entry
	bd := math.Inf(1)
	for _, p := range ps {
		if d := haversine(lat, lon, p.lat, p.lon); d < bd {
			best, bd = p, d
		}
	}
	return best
}

// sameSyrianPlace finds the GeoNames place a UCDP place is: one sharing a
// name (exactly or as a transliteration variant) within 15 km.
func (b *builder) sameSyrianPlace(exact, loose map[string][]*entry, names []string, lat, lon float64) *entry {
	var best *entry
	bd := 15.0
	for _, n := range names {
		k := namekey.Key(n)
		cands := append(append([]*entry{}, exact[k]...), loose[namekey.Loose(k)]...)
		for _, p := range cands {
			if d := haversine(lat, lon, p.lat, p.lon); d < bd || d == bd && best != nil && p.gid < best.gid {
				best, bd = p, d
			}
		}
	}
	return best
}

// ucdpAdmin2 finds the GeoNames admin2 code for UCDP's adm_2 ("Ariha
// district") within admin1 a1, or "".
func (b *builder) ucdpAdmin2(a1, adm2 string) string {
	if a1 == "" || adm2 == "" {
		return ""
	}
	// "Mintaqat Azaz district": strip type words until none is left.
	for s := stripDivision(adm2); s != ""; s = stripDivision(adm2) {
		adm2 = s
	}
	want := namekey.Key(adm2)
	wantLoose := namekey.Loose(want)
	var codes []string
	for code := range b.admin2 {
		if strings.HasPrefix(code, a1+".") {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	for _, loose := range []bool{false, true} {
		for _, code := range codes {
			for _, n := range b.admin2[code].names {
				k := namekey.Key(n.text)
				if !loose && k == want || loose && wantLoose != "" && namekey.Loose(k) == wantLoose {
					return code
				}
			}
		}
	}
	return ""
}
