package document

import (
	"fmt"
	"strings"
	"testing"
)

// jsonScanCases are JSON lines as feeds and scrapers write them. scan must
// take each (taken: fastjson reads it) or leave it to encoding/json;
// either way the fields read must be encoding/json's, which
// checkJSONFields compares.
var jsonScanCases = []struct {
	name  string
	line  string
	taken bool
}{
	{"plain", `{"id": "a1", "title": "Two killed", "text": "Two people were killed.", "published": "2018-05-14"}`, true},
	{"compact", `{"id":"a1","text":"Two people were killed."}`, true},
	{"numeric id and nested values", `{"id": 42, "tags": ["war", {"x": [1, 2.5e3, null]}], "text": "Three were injured.", "ok": true, "n": -0.5}`, true},
	{"escaped quotes and line breaks", `{"text": "He said \"we saw 12 bodies\".\nThe toll rose.\t\\ \/ \b\f\r"}`, true},
	{"unicode escapes", `{"text": "At least 5 \u201crebels\u201d were killed, \u00e9t\u00e9 \u0661"}`, true},
	{"escaped key", `{"t\u0065xt": "Five were killed.", "\"id\"": "x"}`, true},
	{"key in another case is another field", `{"Text": "Five were killed.", "ID": "x"}`, true},
	{"repeated field keeps the last", `{"text": "First.", "text": "Second."}`, true},
	{"repeated field, last a number", `{"text": "First.", "text": 5}`, true},
	{"content stands in for text", `{"content": "Six died.", "body": "Seven died."}`, true},
	{"null text", `{"text": null}`, true},
	{"null id", `{"id": null, "text": "x"}`, true},
	{"text an object", `{"text": {"a": 1}}`, true},
	{"empty object", `{}`, true},
	{"spaces everywhere", `  { "text" :  "x" , "id" : 1 }  `, true},
	{"raw UTF-8", `{"text": "Alep: 3 morts à l'hôpital — ٣"}`, true},
	{"DEL in a string", "{\"text\": \"a\x7fb\"}", true},
	// Left to encoding/json, for its error or its answer.
	{"escaped surrogate pair", `{"text": "killed \ud83d\ude00"}`, false},
	{"lone surrogate", `{"text": "bad \ud800 surrogate"}`, false},
	{"tabs and line ends between tokens", " \t{ \"text\" :\r\n \"x\" , \"id\" : 1 } \t", false},
	{"control byte in a key", "{\"te\txt\": \"x\"}", false},
	{"invalid UTF-8", "{\"text\": \"caf\xe9 bombed\"}", false},
	{"invalid UTF-8 with an escape", "{\"text\": \"caf\xe9 \\\"bombed\\\"\"}", false},
	{"NaN, which fastjson's parser alone takes", `{"id": NaN, "text": "x"}`, false},
	{"not an object", `["text"]`, false},
	{"null", `null`, false},
	{"truncated", `{"id": "a4", "text": "This line is cut off`, false},
	{"control character in a string", "{\"text\": \"a\tb\"}", false},
	{"bad escape", `{"text": "a\qb"}`, false},
	{"short unicode escape", `{"text": "a\u12"}`, false},
	{"leading zero", `{"id": 01, "text": "x"}`, false},
	{"bad number", `{"id": 1.e5, "text": "x"}`, false},
	{"trailing comma", `{"text": "x",}`, false},
	{"missing colon", `{"text" "x"}`, false},
	{"data after the object", `{"text": "x"} {"text": "y"}`, false},
	{"bad literal", `{"text": "x", "ok": tru}`, false},
	{"literal run on", `{"text": "x", "ok": nullx}`, false},
	{"bad nested value", `{"text": "x", "tags": [1, }`, false},
	{"unbalanced nested value", `{"text": "x", "tags": [1, 2}`, false},
	{"unquoted key", `{text: "x"}`, false},
}

func TestJSONScan(t *testing.T) {
	for _, tc := range jsonScanCases {
		t.Run(tc.name, func(t *testing.T) {
			var o jsonFields
			if got := o.scan([]byte(tc.line)); got != tc.taken {
				t.Errorf("scan took it: %v, want %v", got, tc.taken)
			}
			checkJSONFields(t, []byte(tc.line))
		})
	}
}

// checkJSONFields checks that where scan takes a line, encoding/json
// takes it too and every field reads the same.
func checkJSONFields(t *testing.T, line []byte) {
	t.Helper()
	var fast, slow jsonFields
	if !fast.scan(line) {
		return
	}
	if err := slow.unmarshal(line); err != nil || slow.null {
		t.Fatalf("scan took %q, encoding/json did not: %v (null %v)", line, err, slow.null)
	}
	read := func(o *jsonFields) string {
		var b strings.Builder
		for n := range jsonNames {
			s, err := o.field(false, n)
			fmt.Fprintf(&b, "%s=%q %v\n", jsonNameText[n], s, err)
		}
		s, err := o.field(true, jsonText, jsonContent, jsonBody)
		fmt.Fprintf(&b, "text=%q %v\n", s, err)
		return b.String()
	}
	if f, s := read(&fast), read(&slow); f != s {
		t.Errorf("%q: scan read\n%s\nencoding/json\n%s", line, f, s)
	}
}

// FuzzJSONFields compares scan with encoding/json on any input.
func FuzzJSONFields(f *testing.F) {
	for _, tc := range jsonScanCases {
		f.Add([]byte(tc.line))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		checkJSONFields(t, line)
	})
}
