package number

import (
	"fmt"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want string // "qualifier|value|low|high", "" when Parse must fail
	}{
		{"30", "exact|30|30|30"},
		{"  30  ", "exact|30|30|30"},
		{"55,000", "exact|55000|55000|55000"},
		{"1,500,000", "exact|1500000|1500000|1500000"},
		{"300 000", "exact|300000|300000|300000"},
		{"1.5 million", "exact|1500000|1500000|1500000"},
		{"2.3 thousand", "exact|2300|2300|2300"},
		{"55 thousand", "exact|55000|55000|55000"},
		{"55K", "exact|55000|55000|55000"},
		{"5bn", "exact|5000000000|5000000000|5000000000"},
		{"Fifty-five", "exact|55|55|55"},
		{"fifty five", "exact|55|55|55"},
		{"one hundred and twenty", "exact|120|120|120"},
		{"two thousand five hundred", "exact|2500|2500|2500"},
		{"twenty-five hundred", "exact|2500|2500|2500"},
		{"a hundred", "exact|100|100|100"},
		{"a thousand", "exact|1000|1000|1000"},
		{"a million", "exact|1000000|1000000|1000000"},
		{"A  Hundred", "exact|100|100|100"},
		{"an\tEleven", ""},
		{"a-dozen", "exact|12|12|12"},
		{"a Quarter million", "exact|250000|250000|250000"},
		{"a trillion", "exact|1000000000000|1000000000000|1000000000000"},
		{"a billion", "exact|1000000000|1000000000|1000000000"},
		{"three million", "exact|3000000|3000000|3000000"},
		{"a dozen", "exact|12|12|12"},
		{"two dozen", "exact|24|24|24"},
		{"half a dozen", "exact|6|6|6"},
		{"half a million", "exact|500000|500000|500000"},
		{"a quarter of a million", "exact|250000|250000|250000"},
		{"quarter of a million", "exact|250000|250000|250000"},
		{"a half million", "exact|500000|500000|500000"},
		{"one and a half million", "exact|1500000|1500000|1500000"},
		{"one", "exact|1|1|1"},
		{"zero", "exact|0|0|0"},
		{"2014", "exact|2014|2014|2014"}, // no context: a number, not a year

		{"at least 30", "at_least|30|30|-"},
		{"more than 30", "at_least|30|30|-"},
		{"over 30", "at_least|30|30|-"},
		{"upwards of 30", "at_least|30|30|-"},
		{"in excess of 30", "at_least|30|30|-"},
		// The word after a phrase's first, looked at before it is read:
		// capitals, other spaces, the end of the text.
		{"In\tExcess  of 30", "at_least|30|30|-"},
		{"AT\nLEAST 30", "at_least|30|30|-"},
		{"at", ""},
		{"in ", ""},
		{"surpassed 30", "at_least|30|30|-"},
		{"no fewer than 30", "at_least|30|30|-"},
		{"no less than 30", "at_least|30|30|-"},
		{"30 or more", "at_least|30|30|-"},
		{"30+", "at_least|30|30|-"},
		{"30-plus", "at_least|30|30|-"},
		{"more than 55 thousand", "at_least|55000|55000|-"},
		{"more than a dozen", "at_least|12|12|-"},

		{"up to 30", "at_most|30|0|30"},
		{"as many as 30", "at_most|30|0|30"},
		{"fewer than 30", "at_most|30|0|30"},
		{"less than 30", "at_most|30|0|30"},
		{"no more than 30", "at_most|30|0|30"},
		{"at most 30", "at_most|30|0|30"},
		{"a maximum of 30", "at_most|30|0|30"},
		{"maximum of 30", "at_most|30|0|30"},
		{"30 or fewer", "at_most|30|0|30"},

		{"some 30", "about|30|27|33"},
		{"around 30", "about|30|27|33"},
		{"about 30", "about|30|27|33"},
		{"approximately 30", "about|30|27|33"},
		{"roughly 30", "about|30|27|33"},
		{"an estimated 30", "about|30|27|33"},
		{"circa 30", "about|30|27|33"},
		{"30 or so", "about|30|27|33"},
		{"30-odd", "about|30|27|33"},
		{"about 7", "about|7|6|8"}, // floor(6.3), ceil(7.7)
		{"nearly 30", "about|30|27|30"},
		{"almost 30", "about|30|27|30"},
		{"close to 30", "about|30|27|30"},
		{"just under 30", "about|30|27|30"},

		{"25-30", "range|25|25|30"},
		{"25 - 30", "range|25|25|30"},
		{"25 to 30", "range|25|25|30"},
		{"25 or 30", "range|25|25|30"},
		{"two or three", "range|2|2|3"},
		{"between 25 and 30", "range|25|25|30"},
		{"from 25 to 30", "range|25|25|30"},
		{"from 10000 to more than 30000", "range|10000|10000|-"},
		{"20 to 30 thousand", "range|20000|20000|30000"},
		{"between 1.5 and 2 million", "range|1500000|1500000|2000000"},
		{"250000-275000", "range|250000|250000|275000"},

		{"a few", "vague|-|2|5"},
		{"A  Few", "vague|-|2|5"},
		{"a", ""},
		{"a couple of", "vague|-|2|3"},
		{"a handful of", "vague|-|2|5"},
		{"several", "vague|-|3|9"},
		{"a number of", "vague|-|2|-"},
		{"a small number of", "vague|-|2|9"},
		{"a large number of", "vague|-|10|-"},
		{"tens of", "vague|-|10|99"},
		{"dozens", "vague|-|12|99"},
		{"dozens of", "vague|-|12|99"},
		{"scores of", "vague|-|20|99"},
		{"hundreds", "vague|-|100|999"},
		{"hundreds of", "vague|-|100|999"},
		{"thousands of", "vague|-|1000|9999"},
		{"tens of thousands", "vague|-|10000|99999"},
		{"hundreds of thousands", "vague|-|100000|999999"},
		{"millions", "vague|-|1000000|-"},
		{"several hundred", "vague|-|300|999"},
		{"a few thousand", "vague|-|2000|5999"},
		{"several dozen", "vague|-|36|119"},
		{"at least dozens", "vague|-|12|99"},
		{"Thousands", "vague|-|1000|9999"},

		// Not one quantity.
		{"", ""},
		{"   ", ""},
		{"a", ""},
		{"an", ""},
		{"some", ""},
		{"more than", ""},
		{"half", ""},
		{"tens", ""}, // "tens" needs "of"
		{"first", ""},
		{"1st", ""},
		{"2.5", ""},
		{"05.10.2017", ""},
		{"10:30", ""},
		{"1990s", ""},
		{"30 people", ""},
		{"30 30", ""},
		{"killed 30", ""},
		{"between 25", ""},
		{"30-25", ""},
		{"fifty-", ""},
		{"999999999999999999999", ""},
	}
	for _, tt := range tests {
		c, ok := Parse(tt.in)
		got := ""
		if ok {
			got = fmt.Sprintf("%s|%s|%d|%s", c.Qualifier, ptrString(c.Value), c.Low, ptrString(c.High))
			if want := trimmed(tt.in); c.Text != want {
				t.Errorf("Parse(%q).Text = %q, want %q", tt.in, c.Text, want)
			}
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func trimmed(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] == ' ' {
		i++
	}
	for j > i && s[j-1] == ' ' {
		j--
	}
	return s[i:j]
}

// TestFindAgreesWithParse checks that a quantity found in running text
// reads the same as the quantity parsed on its own.
func TestFindAgreesWithParse(t *testing.T) {
	for _, row := range corpus {
		for _, m := range Find(row.text) {
			if m.Kind != Count {
				continue
			}
			c, ok := Parse(m.Count.Text)
			if !ok && m.Count.Qualifier == "vague" {
				c, ok = Parse(m.Count.Text + " of") // "tens", "scores" need their "of"
				c.Text = m.Count.Text
			}
			if !ok {
				t.Errorf("Parse(%q) failed, but Find read it in %q", m.Count.Text, row.text)
				continue
			}
			if describe(Mention{Kind: Count, Count: c}) != describe(Mention{Kind: Count, Count: m.Count}) {
				t.Errorf("Parse(%q) = %s, Find = %s", m.Count.Text, describe(Mention{Count: c}), describe(m))
			}
		}
	}
}
