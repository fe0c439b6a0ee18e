package timex

import (
	"strings"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

// want is one expected expression: its text (found in the sentence after
// the previous one) and either a period or a rate.
type want struct {
	text       string
	start, end string
	prec       claim.Precision
	rate       string
}

func per(text, start, end string, prec claim.Precision) want {
	return want{text: text, start: start, end: end, prec: prec}
}

func rate(text, r string) want { return want{text: text, rate: r} }

const (
	day   = claim.Day
	week  = claim.Week
	month = claim.Month
	year  = claim.Year
)

// corpus holds sentences in the style of war news, written for this test,
// each with a publication date ("" for unknown) and every expression Find
// must return, in order. Publication weekdays: 2018-04-07 Sat, 2017-04-04
// Tue, 2016-10-27 Thu, 2015-07-20 Mon, 2016-02-29 Mon, 2017-01-03 Tue,
// 2014-12-31 Wed, 2016-03-15 Tue.
var corpus = []struct {
	pub  string
	text string
	want []want
}{
	// The seed article's expressions.
	{"2018-04-07", "From October 2017 to March 2018, at least 1,200 civilians were killed in Eastern Ghouta, the monitor said.",
		[]want{per("From October 2017 to March 2018", "2017-10-01", "2018-03-31", month)}},
	{"2018-04-07", "Air strikes in recent days have killed dozens of people in Douma.",
		[]want{per("in recent days", "2018-03-31", "2018-04-07", week)}},
	{"2018-04-07", "More than 350,000 people have been killed since 2014, according to the group.",
		[]want{per("since 2014", "2014-01-01", "2018-04-07", year)}},
	{"2018-04-07", "Rescue workers say about 30 people are being killed every week in the enclave.",
		[]want{rate("every week", claim.RateWeek)}},

	// Weekdays and day words.
	{"2018-04-07", "On Sunday, a car bomb killed 12 people in Afrin.",
		[]want{per("On Sunday", "2018-04-01", "2018-04-01", day)}},
	{"2018-04-07", "Forty fighters died in the clashes, a monitor said Sunday.",
		[]want{per("Sunday", "2018-04-01", "2018-04-01", day)}},
	{"2018-04-07", "Shelling killed five civilians yesterday and wounded 20 others today.",
		[]want{per("yesterday", "2018-04-06", "2018-04-06", day), per("today", "2018-04-07", "2018-04-07", day)}},
	{"2018-04-07", "At least 17 people were killed overnight in government bombardment.",
		[]want{per("overnight", "2018-04-06", "2018-04-07", day)}},
	{"2018-04-07", "At least 45 people were killed this morning in a market.",
		[]want{per("this morning", "2018-04-07", "2018-04-07", day)}},
	{"2018-04-07", "Russian jets struck the town tonight, residents said.",
		[]want{per("tonight", "2018-04-07", "2018-04-07", day)}},
	{"2018-04-07", "The attack killed 9 people the day before yesterday.",
		[]want{per("the day before yesterday", "2018-04-05", "2018-04-05", day)}},
	{"2018-04-07", "Shelling resumed late on Friday, killing four.",
		[]want{per("late on Friday", "2018-04-06", "2018-04-06", day)}},
	{"2018-04-07", "Twelve people were killed in the early hours of Sunday.",
		[]want{per("in the early hours of Sunday", "2018-04-01", "2018-04-01", day)}},
	{"2018-04-07", "Aid workers said 200 families had arrived since yesterday.",
		[]want{per("since yesterday", "2018-04-06", "2018-04-07", day)}},
	{"2018-04-07", "Russia Today reported 15 dead in the strike.", nil},
	{"2017-04-04", "A suspected chemical attack on Tuesday killed at least 58 people in Khan Sheikhoun.",
		[]want{per("on Tuesday", "2017-04-04", "2017-04-04", day)}},
	{"2017-04-04", "Last Tuesday, an air strike hit a hospital in the town.",
		[]want{per("Last Tuesday", "2017-03-28", "2017-03-28", day)}},
	{"2017-04-04", "Rebels captured the village on Saturday and lost it on Monday.",
		[]want{per("on Saturday", "2017-04-01", "2017-04-01", day), per("on Monday", "2017-04-03", "2017-04-03", day)}},
	{"2017-04-04", "Earlier today, rescue workers found 11 bodies under the rubble.",
		[]want{per("Earlier today", "2017-04-04", "2017-04-04", day)}},
	{"2017-04-04", "Mortar fire killed 6 people yesterday morning in the old city.",
		[]want{per("yesterday morning", "2017-04-03", "2017-04-03", day)}},
	{"2017-04-04", "Clashes have killed 100 fighters on both sides since Sunday.",
		[]want{per("since Sunday", "2017-04-02", "2017-04-04", day)}},
	{"2017-04-04", "On Sunday, March 5, shelling killed eight people in Douma.",
		[]want{per("On Sunday, March 5", "2017-03-05", "2017-03-05", day)}},
	{"2016-10-27", "Air strikes on a school in Idlib on Wednesday killed 22 children.",
		[]want{per("on Wednesday", "2016-10-26", "2016-10-26", day)}},
	{"2016-10-27", "Government forces retook the area last Friday after heavy fighting.",
		[]want{per("last Friday", "2016-10-21", "2016-10-21", day)}},
	{"2016-10-27", "The ten-year-old boy was killed on Thursday near his school.",
		[]want{per("on Thursday", "2016-10-27", "2016-10-27", day)}},
	{"2015-07-20", "Barrel bombs killed 18 people on Sunday in Aleppo.",
		[]want{per("on Sunday", "2015-07-19", "2015-07-19", day)}},
	{"2015-07-20", "Nine people were killed on Monday, activists said.",
		[]want{per("on Monday", "2015-07-20", "2015-07-20", day)}},
	{"2015-07-20", "Dozens died overnight Sunday in the bombardment of Zabadani.",
		[]want{per("overnight Sunday", "2015-07-19", "2015-07-20", day)}},
	{"2015-07-20", "Over the weekend, 30 civilians died in air raids on Zabadani.",
		[]want{per("Over the weekend", "2015-07-18", "2015-07-19", day)}},
	{"2015-07-20", "Last weekend, jets struck the market twice.",
		[]want{per("Last weekend", "2015-07-18", "2015-07-19", day)}},
	{"2016-02-29", "Fighting stopped at the weekend, the monitor said.",
		[]want{per("at the weekend", "2016-02-27", "2016-02-28", day)}},
	{"2016-10-27", "The UN will meet next Sunday to discuss the 40 deaths.", nil},
	{"2016-10-27", "Talks are set to take place in Lausanne this Saturday.", nil},

	// Calendar weeks, months and years relative to publication.
	{"2018-04-07", "Last week, the coalition said its strikes had killed 14 civilians.",
		[]want{per("Last week", "2018-03-26", "2018-04-01", week)}},
	{"2018-04-07", "The monitor documented 80 deaths earlier this week.",
		[]want{per("earlier this week", "2018-04-02", "2018-04-07", week)}},
	{"2018-04-07", "Some 4,000 families have fled this week alone.",
		[]want{per("this week", "2018-04-02", "2018-04-07", week)}},
	{"2018-04-07", "Last month, 1,700 civilians were killed across the country, the highest toll in two years.",
		[]want{per("Last month", "2018-03-01", "2018-03-31", month)}},
	{"2018-04-07", "The death toll this month has reached 230.",
		[]want{per("this month", "2018-04-01", "2018-04-07", month)}},
	{"2018-04-07", "Last year, the coalition acknowledged 800 civilian deaths.",
		[]want{per("Last year", "2017-01-01", "2017-12-31", year)}},
	{"2018-04-07", "This year alone, 1,000 people have been killed by mines.",
		[]want{per("This year", "2018-01-01", "2018-04-07", year)}},
	{"2017-04-04", "Some 20,000 people fled last month alone.",
		[]want{per("last month", "2017-03-01", "2017-03-31", month)}},
	{"2016-10-27", "Earlier this month, a strike on a funeral killed 20 mourners.",
		[]want{per("Earlier this month", "2016-10-01", "2016-10-27", month)}},
	{"2015-07-20", "At least 57 civilians were killed this week and last week.",
		[]want{per("this week", "2015-07-20", "2015-07-20", week), per("last week", "2015-07-13", "2015-07-19", week)}},
	{"2017-01-03", "Last year was the deadliest for children, UNICEF said.",
		[]want{per("Last year", "2016-01-01", "2016-12-31", year)}},
	{"2016-09-20", "Violence slowly escalated late last week, culminating at the weekend.",
		[]want{per("late last week", "2016-09-12", "2016-09-18", week), per("at the weekend", "2016-09-17", "2016-09-18", day)}},
	{"2016-10-27", "The council will vote next week on the report.", nil},

	// Rolling periods ending at publication.
	{"2018-04-07", "Over the past 24 hours, 11 people were killed in Idlib province.",
		[]want{per("Over the past 24 hours", "2018-04-06", "2018-04-07", day)}},
	{"2018-04-07", "In the past 48 hours at least 70 people died.",
		[]want{per("In the past 48 hours", "2018-04-05", "2018-04-07", day)}},
	{"2018-04-07", "Some 2,500 people have been displaced in the last two weeks.",
		[]want{per("in the last two weeks", "2018-03-24", "2018-04-07", week)}},
	{"2018-04-07", "Over the past three months, the UN recorded 600 civilian deaths.",
		[]want{per("Over the past three months", "2018-01-07", "2018-04-07", month)}},
	{"2018-04-07", "Residents said dozens were wounded in the past few days.",
		[]want{per("in the past few days", "2018-03-31", "2018-04-07", week)}},
	{"2017-04-04", "Air raids on Idlib killed 70 people in the past week.",
		[]want{per("in the past week", "2017-03-28", "2017-04-04", week)}},
	{"2017-04-04", "The bombing campaign intensified in recent weeks.",
		[]want{per("in recent weeks", "2017-03-04", "2017-04-04", month)}},
	{"2017-04-04", "About 200 people died in recent months in the besieged towns.",
		[]want{per("in recent months", "2016-10-04", "2017-04-04", month)}},
	{"2016-10-27", "The coalition said it killed 300 militants in the last 24 hours.",
		[]want{per("in the last 24 hours", "2016-10-26", "2016-10-27", day)}},
	{"2016-10-27", "Over the past five years, more than 300,000 people have been killed.",
		[]want{per("Over the past five years", "2011-10-27", "2016-10-27", year)}},
	{"2016-10-27", "The number of displaced rose to 30,000 in the past month.",
		[]want{per("in the past month", "2016-09-27", "2016-10-27", month)}},
	{"2016-10-27", "Eleven civilians were killed over the past couple of days.",
		[]want{per("over the past couple of days", "2016-10-25", "2016-10-27", day)}},
	{"2016-08-03", "Clashes have killed thousands in the war that has been going on for the last five years.",
		[]want{per("for the last five years", "2011-08-03", "2016-08-03", year)}},
	{"2015-02-22", "Some 700 people died in areas under army siege in the past year.",
		[]want{per("in the past year", "2014-02-22", "2015-02-22", year)}},
	{"2016-10-27", "He said the toll would rise in the coming days.", nil},

	// N units ago.
	{"2018-04-07", "The hospital was hit 10 days ago, killing three nurses.",
		[]want{per("10 days ago", "2018-03-28", "2018-03-28", day)}},
	{"2018-04-07", "Two weeks ago, an air raid on a market killed 37 people.",
		[]want{per("Two weeks ago", "2018-03-19", "2018-03-25", week)}},
	{"2018-04-07", "A few days ago, a shell hit the school and killed two pupils.",
		[]want{per("A few days ago", "2018-03-31", "2018-04-05", week)}},
	{"2017-04-04", "Two days ago, 20 soldiers died in an ambush.",
		[]want{per("Two days ago", "2017-04-02", "2017-04-02", day)}},
	{"2017-04-04", "A year ago, the same hospital was hit by barrel bombs.",
		[]want{per("A year ago", "2016-01-01", "2016-12-31", year)}},
	{"2017-04-04", "Three months ago, the town fell to rebels.",
		[]want{per("Three months ago", "2017-01-01", "2017-01-31", month)}},
	{"2016-10-27", "Six people died when shells hit the town a week ago.",
		[]want{per("a week ago", "2016-10-17", "2016-10-23", week)}},
	{"2016-03-15", "More than 4.8 million Syrians have fled since the war started five years ago.",
		[]want{per("five years ago", "2011-01-01", "2011-12-31", year)}},

	// Events relative to another event, and vague times: nothing.
	{"2018-04-07", "Two days later, rescuers pulled 10 more bodies from the rubble.", nil},
	{"2018-04-07", "A day after the attack, officials said 25 people had died.", nil},
	{"2018-04-07", "Activists recently reported that 9 children were killed.", nil},
	{"2018-04-07", "A year later, the town was still in ruins.", nil},
	{"2018-04-07", "One day the shelling stopped and people came out.", nil},
	{"2018-04-07", "Since the start of the war, 12 million people have fled their homes.", nil},
	{"2018-04-07", "The previous day, 14 people had been killed in the same village.", nil},

	// Rates.
	{"2018-04-07", "Clashes killed 30 fighters a week on average during the siege.",
		[]want{rate("a week", claim.RateWeek)}},
	{"2018-04-07", "Mines kill or maim dozens of people a month in the province.",
		[]want{rate("a month", claim.RateMonth)}},
	{"2018-04-07", "About 50 people die daily in the camps, aid groups said.",
		[]want{rate("daily", claim.RateDay)}},
	{"2018-04-07", "Air strikes kill civilians every day, one doctor said.",
		[]want{rate("every day", claim.RateDay)}},
	{"2018-04-07", "The UN estimates 6,000 people are displaced per day.",
		[]want{rate("per day", claim.RateDay)}},
	{"2018-04-07", "About 100,000 people a year fled the fighting.",
		[]want{rate("a year", claim.RateYear)}},
	{"2018-04-07", "The agency said it provides food to 4 million people each month.",
		[]want{rate("each month", claim.RateMonth)}},
	{"2018-04-07", "Aid convoys reach the town only once a month.",
		[]want{rate("a month", claim.RateMonth)}},
	{"2018-04-07", "Some 20 people died annually from unexploded ordnance before the war.",
		[]want{rate("annually", claim.RateYear)}},
	{"2018-04-07", "They receive 2 meals a day, if they are lucky.",
		[]want{rate("a day", claim.RateDay)}},
	{"2018-04-07", "Every single day, children are killed here.",
		[]want{rate("Every single day", claim.RateDay)}},
	{"2016-10-27", "About 15 people are killed every day in Aleppo, a doctor said.",
		[]want{rate("every day", claim.RateDay)}},
	{"2016-10-27", "The monitor put the daily death toll at 40 and said 300 people are wounded weekly.",
		[]want{rate("daily", claim.RateDay), rate("weekly", claim.RateWeek)}},
	{"2016-10-27", "Violations are committed by regime forces on a daily basis.",
		[]want{rate("daily", claim.RateDay)}},
	{"2016-10-27", "Some 120 families arrive every 24 hours at the border.",
		[]want{rate("every 24 hours", claim.RateDay)}},
	{"2016-10-27", "The camp takes in 3,000 people per week and 12,000 per month.",
		[]want{rate("per week", claim.RateWeek), rate("per month", claim.RateMonth)}},
	{"2016-10-27", "Clashes kill about 10 fighters each week, 500 per year.",
		[]want{rate("each week", claim.RateWeek), rate("per year", claim.RateYear)}},

	// Not rates.
	{"2018-04-07", "The group publishes a weekly tally of casualties.", nil},
	{"2018-04-07", "The daily Al-Watan reported that 14 soldiers died.", nil},
	{"2018-04-07", "Daily life in the city has collapsed.", nil},
	{"2018-04-07", "He was killed in a day of heavy fighting.", nil},
	{"2018-04-07", "The siege has lasted for more than a year.", nil},
	{"2018-04-07", "The town was besieged for a month before it fell.", nil},
	{"2018-04-07", "It took less than a week for 2 brigades to advance.", nil},
	{"2018-04-07", "A week of clashes left 40 dead.", nil},
	{"2018-04-07", "The 10-day truce collapsed within a day.", nil},
	{"2018-04-07", "A 3-year-old girl and a day-old baby were among the 6 dead.", nil},
	{"2016-09-24", "Assad declared the end of the week-long cease-fire.", nil},

	// Months, days and years as written.
	{"2018-04-07", "In March, the army retook the town.",
		[]want{per("In March", "2018-03-01", "2018-03-31", month)}},
	{"2018-04-07", "In May, rebels captured the crossing.",
		[]want{per("In May", "2017-05-01", "2017-05-31", month)}},
	{"2018-04-07", "They may be killed if they stay, the UN warned.", nil},
	{"2018-04-07", "May God have mercy on the 12 victims.", nil},
	{"2018-04-07", "A truce was agreed at May talks in Astana.", nil},
	{"2018-04-07", "The march on the city began before dawn.", nil},
	{"2018-04-07", "The massacre took place on 5 March 2017 in Hama.",
		[]want{per("on 5 March 2017", "2017-03-05", "2017-03-05", day)}},
	{"2018-04-07", "Barrel bombs fell on the town on March 5, killing 9.",
		[]want{per("on March 5", "2018-03-05", "2018-03-05", day)}},
	{"2018-04-07", "In April 2017, a sarin attack killed 83 people.",
		[]want{per("In April 2017", "2017-04-01", "2017-04-30", month)}},
	{"2018-04-07", "The attack happened on April 10 and killed 4.",
		[]want{per("on April 10", "2017-04-10", "2017-04-10", day)}},
	{"2018-04-07", "The strike on March 5, 2017 killed 16 people.",
		[]want{per("on March 5, 2017", "2017-03-05", "2017-03-05", day)}},
	{"2018-04-07", "Sun 10 Jul 2016 Air strikes kill 25 civilians",
		[]want{per("Sun 10 Jul 2016", "2016-07-10", "2016-07-10", day)}},
	{"2018-04-07", "(updated 1935 05.10.2017) At least 12 people were killed",
		[]want{per("05.10.2017", "2017-10-05", "2017-10-05", day)}},
	{"2018-04-07", "Fri 07 Apr 2017 at 0914 Homs governor says the strike caused deaths",
		[]want{per("Fri 07 Apr 2017", "2017-04-07", "2017-04-07", day)}},
	{"2018-04-07", "The statement was dated 2018-04-05 and listed 43 victims.",
		[]want{per("2018-04-05", "2018-04-05", "2018-04-05", day)}},
	{"2018-04-07", "At 1935 the sirens sounded and 3 people died.", nil},
	{"2017-04-09", "Last updated at Apr 092017 At least 15 civilians were killed",
		[]want{per("Apr 092017", "2017-04-09", "2017-04-09", day)}},
	{"2018-04-07", "In 2014, the group seized Raqqa and killed hundreds.",
		[]want{per("In 2014", "2014-01-01", "2014-12-31", year)}},
	{"2018-04-07", "Four people died on the 5th of March when a shell hit.",
		[]want{per("on the 5th of March", "2018-03-05", "2018-03-05", day)}},
	{"2018-04-07", "On Jan. 5, 2017, 20 prisoners were executed.",
		[]want{per("On Jan. 5, 2017", "2017-01-05", "2017-01-05", day)}},
	{"2018-04-07", "Mar Elias church was hit and Jan Egeland called for a truce.", nil},
	{"2017-04-04", "In December, the army retook eastern Aleppo.",
		[]want{per("In December", "2016-12-01", "2016-12-31", month)}},
	{"2017-04-04", "In December 2016, 35,000 people were evacuated from Aleppo.",
		[]want{per("In December 2016", "2016-12-01", "2016-12-31", month)}},
	{"2017-04-04", "The group said 320,000 people have died since the conflict began in March 2011.",
		[]want{per("in March 2011", "2011-03-01", "2011-03-31", month)}},
	{"2017-04-04", "The truce, agreed on December 30, has largely held.",
		[]want{per("on December 30", "2016-12-30", "2016-12-30", day)}},
	{"2017-04-04", "The town was hit on the night of March 30, killing four.",
		[]want{per("on the night of March 30", "2017-03-30", "2017-03-30", day)}},
	{"2016-10-27", "The UN said 250,000 people were trapped as of October 20.",
		[]want{per("October 20", "2016-10-20", "2016-10-20", day)}},
	{"2016-10-27", "Russia began its air campaign in September 2015.",
		[]want{per("in September 2015", "2015-09-01", "2015-09-30", month)}},
	{"2016-10-27", "The offensive that began on 22 September has killed hundreds.",
		[]want{per("on 22 September", "2016-09-22", "2016-09-22", day)}},
	{"2016-10-27", "The siege was broken in August but reimposed in September.",
		[]want{per("in August", "2016-08-01", "2016-08-31", month), per("in September", "2016-09-01", "2016-09-30", month)}},
	{"2016-10-27", "In 2015 and 2016, more than 100 hospitals were hit.",
		[]want{per("In 2015", "2015-01-01", "2015-12-31", year), per("2016", "2016-01-01", "2016-12-31", year)}},
	{"2016-10-27", "Wednesday 30 November 2016 Coalition letter to the UN",
		[]want{per("Wednesday 30 November 2016", "2016-11-30", "2016-11-30", day)}},
	{"2015-07-20", "Jisr al-Shughour fell to rebels in April.",
		[]want{per("in April", "2015-04-01", "2015-04-30", month)}},
	{"2017-01-03", "In December, the army took full control of Aleppo.",
		[]want{per("In December", "2016-12-01", "2016-12-31", month)}},
	{"2017-01-03", "The ceasefire began on December 30 and 4 people died.",
		[]want{per("on December 30", "2016-12-30", "2016-12-30", day)}},
	{"2017-01-03", "In the last days of December, 40 people died.",
		[]want{per("December", "2016-12-01", "2016-12-31", month)}},
	{"2016-02-29", "The truce took effect on February 27.",
		[]want{per("on February 27", "2016-02-27", "2016-02-27", day)}},
	{"2016-02-29", "Nine people were killed on February 29, 2012.",
		[]want{per("on February 29, 2012", "2012-02-29", "2012-02-29", day)}},
	{"2015-02-28", "The sheikh announced the February 31 deadline.", nil},
	{"2014-12-31", "The year 2014 was the deadliest of the war.",
		[]want{per("2014", "2014-01-01", "2014-12-31", year)}},
	{"2016-10-27", "The Golan was seized in the Six-Day War of 1967.",
		[]want{per("1967", "1967-01-01", "1967-12-31", year)}},
	{"2018-04-07", "More than 2000 people fled in 24 hours.", nil},

	// Ranges.
	{"2018-04-07", "Between January and March, 1,100 people were killed in Afrin.",
		[]want{per("Between January and March", "2018-01-01", "2018-03-31", month)}},
	{"2018-04-07", "From 1 to 5 March, 400 civilians died in Ghouta.",
		[]want{per("From 1 to 5 March", "2018-03-01", "2018-03-05", day)}},
	{"2018-04-07", "The group counted 3,000 deaths in October-December 2017.",
		[]want{per("in October-December 2017", "2017-10-01", "2017-12-31", month)}},
	{"2018-04-07", "The report covered the period between 2011 and 2015.",
		[]want{per("between 2011 and 2015", "2011-01-01", "2015-12-31", year)}},
	{"2017-04-04", "Attacks spiked between March 1 and March 15.",
		[]want{per("between March 1 and March 15", "2017-03-01", "2017-03-15", day)}},
	{"2017-04-04", "Shelling on March 1-5 killed 40 people.",
		[]want{per("on March 1-5", "2017-03-01", "2017-03-05", day)}},
	{"2017-01-03", "Between November and January, 2,000 people were killed.",
		[]want{per("Between November and January", "2016-11-01", "2017-01-31", month)}},
	{"2016-06-05", "The report said 12,679 people died of torture from March 2011 to June 2016.",
		[]want{per("from March 2011 to June 2016", "2011-03-01", "2016-06-30", month)}},
	{"2016-06-05", "Photos taken between May 2011 and August 2013 show 6,786 bodies.",
		[]want{per("between May 2011 and August 2013", "2011-05-01", "2013-08-31", month)}},
	{"2016-10-27", "The group has documented 1,500 deaths from 2014 to date.",
		[]want{per("from 2014 to date", "2014-01-01", "2016-10-27", year)}},
	{"2016-10-27", "Prices rose from 50 in 2014 to 100 in 2015.",
		[]want{per("in 2014", "2014-01-01", "2014-12-31", year), per("in 2015", "2015-01-01", "2015-12-31", year)}},

	{"2018-04-07", "From Friday to Sunday, 40 people died in Douma.",
		[]want{per("From Friday to Sunday", "2018-03-30", "2018-04-01", day)}},
	{"2018-04-07", "On 22-23 March, 40 people died in Afrin.",
		[]want{per("On 22-23 March", "2018-03-22", "2018-03-23", day)}},
	{"2018-04-07", "Between 22 and 25 March, 12 people were killed.",
		[]want{per("Between 22 and 25 March", "2018-03-22", "2018-03-25", day)}},
	{"2018-04-07", "In the first half of 2017, 3,000 civilians were killed by coalition strikes.",
		[]want{per("In the first half of 2017", "2017-01-01", "2017-06-30", month)}},
	{"2018-04-07", "Deaths fell in the last quarter of last year.",
		[]want{per("in the last quarter of last year", "2017-10-01", "2017-12-31", month)}},
	{"2018-04-07", "In the first three months of 2018, 1,000 children died.",
		[]want{per("In the first three months of 2018", "2018-01-01", "2018-03-31", month)}},
	{"2018-04-07", "Some 300 people were killed in the first 10 days of March.",
		[]want{per("in the first 10 days of March", "2018-03-01", "2018-03-10", day)}},
	{"2016-10-27", "In this Oct. 11 2016 file photo, rescuers search the rubble.",
		[]want{per("Oct. 11 2016", "2016-10-11", "2016-10-11", day)}},
	{"2016-10-27", "In mid-2016 alone, 400 people were killed in the province.",
		[]want{per("In mid-2016", "2016-05-01", "2016-08-31", month)}},
	{"2016-10-27", "Clashes on the second day of Eid killed 7 people.", nil},

	// Since.
	{"2018-04-07", "Since October, the besieged enclave has received no aid.",
		[]want{per("Since October", "2017-10-01", "2018-04-07", month)}},
	{"2018-04-07", "Since the beginning of the year, 190 children have been killed.",
		[]want{per("Since the beginning of the year", "2018-01-01", "2018-04-07", year)}},
	{"2018-04-07", "More than 500,000 have died since March 2011.",
		[]want{per("since March 2011", "2011-03-01", "2018-04-07", month)}},
	{"2017-04-04", "The Syrian army has besieged the area since 2012.",
		[]want{per("since 2012", "2012-01-01", "2017-04-04", year)}},
	{"2016-10-27", "At least 400 civilians have been killed in eastern Aleppo since late September.",
		[]want{per("since late September", "2016-09-21", "2016-10-27", week)}},
	{"2016-10-27", "Aleppo has been divided since mid-2012.",
		[]want{per("since mid-2012", "2012-05-01", "2016-10-27", month)}},
	{"2014-08-05", "IS has been fighting rival opposition fighters since early January.",
		[]want{per("since early January", "2014-01-01", "2014-08-05", week)}},
	{"2015-07-20", "The town has been held by Nusra Front since 2012.",
		[]want{per("since 2012", "2012-01-01", "2015-07-20", year)}},
	{"2016-09-24", "Since Sept. 19, when the truce collapsed, 200 people died.",
		[]want{per("Since Sept. 19", "2016-09-19", "2016-09-24", day)}},
	{"2017-10-01", "The Baath regime, in power since 1963, responded with force.",
		[]want{per("since 1963", "1963-01-01", "2017-10-01", year)}},
	{"2016-07-08", "The country was hit by violent unrest since mid-March 2011.",
		[]want{per("since mid-March 2011", "2011-03-11", "2016-07-08", week)}},

	// Parts, seasons and boundaries.
	{"2018-04-07", "Tens of thousands fled in late 2016 as the army advanced.",
		[]want{per("in late 2016", "2016-09-01", "2016-12-31", month)}},
	{"2018-04-07", "The offensive began in mid-March with heavy bombardment.",
		[]want{per("in mid-March", "2018-03-11", "2018-03-20", week)}},
	{"2018-04-07", "Some 400 people were killed in the first week of March.",
		[]want{per("in the first week of March", "2018-03-01", "2018-03-07", week)}},
	{"2018-04-07", "Fighting escalated at the end of last year.",
		[]want{per("at the end of last year", "2017-09-01", "2017-12-31", month)}},
	{"2018-04-07", "The siege, imposed in the summer of 2013, has killed hundreds.",
		[]want{per("in the summer of 2013", "2013-06-01", "2013-08-31", month)}},
	{"2016-10-27", "In early October, shelling killed 12 people in a market.",
		[]want{per("In early October", "2016-10-01", "2016-10-10", week)}},
	{"2016-08-10", "Fighting for the city has intensified this summer.",
		[]want{per("this summer", "2016-06-01", "2016-08-31", month)}},
	{"2015-02-28", "He spoke of the spring campaign to liberate Mosul.", nil},
	{"2016-10-27", "Civilians fled after the fall of Aleppo's eastern districts.", nil},
	{"2018-04-07", "The ceasefire held until March 2017, when fighting resumed.", nil},
	{"2018-04-07", "The council hopes to end the siege by 2019.", nil},
	{"2018-04-07", "The council met ahead of Sunday talks on the 30 detainees.", nil},
	{"2018-04-07", "Three people were killed by Sunday's strikes.",
		[]want{per("Sunday", "2018-04-01", "2018-04-01", day)}},

	// Publication date unknown: only expressions with their own year.
	{"", "On 5 March 2017, 12 people died; on Sunday 3 more died.",
		[]want{per("On 5 March 2017", "2017-03-05", "2017-03-05", day)}},
	{"", "Since 2014, the group has killed 3,000 people, and last year 500.", nil},
	{"", "From October 2017 to March 2018, 1,200 were killed, about 30 every week.",
		[]want{per("From October 2017 to March 2018", "2017-10-01", "2018-03-31", month), rate("every week", claim.RateWeek)}},
	{"", "In March, the army retook the town; in March 2017 it lost it.",
		[]want{per("in March 2017", "2017-03-01", "2017-03-31", month)}},
}

func TestCorpus(t *testing.T) {
	for _, c := range corpus {
		var pub time.Time
		if c.pub != "" {
			var err error
			if pub, err = time.Parse("2006-01-02", c.pub); err != nil {
				t.Fatalf("bad pub %q", c.pub)
			}
		}
		got := Find(c.text, pub)
		checkInvariants(t, c.text, got)
		if len(got) != len(c.want) {
			t.Errorf("pub %s %q:\n got  %s\n want %d expressions", c.pub, c.text, show(c.text, got), len(c.want))
			continue
		}
		from := 0
		for i, w := range c.want {
			g := got[i]
			at := strings.Index(c.text[from:], w.text)
			if at < 0 {
				t.Fatalf("bad test: %q not in %q", w.text, c.text[from:])
			}
			at += from
			from = at + len(w.text)
			ok := g.Start == at && g.End == at+len(w.text) && g.Rate == w.rate
			if w.rate == "" {
				ok = ok && g.Period != nil && g.Period.Start == w.start && g.Period.End == w.end && g.Period.Precision == w.prec
			} else {
				ok = ok && g.Period == nil
			}
			if !ok {
				t.Errorf("pub %s %q:\n got  %s\n want %q %s..%s %s %s", c.pub, c.text, show(c.text, got), w.text, w.start, w.end, w.prec, w.rate)
			}
		}
	}
}

// checkInvariants checks what holds for every result of Find: offsets in
// range, in order, not overlapping; Period.Text is the span; a period's
// dates are well formed and ordered; an expression is a period or a rate.
func checkInvariants(t testing.TB, text string, got []Expr) {
	t.Helper()
	prev := 0
	for _, e := range got {
		if e.Start < prev || e.End <= e.Start || e.End > len(text) {
			t.Fatalf("bad offsets %d..%d (prev end %d, len %d) in %q", e.Start, e.End, prev, len(text), text)
		}
		prev = e.End
		if (e.Period == nil) == (e.Rate == "") {
			t.Fatalf("expression %q is neither or both a period and a rate", text[e.Start:e.End])
		}
		if e.Period == nil {
			continue
		}
		if e.Period.Text != text[e.Start:e.End] {
			t.Fatalf("Period.Text %q != span %q", e.Period.Text, text[e.Start:e.End])
		}
		s, err1 := time.Parse("2006-01-02", e.Period.Start)
		en, err2 := time.Parse("2006-01-02", e.Period.End)
		if err1 != nil || err2 != nil || en.Before(s) {
			t.Fatalf("bad period %s..%s for %q", e.Period.Start, e.Period.End, e.Period.Text)
		}
		switch e.Period.Precision {
		case claim.Day, claim.Week, claim.Month, claim.Year:
		default:
			t.Fatalf("bad precision %q", e.Period.Precision)
		}
	}
}

func show(text string, got []Expr) string {
	var b strings.Builder
	for _, e := range got {
		if e.Period != nil {
			b.WriteString("[" + e.Period.Text + " " + e.Period.Start + ".." + e.Period.End + " " + string(e.Period.Precision) + "] ")
		} else {
			b.WriteString("[" + text[e.Start:e.End] + " rate " + e.Rate + "] ")
		}
	}
	return b.String()
}

func TestCorpusSize(t *testing.T) {
	if len(corpus) < 100 {
		t.Fatalf("corpus has %d rows, want at least 100", len(corpus))
	}
}
