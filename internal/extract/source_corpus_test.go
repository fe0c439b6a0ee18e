package extract

import (
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/document"
)

// sourceCorpus is the corpus of who said each figure when one sentence
// holds two statements by two speakers. The texts are written in the manner
// of the wire copy tally reads (not copied from any article); each claim,
// in order, must be "count text|source name". A text of two sentences sets
// the scene for a back-reference ("the monitor") in the second; only the
// claims of the last sentence are listed then.
var sourceCorpus = []struct {
	text string
	want []string
}{
	// X said N, but/while Y said M
	{"State media said 14 people died in the blast, but the Observatory said 22 were killed.",
		[]string{"14|Syrian state media", "22|Syrian Observatory for Human Rights"}},
	{"The army said 35 militants were killed in the fighting, while activists said 9 civilians also died.",
		[]string{"35|Syrian Arab Army", "9|activists"}},
	{"SANA said 6 people were wounded by rocket fire on the city, whereas local sources said 3 died.",
		[]string{"6|SANA", "3|local sources"}},
	{"The health ministry said 17 people were killed and the White Helmets said 25 bodies had been recovered.",
		[]string{"17|health ministry", "25|White Helmets"}},
	// N ..., X said, while Y put the toll at M
	{"Air strikes on the market killed 8 civilians on Tuesday, the White Helmets said, while the Observatory put the toll at 13.",
		[]string{"8|White Helmets", "13|Syrian Observatory for Human Rights"}},
	{"Shelling killed 4 children in the village, local medics said, while activists put the death toll at 7.",
		[]string{"4|medical sources", "7|activists"}},
	{"Government forces killed at least 30 rebels, state television said, while the rebels placed the death toll among their fighters at 12.",
		[]string{"at least 30|Syrian state television", "12|rebel groups"}},
	// according to X N; Y said M
	{"According to the health ministry 28 were killed; activists said the toll was 41.",
		[]string{"28|health ministry", "41|activists"}},
	{"According to UNICEF, 19 children were among the dead, while the Observatory said 52 people died in all.",
		[]string{"19|UNICEF", "52|Syrian Observatory for Human Rights"}},
	{"The Russian Defence Ministry said its jets killed 60 militants near Palmyra; Airwars said at least 15 civilians died in the raids.",
		[]string{"60|Russian Ministry of Defence", "at least 15|Airwars"}},
	{"Activists said dozens were hurt in the shelling, but state media reported only 5 injuries.",
		[]string{"dozens|activists", "5|Syrian state media"}},
	{"The Kurdish-led SDF said 21 of its fighters died, while Turkish officials said 70 militants were neutralised.",
		[]string{"21|Syrian Democratic Forces", "70|Turkish government"}},
	// "the monitor": the monitor named before in the article, else an
	// unnamed one.
	{"The Syrian Observatory for Human Rights said 3 people died in Idlib on Sunday. Raids on Maarat al-Numan killed 10 civilians on Monday, the White Helmets said, while the monitor put the toll at 16.",
		[]string{"10|White Helmets", "16|Syrian Observatory for Human Rights"}},
	{"Raids on Maarat al-Numan killed 10 civilians on Monday, the White Helmets said, while the monitor put the toll at 16.",
		[]string{"10|White Helmets", "16|monitor"}},
	// One speaker, coordinated speakers, or an unresolved "he said":
	// every figure keeps the sentence's speaker.
	{"The Observatory said 12 people were killed while 30 were wounded in the raids.",
		[]string{"12|Syrian Observatory for Human Rights", "30|Syrian Observatory for Human Rights"}},
	{"State media and activists said 10 people were killed, while 20 were wounded.",
		[]string{"10|Syrian state media", "20|Syrian state media"}},
	{"The Observatory said 20 people were killed, but he said the toll of 25 could rise.",
		[]string{"20|Syrian Observatory for Human Rights", "25|Syrian Observatory for Human Rights"}},
}

func TestSourceCorpus(t *testing.T) {
	for _, tc := range sourceCorpus {
		t.Run(tc.text, func(t *testing.T) {
			doc := &document.Document{ID: "t", Body: document.NewText(tc.text), Published: "2019-03-05"}
			res := Check(doc)
			last := tc.text[strings.LastIndex(tc.text[:len(tc.text)-1], ". ")+1:]
			var got []string
			for _, c := range res.Claims {
				if c.Count == nil || !strings.Contains(last, c.Quote.Text) {
					continue
				}
				name := "-"
				if c.Source != nil {
					name = c.Source.Name
				}
				got = append(got, c.Count.Text+"|"+name)
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("sources\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}
