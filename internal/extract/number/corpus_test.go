package number

import (
	"fmt"
	"strings"
	"testing"
)

// corpus is the documentation of Find, Duckling-style: realistic sentences
// in the style of war reporting (written for this test, not taken from any
// article), each with every mention Find must return, in order, as
// "text|kind|qualifier|value|low|high" ("-" for nil).
var corpus = []struct {
	text string
	want []string
}{
	// Counts in casualty sentences, with the page furniture of scraped news around them.
	{"At least 29 Syrian rebels were killed in clashes with government troops overnight, a monitor said.", []string{
		"At least 29|count|at_least|29|29|-",
	}},
	{"An air strike on a market in the town killed 12 people including 5 children, rescuers said.", []string{
		"12|count|exact|12|12|12",
		"5|count|exact|5|5|5",
	}},
	{"(updated 1935 05.10.2017) Get short URL 0 612 At least nine people were killed in the shelling.", []string{
		"1935|time|exact|1935|1935|1935",
		"05.10.2017|date|exact|5|5|5",
		"0|identifier|exact|0|0|0",
		"612|identifier|exact|612|612|612",
		"At least nine|count|at_least|9|9|-",
	}},
	{"Wed 05 Apr 2017 at 0914 Regional NNA - A car bomb exploded near a checkpoint, killing four soldiers.", []string{
		"05|date|exact|5|5|5",
		"2017|year|exact|2017|2017|2017",
		"0914|time|exact|914|914|914",
		"four|count|exact|4|4|4",
	}},
	{"Sun 10 Jul 2016 29 Syria Rebels Dead in Fighting for Key Road", []string{
		"10|date|exact|10|10|10",
		"2016|year|exact|2016|2016|2016",
		"29|count|exact|29|29|29",
	}},
	{"Up to 30 civilians die due to mines every week in the city, the ministry said.", []string{
		"Up to 30|count|at_most|30|0|30",
	}},
	{"Every week, 25-30 cases of civilian casualties are recorded among returnees.", []string{
		"25-30|count|range|25|25|30",
	}},
	{"More than 55 thousand people have returned to their homes in recent days.", []string{
		"More than 55 thousand|count|at_least|55000|55000|-",
	}},
	{"From October 2017 to March 2018, there were 658 cases of injuries while 130 people were killed.", []string{
		"2017|year|exact|2017|2017|2017",
		"2018|year|exact|2018|2018|2018",
		"658|count|exact|658|658|658",
		"130|count|exact|130|130|130",
	}},
	{"The conflict has killed more than 280,000 people and displaced millions since it began in 2011.", []string{
		"more than 280,000|count|at_least|280000|280000|-",
		"millions|count|vague|-|1000000|-",
		"2011|year|exact|2011|2011|2011",
	}},
	// Ranges and vague quantities.
	{"Between 25 and 30 fighters were killed in the ambush, the group said.", []string{
		"Between 25 and 30|count|range|25|25|30",
	}},
	{"The number of displaced rose from 10000 to more than 30000 in a week.", []string{
		"from 10000 to more than 30000|count|range|10000|10000|-",
	}},
	{"Tens of thousands of residents fled the eastern districts as the offensive intensified.", []string{
		"Tens of thousands|count|vague|-|10000|99999",
	}},
	{"Hundreds of thousands of people remain trapped under siege, aid agencies warned.", []string{
		"Hundreds of thousands|count|vague|-|100000|999999",
	}},
	{"Dozens of people were wounded when a barrel bomb hit a crowded street.", []string{
		"Dozens|count|vague|-|12|99",
	}},
	{"Several civilians were among the dead, according to local activists.", []string{
		"Several|count|vague|-|3|9",
	}},
	{"Scores of fighters surrendered to the army on Sunday.", []string{
		"Scores|count|vague|-|20|99",
	}},
	{"A few hundred families managed to cross into Turkey before the border closed.", []string{
		"A few hundred|count|vague|-|200|599",
	}},
	{"Several hundred fighters and their families were bussed out of the town.", []string{
		"Several hundred|count|vague|-|300|999",
	}},
	// Spelled-out numbers, scales and fractions.
	{"Fifty-five people were killed and one hundred and twenty wounded in the twin bombings.", []string{
		"Fifty-five|count|exact|55|55|55",
		"one hundred and twenty|count|exact|120|120|120",
	}},
	{"Two thousand five hundred families have been displaced from the villages since Monday.", []string{
		"Two thousand five hundred|count|exact|2500|2500|2500",
	}},
	{"A dozen soldiers were taken prisoner and two dozen more were missing.", []string{
		"A dozen|count|exact|12|12|12",
		"two dozen|count|exact|24|24|24",
	}},
	{"Half a million people live in areas besieged by government forces.", []string{
		"Half a million|count|exact|500000|500000|500000",
	}},
	{"Some 1.5 million refugees have crossed the border since the start of the war.", []string{
		"Some 1.5 million|count|about|1500000|1350000|1650000",
	}},
	{"A quarter of a million people have been killed, the envoy said.", []string{
		"A quarter of a million|count|exact|250000|250000|250000",
	}},
	// Qualifiers: about (±10%), nearly (0.9N..N), at_most (0..N), at_least (N..open).
	{"Nearly 40 people died of hunger in the besieged town last month.", []string{
		"Nearly 40|count|about|40|36|40",
	}},
	{"Almost 50 children were among the victims of the chemical attack.", []string{
		"Almost 50|count|about|50|45|50",
	}},
	{"Approximately 1,000 families returned to the city after it was retaken.", []string{
		"Approximately 1,000|count|about|1000|900|1100",
	}},
	{"An estimated 200 militants remain holed up in the old quarter.", []string{
		"An estimated 200|count|about|200|180|220",
	}},
	{"Around 60 civilians were killed in air raids on the province on Tuesday.", []string{
		"Around 60|count|about|60|54|66",
	}},
	{"As many as 70 people may have died in the blast, a medic said.", []string{
		"As many as 70|count|at_most|70|0|70",
	}},
	{"Fewer than 20 fighters are still inside the hospital compound.", []string{
		"Fewer than 20|count|at_most|20|0|20",
	}},
	{"No fewer than 300 shells struck the neighbourhood within two hours.", []string{
		"No fewer than 300|count|at_least|300|300|-",
		"two|measure|exact|2|2|2",
	}},
	{"The toll surpassed 500 on Thursday, the Observatory said.", []string{
		"surpassed 500|count|at_least|500|500|-",
	}},
	{"The strikes killed upwards of 40 people in the market town.", []string{
		"upwards of 40|count|at_least|40|40|-",
	}},
	{"At least dozens of civilians were buried under the rubble.", []string{
		"At least dozens|count|vague|-|12|99",
	}},
	// Kinds that are not counts: ages, percentages, money, measures, times, dates.
	{"The raids killed 18 people, 12 of them children, the monitor reported.", []string{
		"18|count|exact|18|18|18",
		"12|count|exact|12|12|12",
	}},
	{"Rescue workers pulled 65 bodies from the rubble in three days.", []string{
		"65|count|exact|65|65|65",
		"three|measure|exact|3|3|3",
	}},
	{"A 12-year-old boy was among the dead, his uncle said.", []string{
		"12|age|exact|12|12|12",
	}},
	{"The victims were aged between six and nine years old.", []string{
		"between six and nine|age|range|6|6|9",
	}},
	{"A woman aged 35 and her two daughters were killed when the shell hit their home.", []string{
		"35|age|exact|35|35|35",
		"two|count|exact|2|2|2",
	}},
	{"The man, 45 years old, was shot at a checkpoint.", []string{
		"45|age|exact|45|45|45",
	}},
	{"Rebels control 60 percent of the city, down from 90 per cent a year ago.", []string{
		"60|percent|exact|60|60|60",
		"90|percent|exact|90|90|90",
	}},
	{"The regime holds about 30% of the province after the offensive.", []string{
		"about 30|percent|about|30|27|33",
	}},
	{"The donors pledged $5 million for the camps, and another 2 million dollars for medicine.", []string{
		"5 million|money|exact|5000000|5000000|5000000",
		"2 million|money|exact|2000000|2000000|2000000",
	}},
	{"The price of bread rose to 500 Syrian pounds in the besieged enclave.", []string{
		"500|money|exact|500|500|500",
	}},
	{"The convoy was stopped 5 km from the town and had to wait for two hours.", []string{
		"5|measure|exact|5|5|5",
		"two|measure|exact|2|2|2",
	}},
	{"The city lies 60 kilometres (35 miles) northeast of Damascus.", []string{
		"60|measure|exact|60|60|60",
		"35|measure|exact|35|35|35",
	}},
	{"The siege has lasted for six years, residents said.", []string{
		"six|measure|exact|6|6|6",
	}},
	{"The army announced a three-day ceasefire starting at 0700 GMT on Friday.", []string{
		"three|measure|exact|3|3|3",
		"0700|time|exact|700|700|700",
	}},
	{"The attack took place at around 3 am local time, witnesses said.", []string{
		"3|time|exact|3|3|3",
	}},
	{"The bombing began at 10:30 and continued until 4 pm.", []string{
		"10:30|time|exact|10|10|10",
		"4|time|exact|4|4|4",
	}},
	{"The strike came on March 5, two days after talks collapsed.", []string{
		"5|date|exact|5|5|5",
		"two|measure|exact|2|2|2",
	}},
	{"The massacre of 5 March 2016 has never been investigated.", []string{
		"5|date|exact|5|5|5",
		"2016|year|exact|2016|2016|2016",
	}},
	{"The report, dated 10/05/2017, lists 347 attacks on medical facilities.", []string{
		"10/05/2017|date|exact|10|10|10",
		"347|count|exact|347|347|347",
	}},
	{"Published 2018-04-07, the statement blamed militants for the shelling.", []string{
		"2018-04-07|date|exact|2018|2018|2018",
	}},
	// Identifiers, ordinals and the pronoun "one".
	{"UN Security Council Resolution 2254 calls for a ceasefire across Syria.", []string{
		"2254|identifier|exact|2254|2254|2254",
	}},
	{"The victims of flight MH17 were remembered on Sunday.", []string{
		"17|identifier|exact|17|17|17",
	}},
	{"Two Su-24 bombers and an A-10 jet were seen over the area.", []string{
		"Two|count|exact|2|2|2",
		"24|identifier|exact|24|24|24",
		"10|identifier|exact|10|10|10",
	}},
	{"The 17th Division base fell to the militants after a long siege.", []string{
		"17th|ordinal|exact|17|17|17",
	}},
	{"It was the first time the town had been hit since 2013.", []string{
		"first|ordinal|exact|1|1|1",
		"2013|year|exact|2013|2013|2013",
	}},
	{"The second convoy carried food for 185,000 people.", []string{
		"second|ordinal|exact|2|2|2",
		"185,000|count|exact|185000|185000|185000",
	}},
	{"For the third consecutive day, jets pounded the rebel-held districts.", []string{
		"third|ordinal|exact|3|3|3",
	}},
	{"One of the victims was a nurse at the field hospital.", nil},
	{"No one has claimed responsibility for the attack.", nil},
	{"One child was killed and three others were wounded by the shell.", []string{
		"One|count|exact|1|1|1",
		"three|count|exact|3|3|3",
	}},
	{"The fighters turned on one another after the commander was killed.", nil},
	{"A car bomb killed a man and wounded his son.", nil},
	{"The war has killed more than a quarter of a million people and displaced more than 10 million.", []string{
		"more than a quarter of a million|count|at_least|250000|250000|-",
		"more than 10 million|count|at_least|10000000|10000000|-",
	}},
	// Years against counts.
	{"The agency said 2000 people were killed in 2014 alone.", []string{
		"2000|count|exact|2000|2000|2000",
		"2014|year|exact|2014|2014|2014",
	}},
	{"The 2014 offensive left the province in ruins.", []string{
		"2014|year|exact|2014|2014|2014",
	}},
	{"Government forces killed 1950 rebels during the summer campaign, the ministry claimed.", []string{
		"1950|count|exact|1950|1950|1950",
	}},
	{"The Syrian war, now in its seventh year, began in March 2011 with peaceful protests.", []string{
		"seventh|ordinal|exact|7|7|7",
		"2011|year|exact|2011|2011|2011",
	}},
	{"Between 2011 and 2015, half of all attacks on schools worldwide occurred in Syria.", []string{
		"Between 2011 and 2015|year|range|2011|2011|2015",
	}},
	{"The 2017-2018 winter was the harshest in the camps in a decade.", []string{
		"2017-2018|year|range|2017|2017|2018",
	}},
	{"Fighting since mid-2012 has destroyed much of the old city.", []string{
		"2012|year|exact|2012|2012|2012",
	}},
	{"In 2014 rebels seized the town and held it for three years.", []string{
		"2014|year|exact|2014|2014|2014",
		"three|measure|exact|3|3|3",
	}},
	{"Some 400000 people live in the besieged enclave, the UN said.", []string{
		"Some 400000|count|about|400000|360000|440000",
	}},
	{"Close to 500000 people have been killed since the uprising began.", []string{
		"Close to 500000|count|about|500000|450000|500000",
	}},
	{"About 2000 people were evacuated under the deal on Saturday.", []string{
		"About 2000|count|about|2000|1800|2200",
	}},
	// More counts, ranges and trailing qualifiers.
	{"Over 100 people were injured after the truck bomb exploded.", []string{
		"Over 100|count|at_least|100|100|-",
	}},
	{"The blast killed 7 and injured over 70, state media reported.", []string{
		"7|count|exact|7|7|7",
		"over 70|count|at_least|70|70|-",
	}},
	{"Russian jets carried out 18 strikes on Monday and destroyed 13 positions.", []string{
		"18|count|exact|18|18|18",
		"13|count|exact|13|13|13",
	}},
	{"A total of 33 people died, according to the local council.", []string{
		"33|count|exact|33|33|33",
	}},
	{"Two medics were among at least 31 people killed on Sunday.", []string{
		"Two|count|exact|2|2|2",
		"at least 31|count|at_least|31|31|-",
	}},
	{"Thirteen civilians were killed on Friday during the shelling of the old city.", []string{
		"Thirteen|count|exact|13|13|13",
	}},
	{"Seventeen civilians including eight children died in the raids.", []string{
		"Seventeen|count|exact|17|17|17",
		"eight|count|exact|8|8|8",
	}},
	{"Twenty-three civilians, including nine children, were killed on Thursday.", []string{
		"Twenty-three|count|exact|23|23|23",
		"nine|count|exact|9|9|9",
	}},
	{"Another 120 soldiers and pro-regime militiamen were wounded.", []string{
		"120|count|exact|120|120|120",
	}},
	{"Six people, among them two women, died in the explosion.", []string{
		"Six|count|exact|6|6|6",
		"two|count|exact|2|2|2",
	}},
	{"The observatory gave a toll of 36 dead, among them 15 children.", []string{
		"36|count|exact|36|36|36",
		"15|count|exact|15|15|15",
	}},
	{"The figure stood at 1,429, including at least 426 children.", []string{
		"1,429|count|exact|1429|1429|1429",
		"at least 426|count|at_least|426|426|-",
	}},
	{"Mortar fire killed 4 civilians and injured 10 others, 4 of them in critical condition.", []string{
		"4|count|exact|4|4|4",
		"10|count|exact|10|10|10",
		"4|count|exact|4|4|4",
	}},
	{"Some 150 rebels and their families will leave the suburb under the deal.", []string{
		"Some 150|count|about|150|135|165",
	}},
	{"More than 4200 schools in Syria have been damaged or destroyed.", []string{
		"More than 4200|count|at_least|4200|4200|-",
	}},
	{"The attack killed 20 to 30 people, according to different estimates.", []string{
		"20 to 30|count|range|20|20|30",
	}},
	{"Between 250000 and 300000 people live in areas held by the opposition.", []string{
		"Between 250000 and 300000|count|range|250000|250000|300000",
	}},
	{"The UN says 250000-275000 civilians still live in the eastern districts.", []string{
		"250000-275000|count|range|250000|250000|275000",
	}},
	{"Two or three rockets hit the neighbourhood every night.", []string{
		"Two or three|count|range|2|2|3",
	}},
	{"The bombardment killed 12 or more people in the town.", []string{
		"12 or more|count|at_least|12|12|-",
	}},
	{"The operation killed 30 or so militants, the ministry said.", []string{
		"30 or so|count|about|30|27|33",
	}},
	{"Officials said 50-plus fighters had been captured near the dam.", []string{
		"50-plus|count|at_least|50|50|-",
	}},
	{"The campaign has displaced 20 to 30 thousand residents.", []string{
		"20 to 30 thousand|count|range|20000|20000|30000",
	}},
	{"Between 1.5 and 2 million people have fled the province.", []string{
		"Between 1.5 and 2 million|count|range|1500000|1500000|2000000",
	}},
	// Vague quantities with units; ages and durations.
	{"A handful of families stayed behind in the ruined village.", []string{
		"A handful of|count|vague|-|2|5",
	}},
	{"A number of soldiers were wounded in the clashes.", []string{
		"A number of|count|vague|-|2|-",
	}},
	{"Thousands of civilians were forced to flee, and millions more face hunger.", []string{
		"Thousands|count|vague|-|1000|9999",
		"millions|count|vague|-|1000000|-",
	}},
	{"Hundreds of kilometres of roads were damaged in the fighting.", []string{
		"Hundreds|measure|vague|-|100|999",
	}},
	{"Millions of dollars in aid have been pledged to the agency.", []string{
		"Millions|money|vague|-|1000000|-",
	}},
	{"The donors pledged 4 billion dollars at the conference.", []string{
		"4 billion|money|exact|4000000000|4000000000|4000000000",
	}},
	{"A picture of the 5-year-old girl pulled from the rubble spread online.", []string{
		"5|age|exact|5|5|5",
	}},
	{"Her six-month-old son survived the blast.", []string{
		"six|age|exact|6|6|6",
	}},
	{"The four-year civil war has claimed more than 220,000 lives.", []string{
		"four|measure|exact|4|4|4",
		"more than 220,000|count|at_least|220000|220000|-",
	}},
	{"Rebels fired more than 10 rocket shells on the district overnight.", []string{
		"more than 10|count|at_least|10|10|-",
	}},
	{"At least 11 children were among the 26 civilians killed in the strikes.", []string{
		"At least 11|count|at_least|11|11|-",
		"26|count|exact|26|26|26",
	}},
	{"Zabadani lies 12 kilometers from the border crossing.", []string{
		"12|measure|exact|12|12|12",
	}},
	{"The hospital went out of service for three days after the attack.", []string{
		"three|measure|exact|3|3|3",
	}},
	{"A 48-hour truce was declared for the delivery of aid.", []string{
		"48|measure|exact|48|48|48",
	}},
	{"Over two days the strikes killed 45 people.", []string{
		"two|measure|exact|2|2|2",
		"45|count|exact|45|45|45",
	}},
	{"Over 2 days the strikes killed 45 people.", []string{
		"2|measure|exact|2|2|2",
		"45|count|exact|45|45|45",
	}},
	{"The Observatory said 19 explosions were heard during the assault.", []string{
		"19|count|exact|19|19|19",
	}},
	// Page furniture from the development corpus.
	{"Date of publication 11 August 2016 Ten Russian raids hit the province.", []string{
		"11|date|exact|11|11|11",
		"2016|year|exact|2016|2016|2016",
		"Ten|count|exact|10|10|10",
	}},
	{"Posted on April 2 2017 by staff reporters.", []string{
		"2|date|exact|2|2|2",
		"2017|year|exact|2017|2017|2017",
	}},
	{"Last updated at Oct 032017 BEIRUT A US-led coalition air strike killed at least 18 civilians.", []string{
		"032017|date|exact|32017|32017|32017",
		"at least 18|count|at_least|18|18|-",
	}},
	{"Print Tweet Views 1662 An Islamic State car bomb killed 26 people.", []string{
		"1662|identifier|exact|1662|1662|1662",
		"26|count|exact|26|26|26",
	}},
	{"Published August 3 2015 People inspect the damage after an air strike.", []string{
		"3|date|exact|3|3|3",
		"2015|year|exact|2015|2015|2015",
	}},
	{"Thursday 01 September 2016 20:22 Syrian Coalition urges the UN to act.", []string{
		"01|date|exact|1|1|1",
		"2016|year|exact|2016|2016|2016",
		"20:22|time|exact|20|20|20",
	}},
	{"The raids hit the school around 1130 am (0830 GMT), an activist said.", []string{
		"1130|time|exact|1130|1130|1130",
		"0830|time|exact|830|830|830",
	}},
	{"The aid convoy came under attack at 8.15 pm local time.", []string{
		"8.15|time|exact|8|8|8",
	}},
	{"The site was believed to have been inhabited since 1750 BC.", []string{
		"1750|year|exact|1750|1750|1750",
	}},
	{"Around 300 000 civilians are trapped in the eastern part of the city.", []string{
		"Around 300 000|count|about|300000|270000|330000",
	}},
	{"More than 1000 bombs have been dropped on the city since the start of the month.", []string{
		"More than 1000|count|at_least|1000|1000|-",
	}},
	{"The Jordan Times reported on the 1967 war anniversary.", []string{
		"1967|year|exact|1967|1967|1967",
	}},
	{"Article 5 of the treaty was not invoked.", []string{
		"5|identifier|exact|5|5|5",
	}},
	{"The M4 highway links Aleppo to Latakia.", []string{
		"4|identifier|exact|4|4|4",
	}},
	{"Nearly half a million people are besieged, and about 23 million lived in Syria before the war.", []string{
		"Nearly half a million|count|about|500000|450000|500000",
		"about 23 million|count|about|23000000|20700000|25300000",
	}},
	{"Twenty people in Kilis have been killed by rockets since January.", []string{
		"Twenty|count|exact|20|20|20",
	}},
	{"Over one of the most horrific massacres, the world stayed silent.", nil},
	{"The explosion killed a two-day-old baby in the children's hospital.", []string{
		"two|age|exact|2|2|2",
	}},
	{"Every one of the 40 patients had to be evacuated.", []string{
		"40|count|exact|40|40|40",
	}},
	{"The death toll rose to 49 in the past 24 hours.", []string{
		"49|count|exact|49|49|49",
		"24|measure|exact|24|24|24",
	}},
	{"Jets launched nearly 2000 air raids against the group.", []string{
		"nearly 2000|count|about|2000|1800|2000",
	}},
	{"The 1990s were a quiet decade for the region.", []string{
		"1990s|year|exact|1990|1990|1990",
	}},
	{"Militants executed 3 civilians, including 2 women, in the square.", []string{
		"3|count|exact|3|3|3",
		"2|count|exact|2|2|2",
	}},
	{"The quake of magnitude 5.8 was felt across the region.", []string{
		"5.8|other|exact|5|5|5",
	}},
	{"The ratio of civilians to fighters killed was 3:1 according to the group.", []string{
		"3:1|other|exact|3|3|3",
	}},
	{"The Tu-22M3 bombers flew from a base in southern Russia.", []string{
		"22|identifier|exact|22|22|22",
		"3|identifier|exact|3|3|3",
	}},
	{"The G20 statement was signed by 12 countries.", []string{
		"20|identifier|exact|20|20|20",
		"12|count|exact|12|12|12",
	}},
	{"The victims included four women and an 80-year-old man.", []string{
		"four|count|exact|4|4|4",
		"80|age|exact|80|80|80",
	}},
	// Second batch: ages, times, dates, money, vague words, qualifiers.
	{"A 15-year-old was shot dead and a boy of 15 years of age was arrested.", []string{
		"15|age|exact|15|15|15",
		"15|age|exact|15|15|15",
	}},
	{"Children under the age of 18 made up a third of the victims.", []string{
		"18|age|exact|18|18|18",
		"third|ordinal|exact|3|3|3",
	}},
	{"The raid began at 3 p.m. and lasted until 10:30 pm.", []string{
		"3|time|exact|3|3|3",
		"10:30|time|exact|10|10|10",
	}},
	{"The aid plan for 2017/18 requires 3.4 billion dollars.", []string{
		"2017/18|year|exact|2017|2017|2017",
		"3.4 billion|money|exact|3400000000|3400000000|3400000000",
	}},
	{"The massacre took place on the 5th of March, and the funeral on March 7th.", []string{
		"5th|date|exact|5|5|5",
		"7th|date|exact|7|7|7",
	}},
	{"The twenty-first century has seen no deadlier conflict in the region.", []string{
		"twenty-first|ordinal|exact|21|21|21",
	}},
	{"Half a dozen fighters were captured and two and a half million people face hunger.", []string{
		"Half a dozen|count|exact|6|6|6",
		"two and a half million|count|exact|2500000|2500000|2500000",
	}},
	{"One and a half million people have fled the province, the agency said.", []string{
		"One and a half million|count|exact|1500000|1500000|1500000",
	}},
	{"The camp houses 55K people, and the appeal seeks $1.5bn.", []string{
		"55K|count|exact|55000|55000|55000",
		"1.5bn|money|exact|1500000000|1500000000|1500000000",
	}},
	{"Donors pledged US$5m for the clinic and USD 300,000 for the school.", []string{
		"5m|money|exact|5000000|5000000|5000000",
		"300,000|money|exact|300000|300000|300000",
	}},
	{"The EU pledged \u20ac20 million in aid to the refugees.", []string{
		"20 million|money|exact|20000000|20000000|20000000",
	}},
	{"Each family received 1000 Lebanese pounds in cash assistance.", []string{
		"1000|money|exact|1000|1000|1000",
	}},
	{"Thousands of tonnes of wheat were destroyed in the fire.", []string{
		"Thousands|measure|vague|-|1000|9999",
	}},
	{"A couple of shells landed near the hospital.", []string{
		"A couple of|count|vague|-|2|3",
	}},
	{"Several dozen families took refuge in the mosque.", []string{
		"Several dozen|count|vague|-|36|119",
	}},
	{"A large number of civilians were killed, and a small number of fighters escaped.", []string{
		"A large number of|count|vague|-|10|-",
		"a small number of|count|vague|-|2|9",
	}},
	{"Tens of people were detained at the checkpoint.", []string{
		"Tens|count|vague|-|10|99",
	}},
	{"Scores of thousands of protesters filled the square.", []string{
		"Scores of thousands|count|vague|-|20000|99999",
	}},
	// Identifiers, clock times and trailing qualifiers.
	{"Under Decree No 10, property can be seized; Route 5 was closed and Highway 4 reopened.", []string{
		"10|identifier|exact|10|10|10",
		"5|identifier|exact|5|5|5",
		"4|identifier|exact|4|4|4",
	}},
	{"The checkpoint #5 was hit by mortar fire.", []string{
		"5|identifier|exact|5|5|5",
	}},
	{"The strike came at 0300 GMT, while the second raid hit at 0900 hours.", []string{
		"0300|time|exact|300|300|300",
		"second|ordinal|exact|2|2|2",
		"0900|time|exact|900|900|900",
	}},
	{"The fighting raged for 24 hours and a 48-hour truce followed.", []string{
		"24|measure|exact|24|24|24",
		"48|measure|exact|48|48|48",
	}},
	{"Some 30-odd militants were killed, and 40+ were captured.", []string{
		"Some 30-odd|count|about|30|27|33",
		"40+|count|at_least|40|40|-",
	}},
	{"The blast killed at most 12 people, and no more than 20 were injured.", []string{
		"at most 12|count|at_most|12|0|12",
		"no more than 20|count|at_most|20|0|20",
	}},
	{"Less than 10 percent of the aid reached the town.", []string{
		"Less than 10|percent|at_most|10|0|10",
	}},
	{"A maximum of 50 people can be evacuated each day.", []string{
		"A maximum of 50|count|at_most|50|0|50",
	}},
	{"Losses were in excess of 2,000 fighters, the ministry said.", []string{
		"in excess of 2,000|count|at_least|2000|2000|-",
	}},
	{"The attack killed well over 100 people and wounded just over 200.", []string{
		"well over 100|count|at_least|100|100|-",
		"just over 200|count|at_least|200|200|-",
	}},
	{"Just under 300 families remain in the village.", []string{
		"Just under 300|count|about|300|270|300",
	}},
	{"Roughly 700 people attended the funeral of the victims.", []string{
		"Roughly 700|count|about|700|630|770",
	}},
	{"The town, home to circa 15,000 people, was emptied by the fighting.", []string{
		"circa 15,000|count|about|15000|13500|16500",
	}},
	{"Almost a dozen civilians were killed in the strikes.", []string{
		"Almost a dozen|count|about|12|10|12",
	}},
	{"More than a dozen rockets slammed into the district.", []string{
		"More than a dozen|count|at_least|12|12|-",
	}},
	{"Over a hundred soldiers were taken captive.", []string{
		"Over a hundred|count|at_least|100|100|-",
	}},
	{"As many as a thousand people may have been buried in the mass grave.", []string{
		"As many as a thousand|count|at_most|1000|0|1000",
	}},
	// Lists, ranges, pronouns and glued units.
	{"Between two and three thousand fighters are believed to be in the city.", []string{
		"Between two and three thousand|count|range|2000|2000|3000",
	}},
	{"Hundreds if not thousands of civilians are still missing.", []string{
		"Hundreds|count|vague|-|100|999",
		"thousands|count|vague|-|1000|9999",
	}},
	{"From 2011 to 2014, the city changed hands four times.", []string{
		"From 2011 to 2014|year|range|2011|2011|2014",
		"four|count|exact|4|4|4",
	}},
	{"The toll reached 1,500,000 displaced by the end of the year.", []string{
		"1,500,000|count|exact|1500000|1500000|1500000",
	}},
	{"The European-style figure 1.500 was misread by the agency.", []string{
		"1.500|other|exact|1|1|1",
	}},
	{"Rescuers counted 12 100 wounded in two hospitals.", []string{
		"12|count|exact|12|12|12",
		"100|count|exact|100|100|100",
		"two|count|exact|2|2|2",
	}},
	{"At least one person was killed and at least one of the guards was wounded.", []string{
		"At least one|count|at_least|1|1|-",
		"at least one|count|at_least|1|1|-",
	}},
	{"He was the one who found the bodies.", nil},
	{"The fighting was one-sided, and the bodies were recovered one by one.", nil},
	{"No-one survived the strike on the bakery.", nil},
	{"The convoy carried 5 kg of medicine per family and 2 tonnes of flour.", []string{
		"5|measure|exact|5|5|5",
		"2|measure|exact|2|2|2",
	}},
	{"The 120mm mortar rounds struck a school 5km away.", []string{
		"120|measure|exact|120|120|120",
		"5|measure|exact|5|5|5",
	}},
	{"Witnesses said the jets circled for 10 minutes before the 30 miles drive to the border.", []string{
		"10|measure|exact|10|10|10",
		"30|measure|exact|30|30|30",
	}},
	{"The army said 1.5 km of tunnels had been found.", []string{
		"1.5|measure|exact|1|1|1",
	}},
	{"The UN counted 4,500 civilian deaths in the first half of the year.", []string{
		"4,500|count|exact|4500|4500|4500",
		"first|ordinal|exact|1|1|1",
	}},
	{"A boy, 9, and his sister, 7, were among the wounded.", []string{
		"9|age|exact|9|9|9",
		"7|age|exact|7|7|7",
	}},
	{"The sixth round of talks opened on Monday, the 2nd day of the truce.", []string{
		"sixth|ordinal|exact|6|6|6",
		"2nd|ordinal|exact|2|2|2",
	}},
	{"Ninety-nine people were killed and a hundred and fifty injured.", []string{
		"Ninety-nine|count|exact|99|99|99",
		"a hundred and fifty|count|exact|150|150|150",
	}},
	{"The raids killed nineteen people and wounded twelve.", []string{
		"nineteen|count|exact|19|19|19",
		"twelve|count|exact|12|12|12",
	}},
	{"The raids killed 19, injured 45 and left 3 missing.", []string{
		"19|count|exact|19|19|19",
		"45|count|exact|45|45|45",
		"3|count|exact|3|3|3",
	}},
	{"The army killed 5 terrorists and destroyed 3 vehicles, SANA said.", []string{
		"5|count|exact|5|5|5",
		"3|count|exact|3|3|3",
	}},
	{"The monitor documented 12,679 deaths under torture from March 2011 to June 2016.", []string{
		"12,679|count|exact|12679|12679|12679",
		"2011|year|exact|2011|2011|2011",
		"2016|year|exact|2016|2016|2016",
	}},
	{"The group claimed it killed 1,900 soldiers in 2016 and 2,100 in 2017.", []string{
		"1,900|count|exact|1900|1900|1900",
		"2016|year|exact|2016|2016|2016",
		"2,100|count|exact|2100|2100|2100",
		"2017|year|exact|2017|2017|2017",
	}},
	{"In September 2015 Russia began its air campaign.", []string{
		"2015|year|exact|2015|2015|2015",
	}},
	{"By 2020 the toll had passed 380,000.", []string{
		"2020|year|exact|2020|2020|2020",
		"380,000|count|exact|380000|380000|380000",
	}},
	{"The council adopted resolutions 2118 and 2254.", []string{
		"2118|identifier|exact|2118|2118|2118",
		"2254|identifier|exact|2254|2254|2254",
	}},
	{"Airstrikes killed 3 people on Sunday 5 March.", []string{
		"3|count|exact|3|3|3",
		"5|date|exact|5|5|5",
	}},
	{"About 10 kilometres south, 20 people were killed.", []string{
		"About 10|measure|about|10|9|11",
		"20|count|exact|20|20|20",
	}},
	{"A six-year-old conflict has left more than 5 million refugees.", []string{
		"six|age|exact|6|6|6",
		"more than 5 million|count|at_least|5000000|5000000|-",
	}},
	{"The 9/11 attacks were cited by the general.", []string{
		"9/11|date|exact|9|9|9",
	}},
	{"Some of the 30 victims were children.", []string{
		"30|count|exact|30|30|30",
	}},
	{"Some 30 of the victims were children.", []string{
		"Some 30|count|about|30|27|33",
	}},
	{"The strike on the camp killed two and wounded a dozen, medics said.", []string{
		"two|count|exact|2|2|2",
		"a dozen|count|exact|12|12|12",
	}},
	{"Only one hospital is still working in the district.", []string{
		"one|count|exact|1|1|1",
	}},
	{"The UN said 13.5 million people need aid in Syria.", []string{
		"13.5 million|count|exact|13500000|13500000|13500000",
	}},
	{"The 3rd Corps and the 4th Armoured Division moved north.", []string{
		"3rd|ordinal|exact|3|3|3",
		"4th|ordinal|exact|4|4|4",
	}},
	{"About a third of the 1,200 residents have left.", []string{
		"third|ordinal|exact|3|3|3",
		"1,200|count|exact|1200|1200|1200",
	}},
	{"The bombardment killed 7 people on 7 July 2016 at 7:15.", []string{
		"7|count|exact|7|7|7",
		"7|date|exact|7|7|7",
		"2016|year|exact|2016|2016|2016",
		"7:15|time|exact|7|7|7",
	}},
	{"The camp hosts 80,000 people in 12,000 tents.", []string{
		"80,000|count|exact|80000|80000|80000",
		"12,000|count|exact|12000|12000|12000",
	}},
	{"Another 6 civilians died of their wounds, raising the toll to 51.", []string{
		"6|count|exact|6|6|6",
		"51|count|exact|51|51|51",
	}},
	{"A 40-strong convoy entered the town with food for 20,000.", []string{
		"40|count|exact|40|40|40",
		"20,000|count|exact|20000|20000|20000",
	}},
	{"Over the past 24 hours, 30 barrel bombs were dropped.", []string{
		"24|measure|exact|24|24|24",
		"30|count|exact|30|30|30",
	}},
	{"The explosion injured 30-40 people and killed 7-8.", []string{
		"30-40|count|range|30|30|40",
		"7-8|count|range|7|7|8",
	}},
	{"A mass grave containing 200-odd bodies was found.", []string{
		"200-odd|count|about|200|180|220",
	}},
	{"A boy and his mother were killed; a third person died in hospital.", []string{
		"third|ordinal|exact|3|3|3",
	}},
	{"Some 2.3 thousand militants were killed in the operation.", []string{
		"Some 2.3 thousand|count|about|2300|2070|2530",
	}},
	{"The second-largest city lost half its population.", []string{
		"second|ordinal|exact|2|2|2",
	}},
	{"One hundred people have been killed.", []string{
		"One hundred|count|exact|100|100|100",
	}},
	// "scores" and "tens" need "of", or a casualty verb before them.
	{"The bombing killed at least 25 soldiers and injured scores.", []string{
		"at least 25|count|at_least|25|25|-",
		"scores|count|vague|-|20|99",
	}},
	{"Students said the test scores were lower this year.", nil},
}

