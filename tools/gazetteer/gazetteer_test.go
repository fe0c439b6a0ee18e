package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/place/layout"
)

func TestCleanUCDP(t *testing.T) {
	admin := map[string]bool{"deir ezzor": true}
	cases := []struct {
		in   string
		want []string
	}{
		{"Raqqa town", []string{"Raqqa"}},
		{"Kafr Nabl village", []string{"Kafr Nabl"}},
		{"Tallbisah  town", []string{"Tallbisah"}},
		{"Tadmur/Palmyra town", []string{"Tadmur", "Palmyra"}},
		{"Al-Rai town (Choban Bey)", []string{"Al-Rai", "Choban Bey"}},
		{"Tiyas Military Airbase (T4)", []string{"Tiyas Military Airbase", "T4"}},
		{"Jabal Bishri mountain (Deir Ezzor)", []string{"Jabal Bishri mountain"}},
		{"Silos east of Palmyra/Tadmur", nil},
		{"Road between As Sukhnah and Tadmur", nil},
		{"Aleppo Governorate", nil},
		{"Afrin district", nil},
		{"Syria", nil},
	}
	for _, c := range cases {
		if got := cleanUCDP(c.in, admin); !reflect.DeepEqual(got, c.want) {
			t.Errorf("cleanUCDP(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStripDivision(t *testing.T) {
	cases := map[string]string{
		"Afrin District":                "Afrin",
		"Muhafazat Hadramaout":          "Hadramaout",
		"Donetsk Oblast":                "Donetsk",
		"Mintaqat Azaz":                 "Azaz",
		"Ningxia Hui Autonomous Region": "Ningxia Hui",
		"Aleppo":                        "",
		"District":                      "",
	}
	for in, want := range cases {
		if got := stripDivision(in); got != want {
			t.Errorf("stripDivision(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeepAlternate(t *testing.T) {
	keep := []string{"Raqqa", "Ar-Raqqah", "الرقة", "les Escaldes", "Deir ez-Zor", "Saint-Étienne"}
	drop := []string{"", "ALP", "DAM", "a lei po", "alrqt", "Ракка", "拉卡", "Raqqa الرقة", "http://example.org", strings.Repeat("a", 101)}
	for _, s := range keep {
		if !keepAlternate(s) {
			t.Errorf("keepAlternate(%q) = false", s)
		}
	}
	for _, s := range drop {
		if keepAlternate(s) {
			t.Errorf("keepAlternate(%q) = true", s)
		}
	}
}

// The generator run on small excerpts of the real inputs (testdata/)
// writes the same bytes twice, and what it writes decodes as layout says.
func TestGenerateIsDeterministic(t *testing.T) {
	var outs [2]string
	for i := range outs {
		outs[i] = t.TempDir()
		if err := run(outs[i], "testdata/shared", "testdata/curated", "testdata/cities500.txt"); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"entries.bin", "names.bin", "summary.bin", "exact.bin", "loose.bin", "loosecc.bin", "keys.bin", "filter.bin", "manifest.txt"} {
		a, err1 := os.ReadFile(filepath.Join(outs[0], name))
		b, err2 := os.ReadFile(filepath.Join(outs[1], name))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", name, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	recs, _ := os.ReadFile(filepath.Join(outs[0], "entries.bin"))
	if len(recs)%layout.RecordSize != 0 {
		t.Fatalf("entries.bin: %d bytes", len(recs))
	}
	manifest, _ := os.ReadFile(filepath.Join(outs[0], "manifest.txt"))
	for _, want := range []string{
		"place from GeoNames: 7",
		"region from curated tables: 1",
		"country from curated tables: 3",
		"UCDP places merged into GeoNames places (same name within 15 km): 1; added: 4", // Ar Raqqah merged
	} {
		if !strings.Contains(string(manifest), want+"\n") {
			t.Errorf("manifest lacks %q:\n%s", want, manifest)
		}
	}
	// The first record is a country (Lebanon, LB, the first code).
	if cc := string(recs[layout.OffCountry : layout.OffCountry+2]); cc != "LB" || recs[layout.OffKind]&7 != layout.LevelCountry {
		t.Errorf("first record is %q level %d, want the country LB", cc, recs[layout.OffKind]&7)
	}
}

// The curated tables name divisions that exist in GeoNames' list.
func TestCuratedTablesMatchGeoNames(t *testing.T) {
	admin1 := "../../../shared/data/geonames/admin1CodesASCII.txt"
	if _, err := os.Stat(admin1); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data missing on CI: %v", err)
		}
		t.Skipf("shared data not available (%v); skipping", err)
	}
	b := newBuilder()
	if err := b.readCountries("countries.tsv"); err != nil {
		t.Fatal(err)
	}
	if err := b.readAdmin(admin1, 1); err != nil {
		t.Fatal(err)
	}
	if err := b.readRegions("regions.tsv"); err != nil {
		t.Fatal(err)
	}
	for code := range b.admin1 {
		if b.countries[code[:2]] == nil {
			t.Errorf("admin1 %s is in a country countries.tsv lacks", code)
		}
	}
}
