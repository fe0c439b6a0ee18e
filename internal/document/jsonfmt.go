package document

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/valyala/fastjson"
)

// JSON input: one object per document, with the fields of SPEC.md: "id",
// "title", "text", "published" (YYYY-MM-DD or RFC 3339), "source", "url".
// Only "text" is required; "content" or "body" stand in for it when it is
// absent. A "date" field counts below a date stamp in the text, as its
// meaning is unclear (see build). String and number values are
// accepted for the optional fields (an id is often a number).

// readJSON reads a .json file (or JSON on stdin): an array of objects, a
// single object (possibly spread over lines), or one object per line.
func (rd *reader) readJSON(data []byte) {
	s := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case len(s) == 0:
		rd.emit(nil, at(rd.name, ErrEmpty))
	case s[0] == '[':
		rd.readJSONArray(data)
	case s[0] == '{' && json.Valid(s):
		rd.record(s, rd.name)
	case s[0] == '{':
		rd.readJSONLines(bufio.NewReader(bytes.NewReader(data)))
	default:
		rd.emit(nil, errorf(rd.name, "not JSON: want an object or an array, got %q", firstRune(s)))
	}
}

func firstRune(b []byte) string {
	r := []rune(string(b[:min(len(b), 4)]))
	if len(r) == 0 {
		return ""
	}
	return string(r[0])
}

// readJSONArray reads a JSON array of objects, one document per element. A
// syntax error ends the array (the decoder cannot find its way back in);
// a bad element only loses itself.
func (rd *reader) readJSONArray(data []byte) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // '['
		rd.emit(nil, rd.jsonError(data, err, 0))
		return
	}
	n := 0
	for dec.More() {
		start := skipJSONSpace(data, int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			rd.emit(nil, rd.jsonError(data, err, start))
			return
		}
		n++
		if !rd.record(raw, lineOrigin(rd.name, lineAt(data, start))) {
			return
		}
	}
	if _, err := dec.Token(); err != nil { // ']'
		rd.emit(nil, rd.jsonError(data, err, int(dec.InputOffset())))
		return
	}
	if rest := bytes.TrimSpace(data[dec.InputOffset():]); len(rest) > 0 {
		rd.emit(nil, errorf(lineOrigin(rd.name, lineAt(data, skipJSONSpace(data, int(dec.InputOffset())))), "invalid JSON: data after the array"))
		return
	}
	if n == 0 {
		rd.emit(nil, at(rd.name, fmt.Errorf("%w: no documents in the array", ErrEmpty)))
	}
}

// jsonError names the line of a decoding error.
func (rd *reader) jsonError(data []byte, err error, at int) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		at = int(se.Offset)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("unexpected end of JSON input")
		at = len(data)
	}
	return errorf(lineOrigin(rd.name, lineAt(data, at)), "invalid JSON: %v", err)
}

func skipJSONSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n' || data[i] == ',') {
		i++
	}
	return i
}

// lineAt is the 1-based line of byte offset i.
func lineAt(data []byte, i int) int {
	i = max(0, min(i, len(data)))
	return 1 + bytes.Count(data[:i], []byte("\n"))
}

// readJSONLines reads one object per line, streaming: each line, not the
// whole input, is bounded by MaxBytes, and a bad line loses only itself.
func (rd *reader) readJSONLines(br *bufio.Reader) {
	max := rd.opt.max()
	records := 0
	for line := 1; ; line++ {
		b, tooBig, err := readLine(br, max)
		if err != nil && err != io.EOF {
			rd.emit(nil, at(lineOrigin(rd.name, line), err))
			return
		}
		origin := lineOrigin(rd.name, line)
		switch {
		case tooBig:
			records++
			if !rd.emit(nil, tooLarge(origin, max)) {
				return
			}
		case len(bytes.TrimSpace(b)) > 0:
			records++
			if !rd.record(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")), origin) {
				return
			}
		}
		if err == io.EOF {
			break
		}
	}
	if records == 0 {
		rd.emit(nil, at(rd.name, ErrEmpty))
	}
}

// readLine reads one line without its end; a line over max bytes is
// skipped to its end without being kept, and reported as tooBig.
func readLine(br *bufio.Reader, max int64) (line []byte, tooBig bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooBig {
			if int64(len(line)+len(chunk)) > max+2 { // room for "\r\n"
				tooBig, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if int64(len(line)) > max {
			tooBig, line = true, nil
		}
		return line, tooBig, err
	}
}

// record reads one JSON object and emits its document or its error; false
// means stop.
func (rd *reader) record(raw []byte, origin string) bool {
	var obj jsonFields
	if !obj.scan(raw) {
		// Not the plain object scan reads: encoding/json decides, and
		// names what is wrong.
		obj = jsonFields{}
		if err := obj.unmarshal(raw); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return rd.emit(nil, errorf(origin, "want a JSON object, got %s", jsonKind(raw)))
			}
			if strings.Contains(err.Error(), "unexpected end of JSON input") {
				return rd.emit(nil, errorf(origin, "invalid JSON: unexpected end of input (truncated line?)"))
			}
			return rd.emit(nil, errorf(origin, "invalid JSON: %v", err))
		}
		if obj.null {
			return rd.emit(nil, errorf(origin, "want a JSON object, got null"))
		}
	}
	m := meta{origin: origin}
	var text string
	var err error
	for _, f := range []struct {
		dst  *string
		name jsonName
	}{
		{&m.id, jsonID},
		{&m.title, jsonTitle},
		{&m.published, jsonPublished},
		{&m.date, jsonDate},
		{&m.source, jsonSource},
		{&m.url, jsonURL},
	} {
		if *f.dst, err = obj.field(false, f.name); err != nil {
			return rd.emit(nil, at(origin, err))
		}
	}
	if text, err = obj.field(true, jsonText, jsonContent, jsonBody); err != nil {
		return rd.emit(nil, at(origin, err))
	}
	return rd.emitBuilt(text, m)
}

