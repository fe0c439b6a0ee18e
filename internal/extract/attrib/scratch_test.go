package attrib

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	for _, s := range []string{"the UNs top aid official", "the UN's top aid official", "UNs"} {
		src, ok := Normalize(s)
		fmt.Printf("%q -> %+v %v\n", s, src, ok)
	}
}
