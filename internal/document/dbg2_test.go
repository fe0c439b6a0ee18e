package document

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugDates(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	agree, differ, nostamp := 0, 0, 0
	for d, err := range ReadPath(os.Getenv("DUMP"), Options{}) {
		if err != nil {
			continue
		}
		f := &furniture{buf: []byte(NewText(d.Body.Raw).Norm)}
		if d.Title.Norm != "" {
			f.title = words(d.Title.Norm)
		}
		f.lead([2]int{})
		f.anywhere()
		switch {
		case f.date == "":
			nostamp++
			fmt.Println("NOSTAMP", d.Origin, d.Source, d.Body.Raw[:min(150, len(d.Body.Raw))])
		case f.date == d.Published:
			agree++
		default:
			differ++
			fmt.Println(d.Origin, "csv", d.Published, "text", f.date)
		}
	}
	fmt.Println("agree", agree, "differ", differ, "nostamp", nostamp)
}
