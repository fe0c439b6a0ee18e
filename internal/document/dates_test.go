package document

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2017-04-07", "2017-04-07"},
		{"2017-04-07T09:14:00Z", "2017-04-07"},
		{"2017-04-07T09:14:00+03:00", "2017-04-07"},
		{"2017-04-07 09:14:00", "2017-04-07"},
		{"2017/4/7", "2017-04-07"},
		{" 2017-04-07 ", "2017-04-07"},
		{"4/7/17", "2017-04-07"},     // FA-KES: American, two-digit year
		{"04/07/2017", "2017-04-07"}, // slashes: month first
		{"25/07/2017", "2017-07-25"}, // unless it cannot be a month
		{"12/31/99", "1999-12-31"},   // 70-99 is the 1900s
		{"1/2/69", "2069-01-02"},     // 00-69 is the 2000s
		{"05.10.2017", "2017-10-05"}, // dots: day first (Sputnik)
		{"10.25.2017", "2017-10-25"}, // unless the second cannot be a month
		{"29-07-2015", "2015-07-29"}, // dashes with the year last: day first (Al-Manar)
		{"6-09-2013", "2013-09-06"},  //
		{"Fri 07 Apr 2017", "2017-04-07"},
		{"Wednesday 22 July 2015", "2015-07-22"},
		{"August 13 2016", "2016-08-13"},
		{"April 2, 2017", "2017-04-02"},
		{"Sat Aug 31 2013", "2013-08-31"},
		{"7 July 2016", "2016-07-07"},
		{"Apr 232017", "2017-04-23"}, // Jordan Times runs day and year together
		{"Oct. 27 2016", "2016-10-27"},
		{"Sept 5 2016", "2016-09-05"},
		{"1st March 2015", "2015-03-01"},
		{"Fri, 07 Apr 2017 09:14:00 GMT", "2017-04-07"},
		{"Thursday 1 August 2013", "2013-08-01"},
		// Not dates.
		{"", ""},
		{"yesterday", ""},
		{"2017-02-30", ""},    // no 30 February
		{"31 April 2017", ""}, // no 31 April
		{"13/13/2017", ""},
		{"Mayor 5 2017", ""},
		{"April 2017", ""}, // no day
		{"1850-01-01", ""}, // out of range
		{"07.04", ""},
		{"4/7/17/9", ""},
	}
	for _, tc := range tests {
		got, ok := ParseDate(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}