// jsonName is a field a document is read from.
type jsonName int

const (
	jsonID jsonName = iota
	jsonTitle
	jsonPublished
	jsonDate
	jsonSource
	jsonURL
	jsonText
	jsonContent
	jsonBody
	jsonNames
)

var jsonNameText = [jsonNames]string{"id", "title", "published", "date", "source", "url", "text", "content", "body"}

// nameOf returns the jsonName spelt key, exactly (keys are case-sensitive,
// as in a Go map), or -1.
func nameOf(key []byte) jsonName {
	switch string(key) {
	case "id":
		return jsonID
	case "title":
		return jsonTitle
	case "published":
		return jsonPublished
	case "date":
		return jsonDate
	case "source":
		return jsonSource
	case "url":
		return jsonURL
	case "text":
		return jsonText
	case "content":
		return jsonContent
	case "body":
		return jsonBody
	}
	return -1
}

// jsonFields are the values of the fields of one JSON object that a
// document is read from; a repeated field keeps its last value, as in
// encoding/json.
type jsonFields struct {
	vals [jsonNames]jsonValue
	null bool // the value was null, not an object
}

// jsonValue is a field's value: its kind (as jsonKind names it; "" when
// the field is absent) and, when fastjson read it, its string's text or
// its number as written; when encoding/json did, the value as written.
type jsonValue struct {
	kind string
	str  string
	raw  []byte
}

// unmarshal reads the object with encoding/json.
func (o *jsonFields) unmarshal(raw []byte) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return err
	}
	o.null = obj == nil
	for k, v := range obj {
		if n := nameOf([]byte(k)); n >= 0 {
			o.vals[n] = jsonValue{kind: jsonKind(v), raw: v}
		}
	}
	return nil
}

// field reads the first of names present. The text must be a string;
// other fields may also be numbers.
func (o *jsonFields) field(isText bool, names ...jsonName) (string, error) {
	for _, n := range names {
		v := o.vals[n]
		if v.kind == "" {
			continue
		}
		name := jsonNameText[n]
		switch {
		case v.kind == "null":
			if isText {
				return "", fmt.Errorf("%w: field %q is null", ErrEmpty, name)
			}
			return "", nil
		case v.kind == "a string":
			if v.raw == nil {
				return v.str, nil
			}
			var s string
			if err := json.Unmarshal(v.raw, &s); err != nil {
				return "", fmt.Errorf("field %q: %v", name, err)
			}
			return s, nil
		case v.kind == "a number" && !isText:
			if v.raw == nil {
				return v.str, nil
			}
			return string(bytes.TrimSpace(v.raw)), nil
		default:
			return "", fmt.Errorf("field %q: want a string, got %s", name, v.kind)
		}
	}
	if isText {
		return "", errors.New(`no "text" field`)
	}
	return "", nil
}

// jsonParsers are fastjson's parsers, whose buffers are reused from line
// to line.
var jsonParsers fastjson.ParserPool

// scan reads the fields with fastjson, and reports whether it could.
// encoding/json checks a line, decodes it into a map, and checks and
// decodes each string again: most of the cost of reading a JSON line;
// fastjson checks and decodes it in a fraction of that. scan takes only
// what the two libraries read alike: valid UTF-8 without control bytes
// (encoding/json puts U+FFFD for invalid bytes and rejects a raw control
// byte in a key, where fastjson keeps or takes them) or escaped
// surrogates (encoding/json puts U+FFFD for a lone one), that passes
// fastjson's strict Validate (its parser also takes NaN, say), with an
// object at the top. Anything else is left to unmarshal, which gives
// encoding/json's answer and error. FuzzJSONFields compares the two.
func (o *jsonFields) scan(b []byte) bool {
	if !plainJSON(b) || fastjson.ValidateBytes(b) != nil {
		return false
	}
	p := jsonParsers.Get()
	defer jsonParsers.Put(p)
	v, err := p.ParseBytes(b)
	if err != nil {
		return false
	}
	obj, err := v.Object()
	if err != nil {
		return false
	}
	// Visit goes in order, so a repeated field keeps its last value, as
	// in encoding/json's map.
	obj.Visit(func(key []byte, v *fastjson.Value) {
		if n := nameOf(key); n >= 0 {
			o.vals[n] = fastValue(v)
		}
	})
	return true
}

// fastValue is a field's value as fastjson read it. Its strings are
// copied: the parser's buffers are reused for the next line.
func fastValue(v *fastjson.Value) jsonValue {
	switch v.Type() {
	case fastjson.TypeString:
		s, _ := v.StringBytes()
		return jsonValue{kind: "a string", str: string(s)}
	case fastjson.TypeNumber:
		return jsonValue{kind: "a number", str: string(v.MarshalTo(nil))}
	case fastjson.TypeNull:
		return jsonValue{kind: "null"}
	case fastjson.TypeObject:
		return jsonValue{kind: "an object"}
	case fastjson.TypeArray:
		return jsonValue{kind: "an array"}
	default:
		return jsonValue{kind: "a boolean"}
	}
}

// plainJSON reports whether b is valid UTF-8 with no control bytes and no
// escaped surrogate (see scan).
func plainJSON(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return false
		}
	}
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte(`\u`))
		if k < 0 {
			break
		}
		i += k + 2
		if i < len(b) && (b[i] == 'd' || b[i] == 'D') {
			return false
		}
	}
	return utf8.Valid(b)
}

// jsonKind names the kind of a JSON value for error messages.
func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