func ptrString(v *int64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprint(*v)
}

func describe(m Mention) string {
	c := m.Count
	return strings.Join([]string{c.Text, m.Kind.String(), string(c.Qualifier), ptrString(c.Value),
		fmt.Sprint(c.Low), ptrString(c.High)}, "|")
}

func TestCorpus(t *testing.T) {
	if len(corpus) < 120 {
		t.Fatalf("corpus has %d rows, want at least 120", len(corpus))
	}
	for _, row := range corpus {
		ms := Find(row.text)
		checkMentions(t, row.text, ms)
		var got []string
		for _, m := range ms {
			got = append(got, describe(m))
		}
		if strings.Join(got, "\n") != strings.Join(row.want, "\n") {
			t.Errorf("Find(%q)\n got: %q\nwant: %q", row.text, got, row.want)
		}
	}
}

// TestCorpusOffsets checks that the corpus rows also hold inside a longer
// text: offsets are relative to the text given to Find.
func TestCorpusOffsets(t *testing.T) {
	var b strings.Builder
	want := 0
	for _, row := range corpus {
		b.WriteString(row.text)
		b.WriteString("\n\n")
		want += len(row.want)
	}
	text := b.String()
	ms := Find(text)
	checkMentions(t, text, ms)
	if len(ms) != want {
		t.Errorf("Find over the joined corpus: %d mentions, want %d", len(ms), want)
	}
}
