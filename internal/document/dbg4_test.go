package document

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugFiles(t *testing.T) {
	if os.Getenv("DUMPF") == "" {
		t.Skip()
	}
	for _, p := range []string{"plain.txt", "plain_title.txt", "latin1.txt", "empty.txt", "blank.txt", "archive.txt", "utf16.txt", "docs.jsonl", "array.json", "single.json", "docs.csv", "broken.csv", "notext.csv", "page.html", "sniff_json", "sniff_html", "sniff_text", "nonexistent.txt"} {
		for d, err := range ReadPath("testdata/"+p, Options{}) {
			if err != nil {
				fmt.Println("ERR ", err)
				continue
			}
			fmt.Printf("DOC  %s id=%.12s pub=%s src=%q url=%q cred=%v hl=%v html=%v title=%q\n     norm=%q\n", d.Origin, d.ID, d.Published, d.Source, d.URL, d.Credits, d.Headline, d.HTML, d.Title.Norm, d.Body.Norm)
		}
	}
}
