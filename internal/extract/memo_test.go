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
	g.putBare(name, geoAnswer{})
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

// TestGeoMemoBlocks: names copied into blocks keep their bytes as more
// are added, past a block's end, and a long name gets a copy of its own.
func TestGeoMemoBlocks(t *testing.T) {
	g := newMemo()
	var names []string
	for i := range 2000 {
		names = append(names, strings.Repeat(string(rune('a'+i%26)), 1+i%40)+" "+strings.Repeat("z", i%7))
	}
	names = append(names, strings.Repeat("long ", memoBlock/4))
	for i, n := range names {
		buf := []byte(n) // a document's bytes, overwritten after
		g.putKnown("SY", string(buf), i%2 == 0)
		p := g.putBare(string(buf), geoAnswer{ok: i%3 == 0})
		clear(buf)
		if p.ok != (i%3 == 0) {
			t.Fatalf("putBare(%q) answer not kept", n)
		}
	}
	for i, n := range names {
		if ok, found := g.getKnown("SY", n); !found || ok != (i%2 == 0) {
			t.Errorf("getKnown(%q) = %v, %v", n, ok, found)
		}
		if v, found := g.getBare(n); !found || v.ok != (i%3 == 0) {
			t.Errorf("getBare(%q) = %v, %v", n, v, found)
		}
	}
	g.reset()
	if _, found := g.getBare(names[0]); found || len(g.names) != 0 || len(g.answers) != 0 {
		t.Error("reset kept names or answers")
	}
}
