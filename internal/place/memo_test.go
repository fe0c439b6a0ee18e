package place

import (
	"strings"
	"testing"
	"unsafe"
)

// pointsInto reports whether s's bytes lie inside doc's.
func pointsInto(s, doc string) bool {
	if len(s) == 0 {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(doc)))
	return p >= lo && p < lo+uintptr(len(doc))
}

// TestMemosCopyNames: names come as slices of documents; a memo that kept
// the slices would keep every document alive until it empties.
func TestMemosCopyNames(t *testing.T) {
	ResetMemo()
	t.Cleanup(ResetMemo)
	doc := strings.Repeat("x", 1<<16) + " fighting near Kafr Zeita in Hama countryside " + strings.Repeat("y", 1<<16)
	name := doc[strings.Index(doc, "Kafr Zeita"):][:len("Kafr Zeita")]
	qual := doc[strings.Index(doc, "Hama countryside"):][:len("Hama countryside")]
	lookupMention(name)
	resolveQualifier(qual)
	n := 0
	for _, m := range []map[string]bool{keysOf(&mentions), keysOf(&quals)} {
		for k := range m {
			n++
			if pointsInto(k, doc) {
				t.Errorf("memo key %q points into the document", k)
			}
		}
	}
	for _, m := range mentions.m {
		if pointsInto(m.q.core, doc) || pointsInto(m.q.exact.of, doc) {
			t.Errorf("remembered mention %+v points into the document", m.q)
		}
	}
	if n < 2 {
		t.Fatalf("the memos hold %d names, want the mention's and the qualifier's", n)
	}
}

func keysOf[V any](c *memo[V]) map[string]bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := map[string]bool{}
	for k := range c.m {
		out[k] = true
	}
	return out
}
