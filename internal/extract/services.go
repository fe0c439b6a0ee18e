package extract

import "github.com/tallyhq/tally/internal/claim"

// maxCueDistance bounds how far (in tokens) a status cue may stand from the
// service it describes.
const maxCueDistance = 7

// serviceFind is a service statement found in a sentence.
type serviceFind struct {
	name       string
	status     claim.ServiceStatus
	start, end int // span in the sentence text of the service words
}

type serviceMention struct {
	name       string
	tok, n     int
	chunk      int
	status     claim.ServiceStatus
	bare       bool // the chunk holds nothing but service words
	start, end int
}

// findServices returns the services a sentence reports a status for: "The
// city does not have running water, no electricity, ... the shops also do
// not work"; "hospitals, shops, schools are being restored". A service word
// without a status cue ("the authorities said") is not a statement.
func findServices(toks []token) []serviceFind {
	var ms []serviceMention
	for i := serviceLx.nextStart(toks, 0); i < len(toks); i = serviceLx.nextStart(toks, i+1) {
		e, n := serviceLx.match(toks, i)
		if e == nil {
			continue
		}
		ms = append(ms, serviceMention{name: e.field(0), tok: i, n: n, start: toks[i].start, end: toks[i+n-1].end})
		i += n - 1
	}
	if len(ms) == 0 {
		// Most sentences name no service: they need no chunks.
		return nil
	}
	chunkOf := make([]int, len(toks))
	chunk := 0
	for i, t := range toks {
		if t.kind == tokPunct && (t.lower == "," || t.lower == ";" || t.lower == ":") || t.lower == "while" || t.lower == "but" || t.lower == "whereas" {
			chunk++
		}
		chunkOf[i] = chunk
	}
	for mi := range ms {
		ms[mi].chunk = chunkOf[ms[mi].tok]
	}
	type cue struct {
		tok, n int
		status claim.ServiceStatus
		where  string
	}
	var cues []cue
	for i := statusLex.nextStart(toks, 0); i < len(toks); i = statusLex.nextStart(toks, i+1) {
		e, n := statusLex.match(toks, i)
		if e == nil {
			continue
		}
		cues = append(cues, cue{i, n, claim.ServiceStatus(e.field(0)), e.field(1)})
		i += n - 1
	}
	for mi := range ms {
		m := &ms[mi]
		best := maxCueDistance + 1
		for _, c := range cues {
			if chunkOf[c.tok] != m.chunk {
				continue
			}
			var d int
			switch {
			case c.tok+c.n <= m.tok && c.where != "after":
				d = m.tok - (c.tok + c.n)
			case c.tok >= m.tok+m.n && c.where != "before":
				d = c.tok - (m.tok + m.n)
			default:
				continue
			}
			if d < best {
				best, m.status = d, c.status
			}
		}
		m.bare = chunkIsBare(toks, chunkOf, m.chunk, ms)
	}
	// A bare list item ("hospitals, shops, schools are being restored")
	// takes the status of the item that ends the list, or else of the one
	// before it ("no hospitals and pharmacies").
	for mi := range ms {
		if ms[mi].status != "" {
			continue
		}
		for k := mi + 1; k < len(ms) && ms[mi].bare; k++ {
			if ms[k].status != "" {
				ms[mi].status = ms[k].status
				break
			}
			if !ms[k].bare {
				break
			}
		}
		if ms[mi].status == "" && mi > 0 && ms[mi-1].status != "" && (ms[mi].bare || ms[mi].chunk == ms[mi-1].chunk) {
			ms[mi].status = ms[mi-1].status
		}
	}
	var out []serviceFind
	for _, m := range ms {
		if m.status != "" {
			out = append(out, serviceFind{name: m.name, status: m.status, start: m.start, end: m.end})
		}
	}
	return out
}

// chunkIsBare reports whether a chunk holds only service words and
// connectives.
func chunkIsBare(toks []token, chunkOf []int, chunk int, ms []serviceMention) bool {
	inService := map[int]bool{}
	for _, m := range ms {
		for k := m.tok; k < m.tok+m.n; k++ {
			inService[k] = true
		}
	}
	for i, t := range toks {
		if chunkOf[i] != chunk || inService[i] || t.kind == tokPunct {
			continue
		}
		switch t.lower {
		case "and", "or", "the", "also":
			continue
		}
		return false
	}
	return true
}
