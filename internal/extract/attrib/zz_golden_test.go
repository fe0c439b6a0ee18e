package attrib

// TEMPORARY golden dump (removed before hand-back).

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZGolden(t *testing.T) {
	out := os.Getenv("GOLDEN_OUT")
	if out == "" {
		t.Skip()
	}
	var w bytes.Buffer
	arts := fakesDev(t)
	var sents []string
	for _, c := range findCases {
		sents = append(sents, c.sentence)
	}
	for _, a := range arts {
		sents = append(sents, sentences(a)...)
	}
	var all []string
	for _, s := range sents {
		all = append(all, s, strings.ToUpper(s), strings.ToLower(s), strings.Title(s),
			strings.ReplaceAll(s, "'", "\u2019"), strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", " ,"))
	}
	for _, s := range all {
		as := Find(s)
		fmt.Fprintf(&w, "F %q\n", s)
		for _, a := range as {
			v := ""
			if a.Via != nil {
				v = fmt.Sprintf("%+v", *a.Via)
			}
			fmt.Fprintf(&w, "  %+v via=%s carry=%v\n", a, v, IsCarryOver(a))
			src, ok := Normalize(a.Text)
			fmt.Fprintf(&w, "  N %+v %v\n", src, ok)
		}
		fmt.Fprintf(&w, "  A %+v\n", FindActorMentions(s))
		fmt.Fprintf(&w, "  S %+v\n", FindActors(s))
		src, ok := Normalize(s)
		fmt.Fprintf(&w, "  NS %+v %v\n", src, ok)
		act, ok := NormalizeActor(s)
		fmt.Fprintf(&w, "  NA %+v %v\n", act, ok)
		for _, f := range strings.Fields(s) {
			fmt.Fprintf(&w, "%v", MayAttribute(strings.ToLower(f)))
		}
		w.WriteByte('\n')
		// word windows
		ws := strings.Fields(s)
		for i := 0; i+3 <= len(ws); i += 2 {
			ph := strings.Join(ws[i:i+3], " ")
			src, ok := Normalize(ph)
			act, aok := NormalizeActor(ph)
			fmt.Fprintf(&w, "  W %+v %v %+v %v\n", src, ok, act, aok)
		}
	}
	for _, a := range arts {
		fmt.Fprintf(&w, "ART %+v\n", FindActorMentions(a))
		fmt.Fprintf(&w, "ARTF %+v\n", Find(a))
	}
	if err := os.WriteFile(out, w.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
