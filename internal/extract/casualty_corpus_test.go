package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract/number"
	"github.com/tallyhq/tally/internal/testshared"
)

// casualtyCorpus is the casualty rule set's corpus: sentences written in the
// manner of the wire copy in fakes-dev (stripped commas and apostrophes
// included), each with every figure it must give as "kind|count text|victims",
// sub-counts marked "sub", hypotheticals "hyp". A sentence with no want
// must give no figure.
var casualtyCorpus = []struct {
	sentence string
	want     []string
}{
	// killed, after the number
	{"At least 14 civilians were killed in the raid on the market.", []string{"killed|At least 14|civilians"}},
	{"Up to 40 people die every month in the besieged enclave.", []string{"killed|Up to 40|people"}},
	{"Eleven Syrian soldiers died when their checkpoint came under fire.", []string{"killed|Eleven|security_forces"}},
	{"17 Rebels Dead in Clashes Near Hama", []string{"killed|17|combatants"}},
	{"Nine people have been reported dead after the blast.", []string{"killed|Nine|people"}},
	{"The observatory said 23 fighters lost their lives in the battle.", []string{"killed|23|combatants"}},
	{"Around 60 bodies were pulled from the rubble on Tuesday.", []string{"killed|Around 60|people"}},
	{"Dozens of civilians were reportedly killed in the shelling.", []string{"killed|Dozens|civilians"}},
	{"More than 200 militants were eliminated during the week the ministry said.", []string{"killed|More than 200|combatants"}},
	{"Thousands of bodies of civilians are still buried under the ruins.", []string{"killed|Thousands|civilians"}},
	{"Eight children and three women were among the dead.", []string{"killed|Eight|children", "killed|three|women"}},
	{"Some 35 members of the pro-government militia were killed.", []string{"killed|Some 35|combatants"}},
	{"Two policemen were killed and four others wounded when the bomb went off.", []string{"killed|Two|security_forces", "injured|four|people"}},
	{"Five civilians were killed while 12 were wounded in the strike.", []string{"killed|Five|civilians", "injured|12|people"}},
	{"In all 48 deaths were recorded across the province last month.", []string{"killed|48|people"}},
	{"A total of 310 fatalities have been documented since January.", []string{"killed|310|people"}},
	{"Between 25 and 30 soldiers perished in the ambush.", []string{"killed|Between 25 and 30|security_forces"}},
	{"Nearly 100 people were killed in a week of bombardment.", []string{"killed|Nearly 100|people"}},
	{"Four fighters from the Islamist faction were killed overnight.", []string{"killed|Four|combatants"}},
	{"12 people including 3 children were killed", []string{"killed|12|people", "killed|3|children|sub"}},
	// killed, before the number
	{"The airstrike killed 19 people in the crowded square.", []string{"killed|19|people"}},
	{"Government shelling killed at least seven civilians on Monday.", []string{"killed|at least seven|civilians"}},
	{"The suicide bomber blew himself up killing 22 worshippers.", []string{"killed|22|civilians"}},
	{"The death toll from the attack rose to 58 on Wednesday.", []string{"killed|58|people"}},
	{"The toll has climbed to more than 70.", []string{"killed|more than 70|people"}},
	{"Rebels executed 15 prisoners in the town square.", []string{"killed|15|people"}},
	{"Troops destroyed 30 militants and five vehicles in the operation.", []string{"killed|30|combatants"}},
	{"The fighting claimed the lives of 41 soldiers.", []string{"killed|41|security_forces"}},
	{"The strike killed six people and injured another ten near the bus station.", []string{"killed|six|people", "injured|ten|people"}},
	{"The explosion killed 5 people and 12 others in the crowd.", []string{"killed|5|people", "killed|12|people"}},
	{"A car bomb killed two and wounded dozens outside the mosque.", []string{"killed|two|people", "injured|dozens|people"}},
	{"The bombing killed at least 25 soldiers and allied militia and injured scores.", []string{"killed|at least 25|security_forces", "injured|scores|people"}},
	{"Clashes left 16 dead on both sides.", []string{"killed|16|people"}},
	{"The attack left nine dead and 30 wounded.", []string{"killed|nine|people", "injured|30|people"}},
	{"The number of dead has reached 120 according to medics.", []string{"killed|120|people"}},
	// injured
	{"At least 40 people were injured by flying glass.", []string{"injured|At least 40|people"}},
	{"There were 658 cases of injuries among returnees.", []string{"injured|658|people"}},
	{"Doctors treated 31 cases of asphyxiation after the attack.", []string{"injured|31|people"}},
	{"The shelling wounded 14 children at the school.", []string{"injured|14|children"}},
	{"Six soldiers were lightly hurt.", []string{"injured|Six|security_forces"}},
	{"Some 80 people were hospitalised with breathing problems.", []string{"injured|Some 80|people"}},
	{"Medics said 23 of the wounded were in critical condition.", []string{"injured|23|people"}},
	// casualties
	{"Every week 25-30 cases of civilian casualties are recorded.", []string{"casualties|25-30|civilians"}},
	{"The raid caused more than 50 casualties.", []string{"casualties|more than 50|people"}},
	{"Hundreds of victims were taken to field hospitals.", []string{"casualties|Hundreds|people"}},
	// missing, displaced, returned
	{"Seven fishermen remain missing after the boat was hit.", []string{"missing|Seven|people"}},
	{"At least 20 activists were abducted by gunmen.", []string{"missing|At least 20|people"}},
	{"More than 55 thousand people have returned to their homes.", []string{"returned|More than 55 thousand|people"}},
	{"About 12,000 residents have fled the fighting in the past week.", []string{"displaced|About 12,000|civilians"}},
	{"The offensive has displaced 300,000 people since December.", []string{"displaced|300,000|people"}},
	{"Tens of thousands of people were displaced by the bombardment.", []string{"displaced|Tens of thousands|people"}},
	{"Some 4,000 families were forced to flee their villages.", []string{"displaced|Some 4,000|people"}},
	{"Nearly 2,500 refugees returned from Lebanon last month.", []string{"returned|Nearly 2,500|people"}},
	// The displaced who go home are returns, not displacement.
	{"More than 3,000 displaced people returned to their villages over the past week.", []string{"returned|More than 3,000|people"}},
	{"Some 400 displaced families have returned to the town since the ceasefire.", []string{"returned|Some 400|people"}},
	{"About 700 displaced residents were still sheltering in schools.", []string{"displaced|About 700|civilians"}},
	// sub-counts
	{"Twelve were killed including five children.", []string{"killed|Twelve|people", "killed|five|children|sub"}},
	{"At least 30 people died among them 11 women.", []string{"killed|At least 30|people", "killed|11|women|sub"}},
	{"Six civilians including a child were among at least 22 people killed.", []string{"killed|at least 22|people", "killed|Six|civilians|sub"}},
	{"Seventeen people were wounded, eight of them children.", []string{"injured|Seventeen|people", "injured|eight|children|sub"}},
	// hypotheticals and denials
	{"A new offensive could kill thousands of civilians the UN warned.", []string{"killed|thousands|civilians|hyp"}},
	{"The agency said the cold may kill hundreds of children this winter.", []string{"killed|hundreds|children|hyp"}},
	{"No casualties were reported in the incident.", []string{"casualties|no|people"}},
	{"No one was killed in the blast the governor said.", []string{"killed|no|people"}},
	{"Nobody was hurt when the shell landed.", []string{"injured|no|people"}},
	// not casualty figures
	{"Raqqa had been under Daesh control since 2013.", nil},
	{"The coalition carried out 150 airstrikes in the past ten days.", nil},
	{"Troops destroyed 12 tanks and 5 armoured vehicles.", nil},
	{"The convoy of 40 trucks reached the town on Sunday.", nil},
	{"Regime aircraft dropped more than 1000 bombs on the city.", nil},
	{"The war has entered its seventh year.", nil},
	{"He was 15 years old when he joined the group.", nil},
	{"Prices rose by 30 percent in the besieged area.", nil},
	{"The meeting lasted three hours.", nil},
	{"The base lies 10km northeast of Damascus.", nil},
	{"The talks involved 14 countries.", nil},
	{"The UN Security Council adopted resolution 2254 in 2015.", nil},
	{"Fri 07 Apr 2017 at 0914 Homs governor says the attack caused deaths.", nil},
	{"The rebels control 20 villages in the countryside.", nil},
	{"About 400 fighters took part in the offensive.", nil},
	{"The group has 3,000 fighters in the province.", nil},
	{"Some 70 percent of the city is destroyed.", nil},
	{"The ministry said 2,500 homes were destroyed.", nil},
	{"Aid workers delivered 5,000 food baskets on Friday.", nil},
	{"The army said it had hit 45 targets.", nil},
	{"Four years later the city is still in ruins.", nil},
	{"One of the men said he had seen the aircraft.", nil},
	{"The 2011 uprising turned into a war.", nil},
	{"At 1935 the convoy left the city.", nil},
	{"Two Russian warplanes were seen over the town.", nil},
	{"The opposition holds 12 seats on the committee.", nil},
	{"The strike hit a hospital in the town of Kafr Nabl.", nil},
	{"Some 300 tonnes of aid were delivered.", nil},
	{"The government says 1.5 million people live in the city.", nil},
	{"The brigade has lost 2 tanks.", nil},
	{"Militants fired 30 rockets at the city.", nil},
	{"The militants used 6 drones in the attack.", nil},
	{"Dozens of families returned to the village.", []string{"returned|Dozens|people"}},
	{"Hundreds were killed in the battle for the city.", []string{"killed|Hundreds|people"}},
	{"Three soldiers were killed, the army said, and two were wounded.", []string{"killed|Three|security_forces", "injured|two|people"}},
	{"In the attack 8 people were killed.", []string{"killed|8|people"}},
	{"The blast killed 4 in the market.", []string{"killed|4|people"}},
	{"An air raid killed 11 members of one family.", []string{"killed|11|people"}},
	{"Syrian state media said 43 terrorists were killed.", []string{"killed|43|combatants"}},
	{"Ten people were killed by sniper fire.", []string{"killed|Ten|people"}},
	{"The bodies of 21 men were found in a mass grave.", []string{"killed|21|people"}},
	{"A suicide attack killed 14 pro-government fighters.", []string{"killed|14|combatants"}},
	{"Four journalists have gone missing.", []string{"missing|Four|civilians"}},
}

