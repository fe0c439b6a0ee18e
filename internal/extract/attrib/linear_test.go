package attrib

import (
	"strings"
	"testing"
)

// TestLinearOnHugeInput feeds Find one enormous "sentence" full of cues,
// relative clauses and brackets: a quadratic step would take minutes.
func TestLinearOnHugeInput(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	unit := `the Observatory which relies on activists said (SOHR) (a) (b) according to the group, ` +
		`he said "X," said the head of the of the monitor and residents and medics told Reuters quoted by SANA `
	s := strings.Repeat(unit, 2000) // about 400 KB
	as := Find(s)
	if len(as) == 0 {
		t.Fatal("no attributions")
	}
	checkSpans(t, s, as, FindActorMentions(s))
}
