package attrib

import (
	"reflect"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
)

// findCase is one row of the attribution corpus: a sentence written in the
// style of the war reporting tally reads (not copied from any article), the
// speaker phrase Find must return, its cue, and the normalised source.
// Name "" means a carry-over ("he said"). Via is the medium's canonical
// name when the sentence names one.
type findCase struct {
	sentence string
	speaker  string
	cue      string
	name     string
	typ      claim.SourceType
	quoted   bool
	via      string
}

const (
	gov = claim.Government
	mil = claim.Military
	mon = claim.Monitor
	un  = claim.UN
	ngo = claim.NGO
	med = claim.Media
	loc = claim.Local
	unk = claim.Unknown
)

var findCases = []findCase{
	// according to X
	{"At least 14 civilians died in the raids on Saraqeb, according to the Syrian Observatory for Human Rights.", "the Syrian Observatory for Human Rights", "according to", "Syrian Observatory for Human Rights", mon, false, ""},
	{"According to the Britain-based Syrian Observatory for Human Rights, 9 fighters were killed.", "the Britain-based Syrian Observatory for Human Rights", "According to", "Syrian Observatory for Human Rights", mon, false, ""},
	{"Eleven people were wounded in Jobar according to SANA.", "SANA", "according to", "SANA", med, false, ""},
	{"according to sana the coalition struck a bakery in the town", "sana", "according to", "SANA", med, false, ""},
	{"Seven children were among the dead according to the United Nations children's agency UNICEF.", "the United Nations children's agency UNICEF", "according to", "UNICEF", un, false, ""},
	{"The toll rose to 31 according to local sources in the town.", "local sources in the town", "according to", "local sources", loc, false, ""},
	{"according to preliminary reports four people were killed", "preliminary reports", "according to", "reports", unk, false, ""},
	{"More than 200 people have died since March according to a new toll from the Observatory.", "the Observatory", "according to", "Syrian Observatory for Human Rights", mon, false, ""},
	{"according to figures compiled by the Violations Documentation Center 412 civilians were killed in 2016", "the Violations Documentation Center", "according to", "Violations Documentation Center", mon, false, ""},
	{"Twelve were killed according to a local civil defence official.", "a local civil defence official", "according to", "White Helmets", ngo, false, ""},
	{"The strike hit a school according to Save the Children.", "Save the Children", "according to", "Save the Children", ngo, false, ""},
	{"According to Airwars, coalition raids killed at least 40 civilians in Raqqa last month.", "Airwars", "According to", "Airwars", mon, false, ""},
	{"According to the Russian Defence Ministry, 18 militants were eliminated near Palmyra.", "the Russian Defence Ministry", "According to", "Russian Ministry of Defence", mil, false, ""},
	{"According to the source, 11 gunmen were killed.", "the source", "According to", "", unk, false, ""},
	// X said / says / told / reported ...
	{"The Syrian Observatory for Human Rights said 23 people were killed in Douma.", "The Syrian Observatory for Human Rights", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"A monitor said the raids killed five members of one family.", "A monitor", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"Nine rebels died in the clashes a monitoring group said on Monday.", "a monitoring group", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"The Syrian Observatory for Human Rights monitor said 15 people including four children were killed.", "The Syrian Observatory for Human Rights monitor", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"Observatory director Rami Abdel Rahman said the toll was likely to rise.", "Observatory director Rami Abdel Rahman", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"The Syrian Observatory for Human Rights (SOHR) said eight civilians died.", "The Syrian Observatory for Human Rights (SOHR)", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"The Russian Defense Ministry said its jets destroyed 30 targets overnight.", "The Russian Defense Ministry", "said", "Russian Ministry of Defence", mil, false, ""},
	{"Russia's Ministry of Defence said two servicemen were wounded.", "Russia's Ministry of Defence", "said", "Russian Ministry of Defence", mil, false, ""},
	{"Russias defence ministry said the strikes hit 12 depots", "Russias defence ministry", "said", "Russian Ministry of Defence", mil, false, ""},
	{"Maj. Gen. Igor Konashenkov said 40 terrorists were killed.", "Maj. Gen. Igor Konashenkov", "said", "Russian Ministry of Defence", mil, false, ""},
	{"State news agency SANA said three people were wounded by rocket fire.", "State news agency SANA", "said", "SANA", med, false, ""},
	{"Syria's state news agency SANA reported that six civilians were killed.", "Syria's state news agency SANA", "reported", "SANA", med, false, ""},
	{"State media reported that the army had killed dozens of terrorists.", "State media", "reported", "Syrian state media", med, false, ""},
	{"Syrian state television reported 12 dead.", "Syrian state television", "reported", "Syrian state television", med, false, ""},
	{"Residents said at least 20 bodies were pulled from the rubble.", "Residents", "said", "residents", loc, false, ""},
	{"Activists said government helicopters dropped barrel bombs on the village.", "Activists", "said", "activists", loc, false, ""},
	{"Medics said most of the wounded were women.", "Medics", "said", "medical sources", loc, false, ""},
	{"Witnesses said the car exploded near a checkpoint.", "Witnesses", "said", "witnesses", loc, false, ""},
	{"A doctor at the field hospital said 30 people were treated for breathing problems.", "A doctor at the field hospital", "said", "medical sources", loc, false, ""},
	{"The local council said the town had run out of fuel.", "The local council", "said", "local council", loc, false, ""},
	{"Local sources said the bombing destroyed a mosque.", "Local sources", "said", "local sources", loc, false, ""},
	{"The White Helmets said rescuers recovered 17 bodies.", "The White Helmets", "said", "White Helmets", ngo, false, ""},
	{"Doctors Without Borders said two of its hospitals were hit.", "Doctors Without Borders", "said", "Doctors Without Borders", ngo, false, ""},
	{"Human Rights Watch said the attacks may amount to war crimes.", "Human Rights Watch", "said", "Human Rights Watch", ngo, false, ""},
	{"Amnesty International said thousands of detainees had died.", "Amnesty International", "said", "Amnesty International", ngo, false, ""},
	{"The ICRC said aid convoys could not reach the town.", "The ICRC", "said", "International Committee of the Red Cross", ngo, false, ""},
	{"The United Nations said 400,000 people were trapped.", "The United Nations", "said", "United Nations", un, false, ""},
	{"UN envoy Staffan de Mistura said the talks would resume.", "UN envoy Staffan de Mistura", "said", "United Nations", un, false, ""},
	{"OCHA said 45,000 people fled in a single week.", "OCHA", "said", "OCHA", un, false, ""},
	{"The World Health Organization said 70 people showed symptoms of exposure.", "The World Health Organization", "said", "World Health Organization", un, false, ""},
	{"The UN refugee agency said the camp held 80,000 people.", "The UN refugee agency", "said", "UNHCR", un, false, ""},
	{"The US-led coalition said it had carried out 14 strikes near Raqqa.", "The US-led coalition", "said", "US-led coalition", mil, false, ""},
	{"Coalition spokesman Colonel Ryan Dillon said the report would be reviewed.", "Coalition spokesman Colonel Ryan Dillon", "said", "US-led coalition", mil, false, ""},
	{"The Pentagon said no US troops were hurt.", "The Pentagon", "said", "United States military", mil, false, ""},
	{"The Syrian army said it had repelled the attack.", "The Syrian army", "said", "Syrian Arab Army", mil, false, ""},
	{"A military source said 25 terrorists were killed in the ambush.", "A military source", "said", "military source", mil, false, ""},
	{"An SDF spokesman said 60 militants died in the fighting.", "An SDF spokesman", "said", "Syrian Democratic Forces", mil, false, ""},
	{"The Turkish military said 13 YPG militants were neutralised.", "The Turkish military", "said", "Turkish Armed Forces", mil, false, ""},
	{"Islamic State claimed responsibility for the bombing.", "Islamic State", "claimed", "Islamic State", mil, false, ""},
	{"Homs Governor Talal Barazi said the blast killed four people.", "Homs Governor Talal Barazi", "said", "Homs governor", gov, false, ""},
	{"The governor of Hama said the water station was hit.", "The governor of Hama", "said", "governor of Hama", gov, false, ""},
	{"The Syrian Foreign Ministry said the accusations were fabricated.", "The Syrian Foreign Ministry", "said", "Syrian Ministry of Foreign Affairs", gov, false, ""},
	{"Kurdish officials said 11 people died in the car bomb.", "Kurdish officials", "said", "officials", gov, false, ""},
	{"The National Coalition said the regime used chlorine.", "The National Coalition", "said", "Syrian National Coalition", gov, false, ""},
	{"Damascus said the strike was an act of aggression.", "Damascus", "said", "Syrian government", gov, false, ""},
	{"Reuters reported that the convoy was hit near Urum al-Kubra.", "Reuters", "reported", "Reuters", med, false, ""},
	{"Sputnik reported that 22 militants were killed.", "Sputnik", "reported", "Sputnik", med, false, ""},
	{"Al-Manar correspondent reported that the army advanced two kilometres.", "Al-Manar correspondent", "reported", "Al-Manar", med, false, ""},
	{"Local media reported that 7 people died in the attack.", "Local media", "reported", "local media", med, false, ""},
	{"The Observatory also said nine children were among the dead.", "The Observatory", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"The army on Sunday announced the capture of the hill.", "The army", "announced", "Syrian Arab Army", mil, false, ""},
	{"The Local Coordination Committees said 56 people were killed across the country.", "The Local Coordination Committees", "said", "Local Coordination Committees", loc, false, ""},
	{"The Syrian Network for Human Rights documented the deaths of 212 civilians.", "The Syrian Network for Human Rights", "documented", "Syrian Network for Human Rights", mon, false, ""},
	// told
	{"A military source told SANA that army units destroyed three vehicles.", "A military source", "told", "military source", mil, false, "SANA"},
	{"A source at Homs police command told SANA that a car bomb killed two.", "A source at Homs police command", "told", "police", gov, false, "SANA"},
	{"Activist Ahmad al-Masri told Reuters that the shelling had not stopped.", "Activist Ahmad al-Masri", "told", "activists", loc, false, "Reuters"},
	{"Rami Abdel Rahman told AFP that 40 fighters had been killed.", "Rami Abdel Rahman", "told", "Syrian Observatory for Human Rights", mon, false, "AFP"},
	{"A resident told Anadolu Agency that the town was encircled.", "A resident", "told", "residents", loc, false, "Anadolu Agency"},
	// inverted
	{"Five people were killed, said the Observatory.", "the Observatory", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"The bombing went on all night said Rami Abdel Rahman head of the Observatory.", "Rami Abdel Rahman head of the Observatory", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{`"The hospital is out of service," said the Syrian American Medical Society.`, "the Syrian American Medical Society", "said", "Syrian American Medical Society", ngo, true, ""},
	// speaker after a quotation
	{`"Eighteen terrorists were killed," the Russian Defense Ministry stated.`, "the Russian Defense Ministry", "stated", "Russian Ministry of Defence", mil, true, ""},
	{`"They hit the market twice" the activist said.`, "the activist", "said", "activists", loc, true, ""},
	{`"There is no water and no bread" a resident of Douma told AFP.`, "a resident of Douma", "told", "residents", loc, true, "AFP"},
	{`The ministry said: "All the targets were destroyed."`, "The ministry", "said", "", gov, true, ""},
	// in a statement
	{"The Syrian army said in a statement that 30 militants were killed.", "The Syrian army", "said", "Syrian Arab Army", mil, false, ""},
	{"The ministry in a statement said 18 soldiers were wounded.", "The ministry", "said", "", gov, false, ""},
	// citing / quoted
	{"The agency reported the death toll, citing a military source.", "a military source", "citing", "military source", mil, false, ""},
	{"Al-Mayadeen TV reported 14 dead citing local sources.", "local sources", "citing", "local sources", loc, false, ""},
	{"SANA quoted a military source as saying 40 terrorists were killed.", "a military source", "quoted", "military source", mil, false, "SANA"},
	{"A military source quoted by SANA said 40 terrorists were killed.", "A military source", "quoted", "military source", mil, false, "SANA"},
	{"Hospital director Ahmad Khalil was quoted as saying that 20 people died.", "Hospital director Ahmad Khalil", "quoted", "medical sources", loc, false, ""},
	// passive and adjectival uses give no speaker
	// (rows with an empty speaker expect no attribution at all)
	{"It was reported that 40 people were killed.", "", "", "", "", false, ""},
	{"Casualties were reported in the village of Tal Rifaat.", "", "", "", "", false, ""},
	{"The reported use of chlorine drew condemnation.", "", "", "", "", false, ""},
	{"The war has claimed more than 350,000 lives.", "", "", "", "", false, ""},
	{"The attack claimed the lives of 12 civilians.", "", "", "", "", false, ""},
	{"Six people were also reported killed in the shelling of the old city.", "", "", "", "", false, ""},
	{"Osama Said was among the dead.", "", "", "", "", false, ""},
	// carry-overs
	{"He said the attack targeted a bakery.", "He", "said", "", unk, false, ""},
	{"The statement said 35 terrorists were killed in the operation.", "The statement", "said", "", unk, false, ""},
	{"The statement reads that the strikes were precise.", "The statement", "reads", "", unk, false, ""},
	{"It added that two of the victims were children.", "It", "added", "", unk, false, ""},
	{"The group said the toll was expected to rise.", "The group", "said", "", unk, false, ""},
	{"The monitor said the dead included 3 women.", "The monitor", "said", "", mon, false, ""},
	{"Its spokesman said the claims were baseless.", "Its spokesman", "said", "", unk, false, ""},
	// apposition, relative clauses, coordination
	{"The Syrian Observatory for Human Rights, a Britain-based monitor, said 12 people died.", "The Syrian Observatory for Human Rights, a Britain-based monitor", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"The Observatory which relies on a network of sources inside Syria said 26 civilians were killed.", "The Observatory", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"The Syrian Observatory for Human Rights which tracks the war through activists on the ground said 19 died.", "The Syrian Observatory for Human Rights", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"Ten people were killed in Binnish activists said.", "activists", "said", "activists", loc, false, ""},
	{"Airstrikes killed 30 people in the town on Sunday a war monitor said.", "a war monitor", "said", "Syrian Observatory for Human Rights", mon, false, ""},
	{"Activists in the town said the hospital was struck twice.", "Activists in the town", "said", "activists", loc, false, ""},
	{"A source in Hasaka province told SANA that four people were wounded.", "A source in Hasaka province", "told", "sources", unk, false, "SANA"},
	{"Speaking to Syrian state TV Barazi said the base was badly damaged.", "Barazi", "said", "Homs governor", gov, false, "Syrian state television"},
	{"Turkish President Recep Tayyip Erdogan said the operation would continue.", "Turkish President Recep Tayyip Erdogan", "said", "Turkish government", gov, false, ""},
	{"Ankara says the militants fired rockets across the border.", "Ankara", "says", "Turkish government", gov, false, ""},
	{"UNICEF said at least 96 children were killed or injured.", "UNICEF", "said", "UNICEF", un, false, ""},
	{"The OPCW said sarin was used in the attack.", "The OPCW", "said", "OPCW", un, false, ""},
	{"Hezbollah's Al-Manar TV reported that 15 militants died.", "Hezbollah's Al-Manar TV", "reported", "Al-Manar", med, false, ""},
	{"Daesh-linked Amaq news agency claimed the attack.", "Daesh-linked Amaq news agency", "claimed", "Amaq News Agency", med, false, ""},
	{"The monitor which relies on a network of contacts across the country for its information said 16 fighters died.", "The monitor", "said", "", mon, false, ""},
	{"A Saraqeb resident speaking by phone from the town said the market was hit three times.", "A Saraqeb resident", "said", "residents", loc, false, ""},
	{"One paramedic who reached the site said the dead included a baby.", "One paramedic", "said", "medical sources", loc, false, ""},
	{"The raids were condemned by Syrian state television which said 9 soldiers were killed.", "Syrian state television", "said", "Syrian state television", med, false, ""},
	{"Activists in the district of Waer in Homs said 4 civilians died.", "Activists in the district of Waer in Homs", "said", "activists", loc, false, ""},
	{"The shelling killed two women in the border area Turkish officials said.", "Turkish officials", "said", "Turkish government", gov, false, ""},
	{"A car bomb exploded near the old market central Damascus local media reported.", "local media", "reported", "local media", med, false, ""},
	{`"We buried 11 people today" the hard-line militant group said.`, "the hard-line militant group", "said", "", unk, true, ""},
	{"The Syrian government has said it does not use chemical weapons.", "The Syrian government", "said", "Syrian government", gov, false, ""},
	{"The U.N. in August said that 191,000 people had been killed.", "The U.N.", "said", "United Nations", un, false, ""},
	// X put / placed / estimated the toll at N
	{"The Observatory put the death toll at 27 on Thursday.", "The Observatory", "put", "Syrian Observatory for Human Rights", mon, false, ""},
	{"Local activists placed the number of dead at more than 40.", "Local activists", "placed", "activists", loc, false, ""},
	{"The health ministry puts the overall toll at 212.", "The health ministry", "puts", "health ministry", gov, false, ""},
	{"The White Helmets estimated the toll at 60 people.", "The White Helmets", "estimated", "White Helmets", ngo, false, ""},
	{"Five died in the raid while the monitor put the toll at 8.", "the monitor", "put", "", mon, false, ""},
	{"Firefighters put out the blaze at the depot by nightfall.", "", "", "", unk, false, ""},
	{"Rescuers placed 14 bodies in the mosque courtyard.", "", "", "", unk, false, ""},
	{"Other reports put the death toll higher.", "", "", "", unk, false, ""},
	{"Opposition activists put the toll in the eastern districts at 45.", "Opposition activists", "put", "activists", loc, false, ""},
}

// Coordinated speakers give one attribution each.
func TestFindCoordinated(t *testing.T) {
	got := Find("State media and activists said ten people were killed.")
	if len(got) != 2 {
		t.Fatalf("got %d attributions, want 2: %+v", len(got), got)
	}
	names := map[string]bool{got[0].Source.Name: true, got[1].Source.Name: true}
	if !names["Syrian state media"] || !names["activists"] {
		t.Errorf("got %+v", got)
	}
}

func TestFindCorpus(t *testing.T) {
	if len(findCases) < 80 {
		t.Fatalf("only %d rows", len(findCases))
	}
	for _, c := range findCases {
		got := Find(c.sentence)
		if c.speaker == "" {
			if len(got) != 0 {
				t.Errorf("%q: want no attribution, got %q (%s)", c.sentence, got[0].Text, got[0].Cue)
			}
			continue
		}
		var a *Attribution
		for i := range got {
			if got[i].Text == c.speaker {
				a = &got[i]
			}
		}
		if a == nil {
			var texts []string
			for _, g := range got {
				texts = append(texts, g.Text+" /"+g.Cue)
			}
			t.Errorf("%q: want speaker %q, got %q", c.sentence, c.speaker, texts)
			continue
		}
		if a.Cue != c.cue || a.Source.Name != c.name || a.Source.Type != c.typ || a.Quoted != c.quoted {
			t.Errorf("%q:\n got cue=%q name=%q type=%s quoted=%v\nwant cue=%q name=%q type=%s quoted=%v",
				c.sentence, a.Cue, a.Source.Name, a.Source.Type, a.Quoted, c.cue, c.name, c.typ, c.quoted)
		}
		if (c.name == "") != IsCarryOver(*a) {
			t.Errorf("%q: IsCarryOver = %v", c.sentence, IsCarryOver(*a))
		}
		gotVia := ""
		if a.Via != nil {
			gotVia = a.Via.Source.Name
		}
		if gotVia != c.via {
			t.Errorf("%q: via = %q, want %q", c.sentence, gotVia, c.via)
		}
		if c.sentence[a.Start:a.End] != a.Text || a.Source.Text != a.Text {
			t.Errorf("%q: span %d..%d does not match %q", c.sentence, a.Start, a.End, a.Text)
		}
		if c.sentence[a.CueAt:a.CueAt+len(a.Cue)] != a.Cue {
			t.Errorf("%q: CueAt %d does not point at %q", c.sentence, a.CueAt, a.Cue)
		}
	}
}

// TestCueWords: the cue words are exactly the words MayAttribute is true of,
// among every word the lexicon knows.
func TestCueWords(t *testing.T) {
	cue := map[string]bool{}
	for _, w := range CueWords() {
		if !MayAttribute(w) {
			t.Errorf("CueWords has %q, which MayAttribute rejects", w)
		}
		cue[w] = true
	}
	for _, w := range lex.keys {
		if MayAttribute(w) && !cue[w] {
			t.Errorf("MayAttribute accepts %q, which CueWords lacks", w)
		}
	}
}

// TestTokenizeLowered: the tokens of a sentence are the same whether the
// tokenizer lower-cases it or is given it lower-cased.
func TestTokenizeLowered(t *testing.T) {
	for _, c := range findCases {
		if got, want := tokenizeLowered(c.sentence, asciiLower(c.sentence), nil), tokenize(c.sentence, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("tokenizeLowered(%q) differs from tokenize:\n%+v\n%+v", c.sentence, got, want)
		}
	}
}

// TestTrieMayStart: a token may start an entry exactly when the search
// from the root has somewhere to go.
func TestTrieMayStart(t *testing.T) {
	for _, c := range findCases {
		toks := tokenize(c.sentence, nil)
		for i := range toks {
			tk := &toks[i]
			if got, want := lex.src.mayStart(tk), len(lex.src.children(0, tk, nil)) > 0; got != want {
				t.Errorf("%q token %q: sources mayStart %v, children say %v", c.sentence, tk.key, got, want)
			}
			if got, want := lex.act.mayStart(tk), len(lex.act.children(0, tk, nil)) > 0; got != want {
				t.Errorf("%q token %q: actors mayStart %v, children say %v", c.sentence, tk.key, got, want)
			}
		}
	}
}
