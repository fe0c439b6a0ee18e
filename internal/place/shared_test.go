package place

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/testshared"
)

// openShared opens a file under ../shared/data. The package never reads it
// at run time; these tests check the embedded gazetteer against the sources
// it was built from.
func openShared(t *testing.T, rel string) *os.File {
	t.Helper()
	p := testshared.Path(t, "data/"+rel)
	f, err := os.Open(p)
	if err != nil {
		t.Fatalf("open %s: %v", p, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// Every town and village UCDP GED locates an event at exactly must
// resolve, with the article's country and UCDP's governorate as context,
// to within 25 km of UCDP's point.
func TestUCDPPlacesResolve(t *testing.T) {
	r := csv.NewReader(openShared(t, "ucdp/ged-syria-2016-2019.csv"))
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	type place struct{ name, adm1 string }
	points := map[place][2]float64{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec[col["where_prec"]] != "1" {
			continue
		}
		name := strings.Join(strings.Fields(rec[col["where_coordinates"]]), " ")
		kind := name[strings.LastIndexByte(name, ' ')+1:]
		if kind != "town" && kind != "village" && kind != "city" || strings.ContainsAny(name, "/()") {
			continue
		}
		name = strings.TrimSuffix(name, " "+kind)
		lat, _ := strconv.ParseFloat(rec[col["latitude"]], 64)
		lon, _ := strconv.ParseFloat(rec[col["longitude"]], 64)
		points[place{name, strings.TrimSuffix(rec[col["adm_1"]], " Governorate")}] = [2]float64{lat, lon}
	}
	good, total := 0, 0
	var misses []string
	for p, pt := range points {
		total++
		e, ok := Resolve(p.name, Context{Country: "SY", Admin1: p.adm1})
		if ok && haversine(e.Lat, e.Lon, pt[0], pt[1]) <= 25 {
			good++
		} else if len(misses) < 15 {
			misses = append(misses, p.name+" → "+e.String())
		}
	}
	share := float64(good) / float64(total)
	t.Logf("UCDP exact-located towns and villages: %d of %d (%.1f%%) resolved within 25 km", good, total, 100*share)
	if share < 0.97 {
		t.Errorf("only %.1f%% within 25 km; some misses: %s", 100*share, strings.Join(misses, "; "))
	}
}

// Every first-level division in GeoNames' list, named with "province" in
// an article about its country, resolves to itself, unless the gazetteer
// could not place it (no populated place of its own in cities500).
func TestGeoNamesAdmin1Resolve(t *testing.T) {
	sc := bufio.NewScanner(openShared(t, "geonames/admin1CodesASCII.txt"))
	good, total := 0, 0
	var misses []string
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 {
			t.Fatalf("bad line %q", sc.Text())
		}
		gid, _ := strconv.ParseInt(f[3], 10, 64)
		cc := f[0][:2]
		if !located(gid) {
			continue
		}
		total++
		e, ok := Resolve(f[1]+" province", Context{Country: cc})
		if ok && e.GeonamesID == gid && e.Level == LevelAdmin1 {
			good++
		} else if len(misses) < 15 {
			misses = append(misses, f[0]+" "+f[1]+" → "+e.String())
		}
	}
	share := float64(good) / float64(total)
	t.Logf("GeoNames admin1 divisions: %d of %d (%.1f%%) resolve to themselves", good, total, 100*share)
	if share < 0.97 {
		t.Errorf("only %.1f%%; some misses: %s", 100*share, strings.Join(misses, "; "))
	}
}

// located reports whether the gazetteer has a division with this GeoNames id.
func located(gid int64) bool {
	for i := int32(0); i < int32(numEntries()); i++ {
		r := record(i)
		if r.level() == 0 { // places begin: divisions are all before
			return false
		}
		if r.geonamesID() == gid {
			return true
		}
	}
	return false
}
