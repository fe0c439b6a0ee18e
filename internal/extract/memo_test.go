package extract

import (
	"strings"
	"testing"
	"unsafe"
)

// TestGeoMemoCopiesNames: the names remembered are slices of documents; a
// memo that kept the slices would keep every document alive until it
// empties.
func TestGeoMemoCopiesNames(t *testing.T) {
	g := newMemo()
	doc := strings.Repeat("x", 1<<16) + " shelling of Jisr al-Shughur " + strings.Repeat("y", 1<<16)
	name := doc[strings.Index(doc, "Jisr"):][:len("Jisr al-Shughur")]
	g.putBare(name, &geoAnswer{})
	g.putKnown("SY", name, true)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(doc)))
	inDoc := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return p >= lo && p < lo+uintptr(len(doc))
	}
	n := 0
	for k := range g.bare {
		n++
		if inDoc(k) {
			t.Errorf("bare memo key %q points into the document", k)
		}
	}
	for k := range g.known {
		n++
		if inDoc(k) {
			t.Errorf("known memo key %q points into the document", k)
		}
	}
	if n != 2 {
		t.Fatalf("memo holds %d names, want 2", n)
	}
}
