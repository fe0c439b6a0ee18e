package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestRecordsCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tally.db")
	list := writeFile(t, dir, "deaths.csv", []byte("date,governorate,status,cause\n"+
		"2014-05-03,Aleppo,Civilian,Barrel bomb\n"+
		"2014-05-04,Homs,Soldier,Shelling\n"+
		"someday,Homs,Soldier,Shelling\n"+
		"2014-05-05,Hom\"s,Soldier,Shelling\n"+
		"2014-05-06,Atlantis,Civilian,\n"))
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stdout []string // lines it holds
		stderr []string
	}{
		{"country required", []string{"records", "import", "--db", db, list}, exitFailed, nil,
			[]string{"list without a country column: give --country"}},
		{"import", []string{"records", "import", "--db", db, "--country", "SY", "--name", "test deaths", list}, exitFailed,
			[]string{"5 rows read, 3 new, 0 already stored, 2 unreadable", "set test deaths (list): 3 records, 2014-05-03 to 2014-05-06; rows without admin1: 0"},
			[]string{`deaths.csv:4: date "someday" is not a date`, `deaths.csv:5: a stray " in an unquoted field`,
				`admin1 "Atlantis" (1 rows) is no division the gazetteer knows`}},
		{"again", []string{"records", "import", "--db", db, "--country", "SY", "--name", "test deaths", "--format", "list", list}, exitFailed,
			[]string{"5 rows read, 0 new, 3 already stored, 2 unreadable"}, nil},
		{"list", []string{"records", "list", "--db", db}, exitOK,
			[]string{"NAME", "test deaths  list    3        2014-05-03  2014-05-06"}, nil},
		{"bad format", []string{"records", "import", "--db", db, "--format", "xls", list}, exitUsage, nil, []string{`--format "xls"`}},
		{"no file", []string{"records", "import", "--db", db}, exitUsage, nil, []string{"give one FILE"}},
		{"missing file", []string{"records", "import", "--db", db, filepath.Join(dir, "nope.csv")}, exitFailed, nil, []string{"nope.csv"}},
		{"no subcommand", []string{"records"}, exitUsage, nil, []string{"Usage: tally records import"}},
		{"unknown subcommand", []string{"records", "drop"}, exitUsage, nil, []string{`unknown subcommand "drop"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(t, "", c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out, errOut)
			}
			for _, want := range c.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			for _, want := range c.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
		})
	}
}