func TestCasualtyCorpus(t *testing.T) {
	for _, tc := range casualtyCorpus {
		t.Run(tc.sentence, func(t *testing.T) {
			mentions := number.Find(tc.sentence)
			toks := tokenize(tc.sentence, mentions)
			var got []string
			for _, f := range findFigures(tc.sentence, toks) {
				s := fmt.Sprintf("%s|%s|%s", f.kind, f.count.Text, f.victims)
				if f.whole > 0 {
					s += "|sub"
				}
				if f.hypothetical {
					s += "|hyp"
				}
				got = append(got, s)
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("figures\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

// figuresByFullScans is figuresOf as it was before its one pass: each rule
// scans the whole sentence.
func figuresByFullScans(text string, toks []token) []figure {
	out := countFigures(text, toks, 0) // its sub-figures from the first token on
	out = appendDenials(out, toks, 0)
	return appendSingulars(out, text, toks, 0)
}

// TestFiguresOfAgreesWithFullScans: starting each figure rule at the
// first word it can use finds what scanning every sentence whole does,
// over every sentence of the development corpus and the table above.
func TestFiguresOfAgreesWithFullScans(t *testing.T) {
	check := func(text string) {
		t.Helper()
		toks := tokenize(text, number.Find(text))
		if got, want := figuresOf(text, toks), figuresByFullScans(text, toks); !reflect.DeepEqual(got, want) {
			t.Fatalf("figuresOf(%q) = %+v\nfull scans: %+v", text, got, want)
		}
	}
	for _, tc := range casualtyCorpus {
		check(tc.sentence)
	}
	for _, extra := range []string{"No one was killed but a woman was injured and 3 died.", "none", "a", "A man, no", "one killed, none hurt"} {
		check(extra)
	}
	path := testshared.Path(t, testshared.FakesDevPath)
	n := 0
	for doc, err := range document.ReadPath(path, document.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		for _, seg := range []*document.Text{&doc.Title, &doc.Body} {
			for _, sp := range appendSentences(nil, seg.Norm) {
				check(seg.Norm[sp.start:sp.end])
				n++
			}
		}
	}
	if n < 1000 {
		t.Fatalf("checked %d sentences of the development corpus", n)
	}
}
