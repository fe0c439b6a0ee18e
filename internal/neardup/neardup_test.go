package neardup

import (
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"testing"
)

// The stories below are invented for these tests.

// wire is one agency story; the three outlets print it differently.
const wire = `Shelling kills 14 in Aleppo market, monitor says

At least 14 civilians, among them four children, were killed on Tuesday when government shells struck a crowded vegetable market in the rebel-held east of Aleppo, a war monitor said.

The Syrian Observatory for Human Rights said dozens more were wounded and that the toll was likely to rise because several of the injured were in critical condition.

Rescue workers from the Civil Defence pulled bodies from under the rubble of shops that collapsed when the shells landed shortly after the morning prayers, when the market is at its busiest.

"We heard the whistle and then everything was dust and screaming," said Abu Ahmad, a vegetable seller who lost his brother in the attack.

The government has not commented on the strike. State media said the army was targeting positions of "terrorist groups" in the eastern districts.

More than 300,000 people have been killed since the conflict began in 2011 with protests against President Bashar al-Assad.`

var outlets = []struct{ name, text string }{
	{"agency", wire},
	{"reuters-style: new headline, dateline, one paragraph dropped", `Syria: market shelling in east Aleppo kills at least 14

BEIRUT (Reuters) - At least 14 civilians, among them four children, were killed on Tuesday when government shells struck a crowded vegetable market in the rebel-held east of Aleppo, a war monitor said.

The Syrian Observatory for Human Rights said dozens more were wounded and that the toll was likely to rise because several of the injured were in critical condition.

“We heard the whistle and then everything was dust and screaming,” said Abu Ahmad, a vegetable seller who lost his brother in the attack.

The government has not commented on the strike. State media said the army was targeting positions of “terrorist groups” in the eastern districts.

More than 300,000 people have been killed since the conflict began in 2011 with protests against President Bashar al-Assad.`},
	{"scraped: no punctuation, a sentence reworded, AFP credit", `14 DEAD IN REGIME SHELLING OF ALEPPO MARKET
At least 14 civilians among them four children were killed on Tuesday when regime shells hit a crowded vegetable market in the opposition-held east of Aleppo a war monitor said The Syrian Observatory for Human Rights said dozens more were wounded and that the toll was likely to rise because several of the injured were in critical condition Rescue workers from the Civil Defence pulled bodies from under the rubble of shops that collapsed when the shells landed shortly after the morning prayers when the market is at its busiest We heard the whistle and then everything was dust and screaming said Abu Ahmad a vegetable seller who lost his brother in the attack Damascus did not comment on the strike More than 300000 people have been killed since the conflict began in 2011 with protests against President Bashar al-Assad - AFP`},
}

// sameTopic are different stories on Aleppo shelling, in agency style, with
// the shared vocabulary of the beat: none is a copy of another or of wire.
var sameTopic = []struct{ name, text string }{
	{"next day, hospital hit", `Shelling hits Aleppo hospital, monitor says

At least nine people were killed on Wednesday when shells struck a hospital in the rebel-held east of Aleppo, a war monitor said, a day after a market attack in the divided city.

The Syrian Observatory for Human Rights said two nurses were among the dead and that the hospital, one of the last working in the eastern districts, was now out of service.

Doctors said patients were moved to a basement clinic as the bombardment continued through the afternoon.

The government has not commented. State media accused rebels of firing mortars on government-held western districts, killing three people.

More than 300,000 people have been killed since the conflict began in 2011.`},
	{"a week later, rebel mortars on the west", `Rebel mortars kill five in government-held Aleppo

Five civilians were killed on Sunday when rebel mortar rounds hit a residential street in the government-held west of Aleppo, state media said.

The state news agency SANA said children were among the wounded and blamed "terrorist groups" in the eastern districts for the attack.

The Syrian Observatory for Human Rights, a Britain-based monitor, put the toll at six and said the shells were fired from the rebel-held Bustan al-Qasr neighbourhood.

Rebels have stepped up their fire on the west of the city since government forces tightened the siege of the east last month.`},
	{"same day, other town", `Air strikes kill 11 in Idlib town, monitor says

At least 11 civilians were killed on Tuesday when warplanes struck a market in the rebel-held town of Maarat al-Numan in Idlib province, a war monitor said.

The Syrian Observatory for Human Rights said it could not say whether the jets were Syrian or Russian. Rescue workers from the Civil Defence searched the rubble for survivors.

The strikes came on the same day as government shelling killed at least 14 people in a market in east Aleppo.

More than 300,000 people have been killed since the conflict began in 2011 with protests against President Bashar al-Assad.`},
}

