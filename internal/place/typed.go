package place

import "strings"

// StoredNames are the names a place typed by a person may be stored
// under: as typed, and the gazetteer's name for it ("Raqa" finds claims
// resolved to Ar Raqqah). Filters of the command line and the API use it.
func StoredNames(typed string) []string {
	names := []string{typed}
	if e, ok := Resolve(typed, Context{}); ok && !strings.EqualFold(e.Name, typed) {
		names = append(names, e.Name)
	}
	return names
}

// Admin1Named is the gazetteer's name of a typed first-level division
// ("Raqqa province" and "Raqqa" are stored as Ar-Raqqah), or the typed name.
func Admin1Named(typed string) string {
	if typed == "" {
		return ""
	}
	if e, ok := Resolve(typed, Context{}); ok && e.Admin1 != "" {
		if e.Level == LevelAdmin1 || strings.EqualFold(e.Admin1, typed) {
			return e.Admin1
		}
		// A city that names its division ("Raqqa" resolves to the city
		// Ar Raqqah): the division when the name also denotes it.
		for _, l := range Lookup(typed) {
			if l.Level == LevelAdmin1 && l.Admin1 == e.Admin1 && l.Country == e.Country {
				return e.Admin1
			}
		}
	}
	return typed
}
