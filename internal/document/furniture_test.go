package document

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// furnitureCases are page furniture, credits and date stamps as they occur
// in scraped news text (written for these tests, modelled on the FA-KES
// outlets). gone must be blanked from Norm, kept must survive; credits and
// date are what the document gets. Extend this table together with
// furniture_rules.go.
var furnitureCases = []struct {
	name    string
	title   string
	body    string
	gone    []string
	kept    []string
	credits []string
	date    string
}{
	// Sputnik
	{name: "short URL with zero counters",
		body: "Get short URL 0 0 0 Three soldiers were killed near the airport, the ministry said.",
		gone: []string{"Get short URL", "0 0 0"}, kept: []string{"Three soldiers were killed"}},
	{name: "short URL counters before a figure",
		body: "09.04.2017Get short URL 0 85 12 militants were killed near the dam, local media said.",
		gone: []string{"09.04.2017", "Get short URL 0 85"}, kept: []string{"12 militants were killed"}, date: "2017-04-09"},
	{name: "short URL with topic",
		body: "13.04.2017) Get short URL Topic Battle for the City (61) 112010 The coalition struck a position by mistake, killing 18 fighters.",
		gone: []string{"Get short URL", "Topic Battle for the City (61)", "112010"}, kept: []string{"killing 18 fighters"}, date: "2017-04-13"},
	{name: "updated stamp",
		body: "11.10.2017(updated 1838 11.10.2017) Get short URL 113 At least nine people were killed in two blasts on Wednesday.",
		gone: []string{"(updated 1838 11.10.2017)", "113"}, kept: []string{"At least nine people"}, date: "2017-10-11"},
	{name: "glued date and short URL",
		body: "02.10.2017Get short URL 191 A total of 24 fighters were killed in two operations, media reported.",
		gone: []string{"02.10.2017", "191"}, kept: []string{"A total of 24 fighters"}, date: "2017-10-02"},
	{name: "Moscow dateline",
		body: "Six people were killed in the shelling. MOSCOW (Sputnik) - Six people were killed and ten injured when shells hit the old town.",
		gone: []string{"MOSCOW (Sputnik) -"}, kept: []string{"Six people were killed and ten injured"}, credits: []string{"Sputnik"}},
	{name: "dateline with date",
		body: "A double attack killed 18. MOSCOW October 1 (RIA Novosti) - A double attack killed 18 people including 10 children.",
		gone: []string{"MOSCOW October 1 (RIA Novosti) -"}, credits: []string{"RIA Novosti"}},
	{name: "Sputnik comment footer and related list",
		body: "The army said the town was cleared of militants. ... 85 Related Army Says 40 Militants Killed Near Dam Kurdish Units Advance on Town Tags Daesh Syria Community standardsDiscussion Comment via FacebookComment via Sputnik News",
		gone: []string{"... 85", "Related", "40 Militants Killed", "Tags Daesh", "Community standards"}, kept: []string{"the town was cleared of militants."}},
	{name: "Sputnik topic tail",
		body: "The ministry gave no figure for the wounded. ... 510 Topic Missile Strike on the Air Base (200) Related Putin to Discuss the Strikes Tags missile attacks Community standardsDiscussion Comment via Sputnik News",
		gone: []string{"510", "Topic Missile Strike", "(200)", "Putin to Discuss"}, kept: []string{"no figure for the wounded."}},
	{name: "Sputnik Telegram footer",
		body: "The offensive continued on Sunday. Never miss a story again sign up to our Telegram channel and well keep you up to speed!",
		gone: []string{"Never miss a story", "Telegram"}, kept: []string{"The offensive continued on Sunday."}},
	{name: "photo credit glued to a related headline",
		body: "Five civilians were killed, the agency said. AP Photo Jane Roe Over 20 Militants Killed in Raids on Northern Villages \"We saw the planes\" a resident said.",
		gone: []string{"AP Photo", "Over 20 Militants Killed", "Northern Villages"}, kept: []string{"Five civilians were killed", "\"We saw the planes\""}},
	{name: "Sputnik caption before a sentence",
		body: "The blast hit the market at noon. Sputnik John Doe Explosion in the Capital A local correspondent said that four people died.",
		gone: []string{"Sputnik John Doe", "Explosion in the Capital"}, kept: []string{"A local correspondent said that four people died."}},
	// Wire credits at the end
	{name: "dashed AFP",
		body: "The fighters were killed trying to reopen the road, the monitor said.--AFP",
		gone: []string{"--AFP"}, kept: []string{"the monitor said."}, credits: []string{"AFP"}},
	{name: "glued REUTERS",
		body: "Barazi added in his interview with state TV.-REUTERS",
		gone: []string{"-REUTERS"}, kept: []string{"state TV."}, credits: []string{"Reuters"}},
	{name: "spaced dash AFP",
		body: "Most of the city has returned to government control. - AFP",
		gone: []string{"- AFP"}, credits: []string{"AFP"}},
	{name: "AFP in parentheses",
		body: "The toll was expected to rise. (AFP)",
		gone: []string{"(AFP)"}, kept: []string{"expected to rise."}, credits: []string{"AFP"}},
	{name: "bare Reuters after the last sentence",
		body: "Rescue work went on through the night. Reuters",
		gone: []string{"Reuters"}, kept: []string{"through the night."}, credits: []string{"Reuters"}},
	{name: "TASS and SANA",
		body: "Two shells landed near the school. TASS",
		gone: []string{"TASS"}, credits: []string{"TASS"}},
	{name: "several wires in parentheses",
		body: "Aid deliveries were halted for a second day. (With AP, Reuters and AFP)",
		gone: []string{"(With AP, Reuters and AFP)"}, credits: []string{"AP", "Reuters", "AFP"}},
	{name: "Reuters sign-off",
		body: "The group denied any role in the attack. Reporting by Jane Doe; Editing by John Roe Our Standards:The Thomson Reuters Trust Principles.",
		gone: []string{"Reporting by", "John Roe", "Our Standards"}, kept: []string{"denied any role in the attack."}, credits: []string{"Reuters"}},
	{name: "NNA credit at the start",
		body: "Wed 01 Oct 2014 at 1459 Regional NNA - Twin car bombs killed at least 18 people in the city.",
		gone: []string{"Wed 01 Oct 2014 at 1459", "Regional NNA -"}, kept: []string{"Twin car bombs killed at least 18"}, credits: []string{"NNA"}, date: "2014-10-01"},
	{name: "Damascus SANA dateline",
		body: "DAMASCUS, (SANA) - Three civilians were injured by a mortar shell in Bab Touma.",
		gone: []string{"DAMASCUS, (SANA) -"}, kept: []string{"Three civilians were injured"}, credits: []string{"SANA"}},
	{name: "Beirut Reuters dateline",
		body: "BEIRUT (Reuters) - Air strikes killed 12 people in a market town on Tuesday, a monitor said.",
		gone: []string{"BEIRUT (Reuters) -"}, kept: []string{"Air strikes killed 12"}, credits: []string{"Reuters"}},
	{name: "TRT source line and related news",
		body: "Among those killed were 15 children. Source TRTWorld and agencies Related News Talks stall in the capital | Ten things to know Category News Villagers return to ruins",
		gone: []string{"Source TRTWorld", "Related News", "Villagers return"}, kept: []string{"Among those killed were 15 children."}, credits: []string{"TRT World"}},
	{name: "TRT footer",
		body: "The deal collapsed within a week. A picture is worth a thousand words. Follow us on Instagram. FOLLOW TRTWORLD Subscribe to our Youtube channel. Copyright 2018 TRT World. Terms of Use Privacy Policy Cookie Policy",
		gone: []string{"A picture is worth", "Follow us on Instagram", "Cookie Policy"}, kept: []string{"collapsed within a week."}},
	// Link lists and footers
	{name: "related news at the end",
		body: "The council said 40 families had left. Related News Army retakes hill after 3 days of fighting Convoy reaches besieged town",
		gone: []string{"Related News", "3 days of fighting", "Convoy reaches"}, kept: []string{"40 families had left."}},
	{name: "read also with a colon",
		body: "Schools stayed closed on Monday. Read also: Ten killed in market attack",
		gone: []string{"Read also:", "Ten killed in market attack"}, kept: []string{"Schools stayed closed on Monday."}},
	{name: "also read",
		body: "Nobody claimed the attack. Also read Clashes leave 7 dead near border",
		gone: []string{"Also read", "7 dead"}, kept: []string{"Nobody claimed the attack."}},
	{name: "read also alone",
		body: "Millions have been forced to flee. Read Also",
		gone: []string{"Read Also"}, kept: []string{"Millions have been forced to flee."}},
	{name: "a last sentence starting like a link list stays",
		body: "The council asked for help. Recommended safety measures were ignored.",
		kept: []string{"Recommended safety measures were ignored."}},
	{name: "read also in the middle stays",
		body: "Five people died. Read also the report on the siege. Rescuers worked all night. Officials said the toll could rise.",
		kept: []string{"Read also the report", "Rescuers worked all night.", "could rise."}},
	{name: "share and follow buttons",
		body: "Share on Facebook Share on Twitter A car bomb killed 6 people at a checkpoint. Follow us on Twitter",
		gone: []string{"Share on Facebook", "Share on Twitter", "Follow us on Twitter"}, kept: []string{"A car bomb killed 6 people"}},
	{name: "rights reserved",
		body: "Fighting resumed at dawn. All rights reserved.",
		gone: []string{"All rights reserved"}, kept: []string{"Fighting resumed at dawn."}},
	{name: "subscribe",
		body: "The ceasefire held for two days. Subscribe to our newsletter for daily updates",
		gone: []string{"Subscribe to our newsletter"}, kept: []string{"held for two days."}},
	{name: "copyright line",
		body: "Water supplies were cut. Copyright 2017 Example Media Group",
		gone: []string{"Copyright 2017"}, kept: []string{"Water supplies were cut."}},
	{name: "translation note and trailing also",
		body: "The towns of Arbin and Misraba were hit. This article is an edited translation from our Arabic edition. Also",
		gone: []string{"edited translation", "Also"}, kept: []string{"Arbin and Misraba were hit."}},
	{name: "agencies contributed",
		body: "Talks are due to resume next week. Agencies contributed to this report.",
		gone: []string{"Agencies contributed"}, kept: []string{"resume next week."}},
	// Sign-offs
	{name: "SANA editors",
		body: "The attack caused material damage to houses. Manar al-Frieh/Manal",
		gone: []string{"Manar al-Frieh/Manal"}, kept: []string{"material damage to houses."}},
	{name: "SANA editors with initials",
		body: "A woman was injured by a sniper shot. H. Zain/ R.J/ Ghossoun/H. Said",
		gone: []string{"H. Zain", "Ghossoun", "H. Said"}, kept: []string{"injured by a sniper shot."}},
	{name: "bare author name",
		body: "Material damage was caused to public property. Hazem Sabbagh",
		gone: []string{"Hazem Sabbagh"}, kept: []string{"public property."}},
	{name: "editor codes",
		body: "The group has links to foreign intelligence. MBMB",
		gone: []string{"MBMB"}, kept: []string{"foreign intelligence."}},
	{name: "numeric editor code",
		body: "Clashes continued into the night; FNA reported. 218-11",
		gone: []string{"218-11"}, kept: []string{"FNA reported."}},
	{name: "code with number",
		body: "The campaign was aimed at a separate state. SSH 11",
		gone: []string{"SSH 11"}, kept: []string{"a separate state."}},
	{name: "sources in parentheses and image link",
		body: "Militants have been shelling the city. 12 (Al-Masdar and Sputnik) MoreImage",
		gone: []string{"(Al-Masdar and Sputnik)", "MoreImage", "12"}, kept: []string{"shelling the city."}, credits: []string{"Al-Masdar News", "Sputnik"}},
	{name: "coalition source and Twitter",
		body: "The Coalition called for an immediate halt to the bombing. (Source: Syrian Coalition) Twitter",
		gone: []string{"(Source: Syrian Coalition)", "Twitter"}, kept: []string{"immediate halt to the bombing."}, credits: []string{"Syrian Coalition"}},
	{name: "Al Arabiya update line",
		body: "Some 40 fighters were killed near the border, the ministry said. Last Update: Saturday 7 October 2017 KSA 16:06 - GMT 13:06 3885",
		gone: []string{"Last Update:", "3885"}, kept: []string{"Some 40 fighters were killed"}},
	{name: "graphic content warning",
		body: "Another 15 were captured during the offensive. WARNING GRAPHIC CONTENT",
		gone: []string{"WARNING GRAPHIC CONTENT"}, kept: []string{"15 were captured"}},
	{name: "SANA bulletin",
		body: "Army units destroyed several hideouts. English Bulletin",
		gone: []string{"English Bulletin"}},
	// Date stamps and title repeats
	{name: "NNA stamp and title repeat", title: "Homs governor says strike caused deaths but not big losses",
		body: "Fri 07 Apr 2017 at 0914 Homs governor says strike caused deaths but not big losses. A missile strike on an airbase caused deaths, the governor said.",
		gone: []string{"Fri 07 Apr 2017", "0914", "Homs governor says"}, kept: []string{"A missile strike on an airbase caused deaths"}, date: "2017-04-07"},
	{name: "weekday stamp and title repeat", title: "29 Rebels Dead in Fighting for Key Road",
		body: "Sun 10 Jul 2016 29 Rebels Dead in Fighting for Key Road. At least 29 rebels were killed in clashes overnight.",
		gone: []string{"Sun 10 Jul 2016", "29 Rebels Dead"}, kept: []string{"At least 29 rebels were killed"}, date: "2016-07-10"},
	{name: "Al-Araby publication stamp and video label",
		body: "Date of publication 18 July 2016 Video More than 33 people were killed in bombing on Wednesday.",
		gone: []string{"Date of publication", "18 July 2016", "Video"}, kept: []string{"More than 33 people"}, date: "2016-07-18"},
	{name: "Daily Sabah stamp and share link",
		body: "Published August 13 2016 SEND httpsabahdai.ly912r3U DHA Photo A twin bombing struck a crowd, killing 44.",
		gone: []string{"Published August 13 2016", "SEND", "httpsabahdai", "DHA Photo"}, kept: []string{"A twin bombing struck a crowd"}, date: "2016-08-13"},
	{name: "Asharq byline stamp", title: "Rebels Launch Assault to Relieve Northern Fronts",
		body: "Posted on July 12 2016 by Jane Smith Rebels Launch Assault to Relieve Northern Fronts Beirut- Opposition factions launched a large assault.",
		gone: []string{"Posted on", "Jane Smith", "Rebels Launch Assault"}, kept: []string{"Opposition factions launched"}, date: "2016-07-12"},
	{name: "Jordan Times stamp and dateline",
		body: "Last updated at Apr 232017 BEIRUT An attack on a training camp killed three members of a militia.",
		gone: []string{"Last updated at Apr 232017", "BEIRUT"}, kept: []string{"An attack on a training camp killed three"}, date: "2017-04-23"},
	{name: "Etilaf stamp with time", title: "18 Civilians Killed in Barrel Bomb Attack",
		body: "Wednesday 22 July 2015 22:33 18 Civilians Killed in Barrel Bomb Attack. The regime committed a massacre in the village.",
		gone: []string{"Wednesday 22 July 2015", "22:33", "18 Civilians Killed"}, kept: []string{"The regime committed a massacre"}, date: "2015-07-22"},
	{name: "ISO stamp",
		body: "2017-04-05 A suspected chemical attack killed at least 58 people.",
		gone: []string{"2017-04-05"}, kept: []string{"killed at least 58"}, date: "2017-04-05"},
	{name: "Al-Manar stamp and title label", title: "Army Foils Attack Kills at least 50 Gunmen",
		body: "07-07-2015 title: Army Foils Attack Kills at least 50 Gunmen. The army continued operations on Tuesday.",
		gone: []string{"07-07-2015", "title:", "Army Foils Attack"}, kept: []string{"The army continued operations"}, date: "2015-07-07"},
	{name: "Al-Manar section and time", title: "Army Kills Dozens in Ambush",
		body: "Army Kills Dozens in Ambush Middle East Syria Military 07-08-2013 0147 PM A Syrian army unit killed dozens of fighters in an ambush.",
		gone: []string{"Middle East Syria Military", "07-08-2013", "0147 PM"}, kept: []string{"A Syrian army unit killed dozens"}, date: "2013-08-07"},
	{name: "Ahram title, credit and stamp", title: "Air raids kill 18 civilians in Aleppo Monitor",
		body: "Air raids kill 18 civilians in Aleppo Monitor AFP Saturday 16 Jul 2016 Air raids on rebel-held districts killed 18 civilians on Saturday.",
		gone: []string{"Air raids kill 18 civilians in Aleppo Monitor", "AFP", "Saturday 16 Jul 2016"}, kept: []string{"Air raids on rebel-held districts killed 18"}, credits: []string{"AFP"}, date: "2016-07-16"},
	{name: "Ahram counters", title: "Car bomb kills 20 in eastern town State media",
		body: "Car bomb kills 20 in eastern town State media Reuters Friday 17 Nov 2017 Print Tweet Views 1662 A car bomb killed 20 people and injured 30 others.",
		gone: []string{"Print Tweet Views 1662", "State media Reuters"}, kept: []string{"A car bomb killed 20 people"}, credits: []string{"Reuters"}, date: "2017-11-17"},
	{name: "Ahram related list ending in the title", title: "Double bomb attack kills 31 in Kurdish city state TV",
		body: "Wednesday 27 Jul 2016 Double bomb attack kills 31 in Kurdish city state TV AFP Print Tweet Views 729 Related Group claims attack on town Double bomb attack kills 31 in Kurdish city state TV -A double bomb attack killed 31 people on Wednesday.",
		gone: []string{"Related Group claims", "Print Tweet Views"}, kept: []string{"A double bomb attack killed 31 people"}, credits: []string{"AFP"}, date: "2016-07-27"},
	{name: "Ahram subtitle then credit and stamp", title: "Suicide bomber kills six in restaurant Reports",
		body: "Suicide bomber kills six in restaurant Reports Suicide bombing at graduation party kills six and wounds 19 says monitoring group AFP Friday 23 Aug 2013 A suicide bombing in a restaurant killed six people.",
		gone: []string{"AFP Friday 23 Aug 2013"}, kept: []string{"A suicide bombing in a restaurant killed six"}, credits: []string{"AFP"}, date: "2013-08-23"},
	{name: "title cut in a word", title: "Five killed four injured in attacks in Aleppo Hama Damascus and its Co",
		body: "25 November 2016 Five killed four injured in attacks in Aleppo Hama Damascus and its Countryside. Five citizens were killed in attacks with explosive devices.",
		gone: []string{"Countryside", "Five killed four injured"}, kept: []string{"Five citizens were killed"}, date: "2016-11-25"},
	{name: "long title cut between words", title: "25 civilians killed 80 injured in rocket attacks on Aleppo city during",
		body: "30 April 2016 25 civilians killed 80 injured in rocket attacks on Aleppo city during the past 24 hours. 25 civilians were killed and more than 80 injured.",
		gone: []string{"the past 24 hours"}, kept: []string{"25 civilians were killed and more than 80 injured."}, date: "2016-04-30"},
	{name: "long title not cut", title: "Russia strikes kill 120 fighters over 60 foreign mercenaries in the east",
		body: "Russia strikes kill 120 fighters over 60 foreign mercenaries in the east Moscow AFP Saturday 7 Oct 2017 Russian strikes in Syria hit an underground arsenal, the ministry said.",
		gone: []string{"Moscow AFP", "Saturday 7 Oct 2017"}, kept: []string{"Russian strikes in Syria hit an underground arsenal"}, credits: []string{"AFP"}, date: "2017-10-07"},
	{name: "title only repeated mid-text stays", title: "Aid convoy reaches besieged town",
		body: "The first deliveries in months arrived on Monday. Aid convoy reaches besieged town, the headline said.",
		kept: []string{"The first deliveries", "Aid convoy reaches besieged town"}},
	{name: "two-word title is not matched", title: "Aleppo burns",
		body: "Aleppo burns as fighting spreads to 3 districts.",
		kept: []string{"Aleppo burns"}},
	{name: "Jordan Times title suffix", title: "Strike kills 15 near Raqqa monitor | Jordan Times",
		body: "Strike kills 15 near Raqqa monitor At least 15 civilians were killed in a suspected air strike.",
		gone: []string{"Strike kills 15 near Raqqa monitor"}, kept: []string{"At least 15 civilians"}},
	{name: "Ahram title trail", title: "Car bomb kills six in Homs NGO - Region - World - Ahram Online",
		body: "Car bomb kills six in Homs NGO AFP Monday 17 Mar 2014 Six people were killed and 20 wounded by a car bomb.",
		gone: []string{"Car bomb kills six in Homs NGO", "AFP Monday"}, kept: []string{"Six people were killed and 20 wounded"}, credits: []string{"AFP"}, date: "2014-03-17"},
	{name: "SANA title repeat, stamp and credit", title: "ISIS executes three people in Raqqa",
		body: "ISIS executes three people in Raqqa 8 November 2016 SANA Members of the group executed three persons including two women.",
		gone: []string{"ISIS executes three", "8 November 2016", "SANA"}, kept: []string{"Members of the group executed three persons"}, credits: []string{"SANA"}, date: "2016-11-08"},
	{name: "Reuters byline after title", title: "Obama shifts focus to domestic priorities",
		body: "September 12 2013 Obama shifts focus to domestic priorities. Mark Felsenthal. President Barack Obama said on Thursday he is shifting his focus.",
		gone: []string{"Mark Felsenthal."}, kept: []string{"President Barack Obama said"}, date: "2013-09-12"},
	{name: "byline at the start",
		body: "By John Smith Shelling killed 5 people in the southern district on Sunday.",
		gone: []string{"By John Smith"}, kept: []string{"Shelling killed 5 people"}},
	{name: "capital dateline with dash",
		body: "ALEPPO - Government forces pushed into two more districts, killing 14 fighters.",
		gone: []string{"ALEPPO -"}, kept: []string{"Government forces pushed"}},
	// Embedded media
	{name: "YouTube title",
		body: "Doctors treated dozens for breathing problems. Suspected gas attack kills at least 58 - YouTube Opposition groups demanded an investigation.",
		gone: []string{"Suspected gas attack kills at least 58", "YouTube"}, kept: []string{"Doctors treated dozens", "Opposition groups demanded"}},
	{name: "tweet link",
		body: "Over 30 rockets so far on the capital pic.twitter.com1xzGKUMiYM residents wrote.",
		gone: []string{"pic.twitter.com1xzGKUMiYM"}, kept: []string{"Over 30 rockets so far"}},
	{name: "click to enlarge",
		body: "More than 75 civilians died in a week. (Click to enlarge) The observatory gave the toll.",
		gone: []string{"(Click to enlarge)"}, kept: []string{"More than 75 civilians died"}},
	{name: "photo credits in captions are not credits",
		body: "Residents inspect the damage on July 21 2015. (AFP Photo) At least 18 civilians were killed on Tuesday. A boy is carried to a clinic. (Reuters Photo) Doctors said 4 were in a critical condition.",
		gone: []string{"(AFP Photo)", "(Reuters Photo)"}, kept: []string{"At least 18 civilians were killed", "Doctors said 4"}},
	{name: "photo credit in brackets",
		body: "An airstrike destroyed at least 18 trucks [AFP] Agencies contributed to this report",
		gone: []string{"[AFP]", "Agencies contributed"}, kept: []string{"destroyed at least 18 trucks"}},
	// Plain text that must stay as it is
	{name: "clean article",
		body: "Up to 30 civilians die due to mines every week, the ministry said. It gave no other figures.",
		kept: []string{"Up to 30 civilians die due to mines every week, the ministry said. It gave no other figures."}},
	{name: "a wire named inside the last sentence",
		body: "We hope there are not many victims, he told Reuters by telephone.",
		kept: []string{"he told Reuters by telephone."}},
	{name: "an agency reported in the last sentence",
		body: "The toll rose to 12, the state news agency SANA said.",
		kept: []string{"agency SANA said."}},
	{name: "an event date is not a stamp",
		body: "On August 21 2013 the regime fired rockets filled with sarin, killing at least 1400 civilians.",
		kept: []string{"On August 21 2013"}},
	{name: "a headline in capitals is not a dateline",
		body: "UNICEF says 22 children were killed in the strike on the school.",
		kept: []string{"UNICEF says 22 children"}},
}