func TestOutletsGrouped(t *testing.T) {
	for i := range outlets {
		for j := i + 1; j < len(outlets); j++ {
			a, b := Sign(outlets[i].text), Sign(outlets[j].text)
			sim := Similarity(a, b)
			t.Logf("%.2f %s / %s", sim, outlets[i].name, outlets[j].name)
			if sim < Threshold {
				t.Errorf("%s and %s: similarity %.2f, want at least %.2f", outlets[i].name, outlets[j].name, sim, Threshold)
			}
			if !shareKey(a.Bands(), b.Bands()) {
				t.Errorf("%s and %s share no band key", outlets[i].name, outlets[j].name)
			}
		}
	}
}

func TestSameTopicNotGrouped(t *testing.T) {
	texts := append([]struct{ name, text string }{{"agency", wire}}, sameTopic...)
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			sim := Similarity(Sign(texts[i].text), Sign(texts[j].text))
			t.Logf("%.2f %s / %s", sim, texts[i].name, texts[j].name)
			if sim >= Threshold {
				t.Errorf("%s and %s: similarity %.2f, want below %.2f", texts[i].name, texts[j].name, sim, Threshold)
			}
		}
	}
}

func TestGroup(t *testing.T) {
	var sigs []Signature
	for _, o := range outlets {
		sigs = append(sigs, Sign(o.text))
	}
	for _, s := range sameTopic {
		sigs = append(sigs, Sign(s.text))
	}
	sigs = append(sigs, Sign(""), Sign(" ... "))
	got := fmt.Sprint(Group(sigs))
	// The three outlets are one group named by its first member; every
	// other story, and each empty text, is its own.
	if want := "[0 0 0 3 4 5 6 7]"; got != want {
		t.Errorf("Group = %s, want %s", got, want)
	}
}

func TestNormalisation(t *testing.T) {
	// Each pair differs only in what normalisation must ignore.
	for _, c := range [][2]string{
		{"The Syrian Observatory for Human Rights said", "the syrian observatory, for human-rights said!"},
		{"Syria's army shelled Maarat al-Numan", "Syrias army shelled Maarat al Numan"},
		{"Ma'arrat an-Nu'man was hit", "Maʿarrat an-Nuʿmān was hit"},
		{"Ma‘arrat al-Nu‘man was hit", "Maarrat al Numan was hit"},
		{"the toll rose to 1,200 people", "the toll rose to 1200 people"},
		{"قتل ١٤ مدنيا في حلب", "قتل 14 مدنيا في حلب"},
		{"قُتِلَ ١٤ مدنياً في حلب", "قتل 14 مدنيا في حلب"},
		{"Şanlıurfa and Kilis", "sanliurfa AND KILIS"},
		{"Ｆｕｌｌ width ﬁre", "full width fire"},
	} {
		if a, b := Sign(c[0]), Sign(c[1]); a != b {
			t.Errorf("%q and %q: similarity %.2f, want equal signatures", c[0], c[1], Similarity(a, b))
		}
	}
	// And what it must keep.
	for _, c := range [][2]string{
		{"14 killed in Aleppo", "41 killed in Aleppo"},
		{"shelling in Homs", "shelling in Hama"},
		{"حلب", "حماة"},
	} {
		if Sign(c[0]) == Sign(c[1]) {
			t.Errorf("%q and %q have one signature", c[0], c[1])
		}
	}
}

func TestShortTexts(t *testing.T) {
	empty := Sign("")
	if !empty.Empty() || !Sign(" \n—\t!!").Empty() {
		t.Error("a text with no words should have the empty signature")
	}
	for _, s := range []string{"Aleppo", "Shelling in Aleppo", "a b", "x"} {
		sig := Sign(s)
		if sig.Empty() {
			t.Errorf("%q: empty signature", s)
		}
		if Similarity(sig, empty) != 0 {
			t.Errorf("%q: similarity %.2f to the empty text", s, Similarity(sig, empty))
		}
		if sim := Similarity(sig, Sign(strings.ToUpper(s)+".")); sim != 1 {
			t.Errorf("%q: similarity %.2f to itself in capitals", s, sim)
		}
	}
	// Texts under K words are one shingle each: different ones do not match.
	if sim := Similarity(Sign("Aleppo"), Sign("Homs")); sim > 0.05 {
		t.Errorf("Aleppo and Homs: similarity %.2f", sim)
	}
	if sim := Similarity(Sign("shelling in Aleppo"), Sign("shelling in Homs")); sim > 0.05 {
		t.Errorf("shelling in Aleppo and Homs: similarity %.2f", sim)
	}
}

