package place

import "testing"

// syriaCases are places of the Syrian war as English-language news spells
// them, resolved in a Syrian article. The points are the places' published
// coordinates, rounded.
var syriaCases = []struct {
	mention  string
	a1       string // GeoNames admin1
	lat, lon float64
}{
	{"Maarat al-Numan", "Idlib", 35.648, 36.672},
	{"Maaret al-Numan", "Idlib", 35.648, 36.672},
	{"Khan Sheikhoun", "Idlib", 35.441, 36.651},
	{"Saraqeb", "Idlib", 35.864, 36.806},
	{"Jisr al-Shughur", "Idlib", 35.812, 36.318},
	{"Kafr Nabl", "Idlib", 35.614, 36.561},
	{"Ariha", "Idlib", 35.812, 36.609},
	{"Manbij", "Aleppo", 36.527, 37.955},
	{"Kobani", "Aleppo", 36.891, 38.354},
	{"al-Bab", "Aleppo", 36.371, 37.517},
	{"Jarablus", "Aleppo", 36.818, 38.011},
	{"Azaz", "Aleppo", 36.586, 37.046},
	{"Atarib", "Aleppo", 36.136, 36.830},
	{"Khan Tuman", "Aleppo", 36.120, 37.050},
	{"Deir Hafer", "Aleppo", 36.157, 37.706},
	{"Tal Abyad", "Ar-Raqqah", 36.697, 38.954},
	{"Tabqa", "Ar-Raqqah", 35.836, 38.548},
	{"Ras al-Ain", "Al-Hasakah", 36.850, 40.070},
	{"Qamishli", "Al-Hasakah", 37.052, 41.225},
	{"Shaddadi", "Al-Hasakah", 36.050, 40.730},
	{"Hasakeh", "Al-Hasakah", 36.500, 40.750},
	{"Palmyra", "Homs", 34.560, 38.267},
	{"Qusayr", "Homs", 34.509, 36.580},
	{"Talbiseh", "Homs", 34.841, 36.731},
	{"Rastan", "Homs", 34.927, 36.732},
	{"Rukban", "Homs", 33.300, 38.660},
	{"Deraa", "Daraa", 32.625, 36.106},
	{"Dael", "Daraa", 32.757, 36.128},
	{"Sweida", "As-Suwayda", 32.709, 36.566},
	{"Quneitra", "Quneitra", 33.125, 35.824},
	{"Harasta", "Rif-dimashq", 33.558, 36.365},
	{"Daraya", "Rif-dimashq", 33.458, 36.236},
	{"Zabadani", "Rif-dimashq", 33.725, 36.097},
	{"Madaya", "Rif-dimashq", 33.690, 36.100},
	{"Yabroud", "Rif-dimashq", 33.967, 36.657},
	{"Ain al-Fijeh", "Rif-dimashq", 33.615, 36.182},
	{"Douma", "Rif-dimashq", 33.572, 36.402},
	{"Arbin", "Rif-dimashq", 33.540, 36.360},
	{"Saqba", "Rif-dimashq", 33.530, 36.380},
	{"Hamouriyah", "Rif-dimashq", 33.520, 36.380},
	{"Ghouta", "Rif-dimashq", 33.500, 36.440},
	{"Yarmouk camp", "Dimashq", 33.467, 36.303},
	{"Jobar", "Dimashq", 33.531, 36.334},
	{"Baghouz", "Deir ez-Zor", 34.460, 40.950},
	{"Hajin", "Deir ez-Zor", 34.690, 40.830},
	{"al-Mayadin", "Deir ez-Zor", 35.020, 40.450},
	{"Abu Kamal", "Deir ez-Zor", 34.450, 40.920},
	{"Latakia", "Latakia", 35.520, 35.790},
	{"Jableh", "Latakia", 35.361, 35.926},
	{"Tartus", "Tartus", 34.889, 35.887},
	{"Hama", "Hama", 35.131, 36.757},
	{"Salamiyah", "Hama", 35.011, 37.053},
	{"Morek", "Hama", 35.380, 36.690},
	{"Kafr Zeita", "Hama", 35.374, 36.603},
	// Airbases, named with their type word: bare, a short name such as
	// "Kuweires" shares its skeleton with ordinary words ("Crisis").
	{"the Shayrat airbase", "Homs", 34.490, 36.909},
	{"T4 airbase", "Homs", 34.523, 37.630},
	{"Hmeimim air base", "Latakia", 35.401, 35.948},
	{"Kweires military airport", "Aleppo", 36.187, 37.583},
	{"Abu al-Duhur airbase", "Idlib", 35.732, 37.104},
	{"Tabqa airbase", "Ar-Raqqah", 35.755, 38.567},
	{"Rashideen", "Aleppo", 36.161, 37.062},
	{"Rajm al-Sulaybi", "Al-Hasakah", 36.390, 41.150},
}

// notSyrianPlaces are ordinary words that share a skeleton with a Syrian
// place's name; a Syrian article's context must not make them places.
var notSyrianPlaces = []string{"Crisis", "Short", "Tass", "Minian", "Imams"}

func TestSyrianPlaces(t *testing.T) {
	for _, w := range notSyrianPlaces {
		if e, ok := Resolve(w, Context{Country: "SY"}); ok && e.Level != LevelCountry {
			t.Errorf("Resolve(%q) = %v, want no place", w, e)
		}
	}
	for _, c := range syriaCases {
		e, ok := Resolve(c.mention, Context{Country: "SY"})
		switch {
		case !ok:
			t.Errorf("Resolve(%q) found nothing", c.mention)
		case e.Country != "SY" || e.Admin1 != c.a1:
			t.Errorf("Resolve(%q) = %v, want admin1 %q", c.mention, e, c.a1)
		default:
			if d := haversine(e.Lat, e.Lon, c.lat, c.lon); d > 25 {
				t.Errorf("Resolve(%q) = %v at (%.3f, %.3f), %.0f km from (%.3f, %.3f)", c.mention, e, e.Lat, e.Lon, d, c.lat, c.lon)
			}
		}
	}
}