func TestFurniture(t *testing.T) {
	if len(furnitureCases) < 50 {
		t.Fatalf("only %d furniture cases", len(furnitureCases))
	}
	rd := &reader{name: "test"}
	for _, tc := range furnitureCases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := rd.build(tc.body, meta{origin: "test", title: tc.title})
			if err != nil {
				t.Fatal(err)
			}
			norm := d.Body.Norm
			for _, g := range tc.gone {
				if strings.Contains(norm, g) {
					t.Errorf("%q not blanked in\n%q", g, norm)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(norm, k) {
					t.Errorf("%q lost from\n%q", k, norm)
				}
			}
			if !slices.Equal(d.Credits, tc.credits) {
				t.Errorf("Credits = %q, want %q", d.Credits, tc.credits)
			}
			if d.Published != tc.date {
				t.Errorf("Published = %q, want %q", d.Published, tc.date)
			}
			if len(norm) != len(d.Body.Raw) && d.Body.cps == nil {
				t.Errorf("Norm and Raw lengths differ without a map")
			}
			checkText(t, Text{Raw: d.Body.Raw, Norm: NewText(d.Body.Raw).Norm, cps: d.Body.cps})
		})
	}
}

func TestCleanTitle(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Strike kills 15 near Raqqa monitor | Jordan Times", "Strike kills 15 near Raqqa monitor"},
		{"Car bomb kills six in Homs NGO - Region - World - Ahram Online", "Car bomb kills six in Homs NGO"},
		{"Mortar fire kills 12 State media - Region - World - Ahram ", "Mortar fire kills 12 State media"},
		{"National News Agency - Blasts in Homs kill 18 most children", "Blasts in Homs kill 18 most children"},
		{"Warplanes pound Idlib leave 22 dead - Daily Sabah", "Warplanes pound Idlib leave 22 dead"},
		{"Up to 30 civilians die every week", "Up to 30 civilians die every week"},
		{"| Jordan Times", "| Jordan Times"}, // nothing else left: keep it
	} {
		txt := NewText(tc.in)
		cleanTitle(&txt)
		if got := strings.TrimSpace(txt.Norm); got != tc.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// tailRestTexts are endings around the limits of the tail rules that end
// in a counted rest ("Follow us on [A-Z][\s\S]{0,1000}"): heads followed
// by about as many runes as the rest allows, ASCII, accented or invalid,
// then white space.
func tailRestTexts() []string {
	heads := []string{"Follow us on Twitter", "Follow us on twitter", "Copyright", "Copyrights", "© 2017", "All rights reserved.",
		"All Rights Reserved", "Subscribe to our newsletter", "Sign up for the ", "Community standards Discussion",
		"Community standards\n\nDiscussion", "Never miss a story again"}
	var out []string
	for _, h := range heads {
		for _, n := range []int{0, 1, 150, 199, 200, 201, 290, 299, 300, 301, 302, 990, 999, 1000, 1001, 1002, 1500} {
			for _, unit := range []string{"a", "é", "\xff", " ", "\u20ac\xe2\x82"} {
				for _, trail := range []string{"", " ", "\n \t"} {
					rest := strings.Repeat(unit, n/len([]rune(unit))+1)[:n]
					out = append(out, "The toll rose to 12. "+h+rest+trail)
					out = append(out, h+" "+h+rest+trail)
				}
			}
		}
	}
	return out
}

// TestTailRest checks that matching a tail rule as its head and a count
// finds what its whole pattern does.
func TestTailRest(t *testing.T) {
	texts := tailRestTexts()
	for _, tc := range furnitureCases {
		texts = append(texts, tc.body)
	}
	split := 0
	for _, r := range furnitureRuleSet().tail {
		r.compile()
		if r.head == nil {
			continue
		}
		split++
		for _, text := range texts {
			checkTailRest(t, r, []byte(text))
		}
	}
	if split < 5 {
		t.Errorf("only %d tail rules matched as head and count", split)
	}
}

func checkTailRest(t *testing.T, r *compiledRule, w []byte) {
	t.Helper()
	got, want := r.matchTail(w), r.re.FindSubmatchIndex(w)
	if !slices.Equal(got, want) {
		t.Errorf("%s on %q: got %v, want %v", r.Name, w, got, want)
	}
}

func FuzzTailRest(f *testing.F) {
	for _, text := range tailRestTexts() {
		if len(text) < 400 {
			f.Add([]byte(text))
		}
	}
	f.Fuzz(func(t *testing.T, w []byte) {
		for _, r := range furnitureRuleSet().tail {
			r.compile()
			if r.head != nil {
				checkTailRest(t, r, w)
			}
		}
	})
}

// TestAnywhereFromStart checks that searching an anywhere rule from its
// first possible start finds what a search of the whole text does.
func TestAnywhereFromStart(t *testing.T) {
	texts := []string{"xAFP Saturday 16 Jul 2016", "éAFP Saturday 16 Jul 2016", "\xe2\x82AFP Saturday 16 Jul 2016",
		"AP AFP Saturday 16 Jul 2016 and Reuters Friday 17 Nov 2017", "_AP Monday 17 Mar 2014"}
	for _, tc := range furnitureCases {
		texts = append(texts, tc.body, "Xx"+tc.body, "\u00e9"+tc.body)
	}
	from := 0
	for _, r := range furnitureRuleSet().anywhere {
		r.compile()
		if r.fromStart {
			from++
		}
		for _, text := range texts {
			checkFromStart(t, r, []byte(text))
		}
	}
	if from < 5 {
		t.Errorf("only %d anywhere rules searched from their first start", from)
	}
}

func checkFromStart(t *testing.T, r *compiledRule, b []byte) {
	t.Helper()
	got, want := r.findAll(b), r.re.FindAllSubmatchIndex(b, -1)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("%s on %q: got %v, want %v", r.Name, b, got, want)
	}
}