// TestEstimate checks that Similarity tracks the exact Jaccard similarity
// of the shingle sets, including for texts too short to fill the bins.
func TestEstimate(t *testing.T) {
	words := func(from, to int) string {
		var b strings.Builder
		for i := from; i < to; i++ {
			fmt.Fprintf(&b, "w%d ", i)
		}
		return b.String()
	}
	for _, c := range []struct{ n, shift int }{
		{1000, 0}, {1000, 250}, {1000, 500}, {1000, 800}, {60, 20}, {30, 10},
	} {
		a, b := words(0, c.n), words(c.shift, c.n+c.shift)
		// n-K+1 shingles each, n-shift-K+1 shared.
		shared := float64(c.n - c.shift - K + 1)
		total := float64(c.n - K + 1)
		exact := max(shared, 0) / (2*total - max(shared, 0))
		est := Similarity(Sign(a), Sign(b))
		t.Logf("n %d shift %d: exact %.3f estimate %.3f", c.n, c.shift, exact, est)
		if d := est - exact; d > 0.13 || d < -0.13 { // 3 standard errors at J = 0.5
			t.Errorf("n %d shift %d: estimate %.3f, exact %.3f", c.n, c.shift, est, exact)
		}
	}
}

// TestGolden pins the hashing: stored signatures are compared with new
// ones, so a change here must come with a new FormatVersion.
func TestGolden(t *testing.T) {
	sig := Sign(wire)
	data, err := sig.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	h := fnv.New64a()
	h.Write(data)
	got := fmt.Sprintf("%x", h.Sum(nil))
	const want = "0c65ea4accf8c5c8"
	if got != want {
		t.Errorf("signature of wire changed: fnv64a of its bytes %s, want %s; first bins %s. "+
			"If the change is meant, bump FormatVersion and update this value.", got, want, hex.EncodeToString(data[:17]))
	}
	if Sign(wire) != sig {
		t.Error("two calls gave different signatures")
	}
	bands := sig.Bands()
	if len(bands) != NumBands {
		t.Fatalf("%d band keys, want %d", len(bands), NumBands)
	}
	for i, k := range bands {
		if int(k>>bandBits) != i {
			t.Errorf("band %d key %x does not carry its band index", i, k)
		}
	}
}

func TestMarshal(t *testing.T) {
	sig := Sign(wire)
	data, err := sig.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if len(data) != 1+4*N || data[0] != FormatVersion {
		t.Fatalf("encoding: %d bytes, version %d", len(data), data[0])
	}
	var back Signature
	if err := back.UnmarshalBinary(data); err != nil || back != sig {
		t.Fatalf("round trip: %v, equal %v", err, back == sig)
	}
	bad := append([]byte(nil), data...)
	bad[0] = FormatVersion + 1
	for _, d := range [][]byte{nil, data[:10], bad, append(data, 0)} {
		if err := back.UnmarshalBinary(d); !errors.Is(err, ErrFormat) {
			t.Errorf("%d bytes: err %v, want ErrFormat", len(d), err)
		}
	}
}

func FuzzSign(f *testing.F) {
	f.Add(wire)
	f.Add("")
	f.Add("a")
	f.Add("Ma‘arrat al-Nu‘mān ١٤ \xff\xfe 1,2.3")
	f.Fuzz(func(t *testing.T, text string) {
		a := Sign(text)
		if Similarity(a, Sign(text)) != 1 {
			t.Fatal("a text is not similar to itself")
		}
		for _, v := range a {
			if v == 0xFFFFFFFF && !a.Empty() {
				t.Fatal("a bin left empty in a non-empty signature")
			}
		}
		data, _ := a.MarshalBinary()
		var b Signature
		if err := b.UnmarshalBinary(data); err != nil || b != a {
			t.Fatalf("round trip: %v", err)
		}
	})
}
