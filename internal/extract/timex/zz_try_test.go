package timex

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestZZTry(t *testing.T) {
	in := os.Getenv("TRY")
	if in == "" {
		t.Skip()
	}
	pub, _ := time.Parse("2006-01-02", "2018-04-07")
	for _, line := range strings.Split(in, "\n") {
		fmt.Printf("%q\n", line)
		for _, e := range Find(line, pub) {
			if e.Period != nil {
				fmt.Printf("   %q %s..%s %s\n", e.Period.Text, e.Period.Start, e.Period.End, e.Period.Precision)
			} else {
				fmt.Printf("   %q rate=%s\n", line[e.Start:e.End], e.Rate)
			}
		}
	}
}

func TestZZCorpus(t *testing.T) {
	path := os.Getenv("TRYCSV")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	defer f.Close()
	rows, err := csvReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	hdr := rows[0]
	ci, di := -1, -1
	for i, h := range hdr {
		switch h {
		case "article_content":
			ci = i
		case "date":
			di = i
		}
	}
	for _, r := range rows[1:] {
		pub, err := time.Parse("1/2/06", r[di])
		if err != nil {
			pub = time.Time{}
		}
		text := r[ci]
		for _, e := range Find(text, pub) {
			lo, hi := max(0, e.Start-35), min(len(text), e.End+25)
			ctx := strings.ReplaceAll(text[lo:e.Start]+"[["+text[e.Start:e.End]+"]]"+text[e.End:hi], "\n", " ")
			if e.Period != nil {
				fmt.Printf("%s | %s..%s %s | %s\n", pub.Format("2006-01-02"), e.Period.Start, e.Period.End, e.Period.Precision, ctx)
			} else {
				fmt.Printf("%s | rate %s | %s\n", pub.Format("2006-01-02"), e.Rate, ctx)
			}
		}
	}
}
