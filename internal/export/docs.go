package export

import (
	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
)

// Doc is a stored document without its text, as `tally docs --format
// json` and the API's lists give it.
type Doc struct {
	ID           int64        `json:"id"`
	Key          string       `json:"key"`
	ExtID        string       `json:"ext_id"`
	Title        string       `json:"title"`
	Published    string       `json:"published,omitempty"`
	Source       string       `json:"source,omitempty"`
	URL          string       `json:"url,omitempty"`
	Origin       string       `json:"origin"`
	Group        int64        `json:"report_group"`
	PrimaryPlace *claim.Place `json:"primary_place"`
	Claims       int          `json:"claims"`
	Extractor    string       `json:"extractor"`
	Ingested     string       `json:"ingested"`
}

// ToDoc makes the JSON form of a stored document's summary.
func ToDoc(d store.DocSummary) Doc {
	return Doc{ID: d.ID, Key: d.Key, ExtID: d.ExtID, Title: d.Title, Published: d.Published, Source: d.Source,
		URL: d.URL, Origin: d.Origin, Group: d.Group, PrimaryPlace: d.PrimaryPlace, Claims: d.Claims,
		Extractor: d.Extractor, Ingested: d.Ingested}
}

// FullDoc is one document with everything stored about it, as `tally show
// --format json` and the API give it. Lists are empty, never null: scripts
// iterate them.
type FullDoc struct {
	Doc
	Text    string        `json:"text"`
	Credits []string      `json:"credits"`
	Places  []claim.Place `json:"places"`
	Claims  []JSONClaim   `json:"claims"`
	Flags   []claim.Flag  `json:"flags"`
	Copies  []Doc         `json:"copies"`
	// CopiesTotal counts the copies; Copies holds the newest
	// store.MaxCopies of them.
	CopiesTotal int `json:"copies_total"`
}

// ToFullDoc makes the JSON form of a stored document.
func ToFullDoc(d *store.StoredDoc) FullDoc {
	out := FullDoc{Doc: ToDoc(d.DocSummary), Text: d.Body, Credits: nonNil(d.Credits), Places: nonNil(d.Places),
		Claims: []JSONClaim{}, Flags: nonNil(d.Flags), Copies: []Doc{}, CopiesTotal: d.CopiesTotal}
	for _, c := range d.Claims {
		out.Claims = append(out.Claims, ToJSON(c))
	}
	for _, c := range d.Copies {
		out.Copies = append(out.Copies, ToDoc(c))
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