func FuzzAnywhereFromStart(f *testing.F) {
	for _, tc := range furnitureCases {
		f.Add([]byte(tc.body))
	}
	f.Add([]byte("\xe2\x82AFP Saturday 16 Jul 2016"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, r := range furnitureRuleSet().anywhere {
			r.compile()
			checkFromStart(t, r, b)
		}
	})
}

// TestFoldFastPaths checks the ASCII paths of foldWord, foldCompare and
// isWordByte against their definitions.
func TestFoldFastPaths(t *testing.T) {
	bodyWords := []string{"", "Homs", "HOMS", "homs", "Homs'", "'", "don't", "DON'T", "Governor's", "1935", "A1b2",
		"Aleppo", "Alep", "ÉTAT", "état", "Ünïcode's", "x\xffy", "İstanbul", "Kelvin\u212a"}
	titleWords := []string{"", "homs", "hom", "dont", "governors", "1935", "a1b2", "aleppo", "alep", "état", "ünïcodes", "istanbul", "i̇stanbul"}
	for _, b := range bodyWords {
		old := strings.ToLower(strings.ReplaceAll(b, "'", ""))
		if got := foldWord([]byte(b)); got != old {
			t.Errorf("foldWord(%q) = %q, want %q", b, got, old)
		}
		for _, w := range titleWords {
			eq, pre := foldCompare([]byte(b), w)
			if eq != (old == w) || pre != strings.HasPrefix(old, w) {
				t.Errorf("foldCompare(%q, %q) = %v, %v; want %v, %v", b, w, eq, pre, old == w, strings.HasPrefix(old, w))
			}
		}
	}
	for c := range 256 {
		b := []byte{byte(c), 'a'}
		r, _ := utf8.DecodeRune(b)
		if got, want := isWordByte(b, 0), r == '\'' || unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Errorf("isWordByte(%q) = %v, want %v", b, got, want)
		}
	}
}
