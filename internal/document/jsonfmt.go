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

// jsonValue is a field's value as written and, for a string decoded
// while scanning, its text.
type jsonValue struct {
	raw      []byte // nil: no such field
	str      string
	unquoted bool // str holds raw's string
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
			o.vals[n] = jsonValue{raw: v}
		}
	}
	return nil
}

// field reads the first of names present. The text must be a string;
// other fields may also be numbers.
func (o *jsonFields) field(isText bool, names ...jsonName) (string, error) {
	for _, n := range names {
		v := o.vals[n]
		if v.raw == nil {
			continue
		}
		name := jsonNameText[n]
		switch kind := jsonKind(v.raw); {
		case kind == "null":
			if isText {
				return "", fmt.Errorf("%w: field %q is null", ErrEmpty, name)
			}
			return "", nil
		case kind == "a string":
			if v.unquoted {
				return v.str, nil
			}
			var s string
			if err := json.Unmarshal(v.raw, &s); err != nil {
				return "", fmt.Errorf("field %q: %v", name, err)
			}
			return s, nil
		case kind == "a number" && !isText:
			return string(bytes.TrimSpace(v.raw)), nil
		default:
			return "", fmt.Errorf("field %q: want a string, got %s", name, kind)
		}
	}
	if isText {
		return "", errors.New(`no "text" field`)
	}
	return "", nil
}

// scan reads a JSON object in one pass over b, decoding only the strings
// of the fields kept, and reports whether it could. encoding/json would
// check the whole line, decode it into a map, and check and decode each
// string again: most of reading a JSON line. scan takes what JSON Lines
// hold (an object of strings, numbers, literals, nested values); anything
// it does not take, malformed or not, it leaves to unmarshal, which then
// gives encoding/json's answer and error. Where it takes an input, its
// answer is encoding/json's (FuzzJSONFields compares them).
func (o *jsonFields) scan(b []byte) bool {
	i := skipJSONWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipJSONWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipJSONWS(b, i+1) == len(b)
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return false
		}
		end, esc, ok := scanJSONString(b, i)
		if !ok {
			return false
		}
		key := b[i+1 : end-1]
		var n jsonName
		if !esc {
			n = nameOf(key)
		} else {
			var k string
			if json.Unmarshal(b[i:end], &k) != nil {
				return false
			}
			n = nameOf([]byte(k))
		}
		i = skipJSONWS(b, end)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipJSONWS(b, i+1)
		if i >= len(b) {
			return false
		}
		start := i
		var v jsonValue
		switch c := b[i]; {
		case c == '"':
			if end, esc, ok = scanJSONString(b, i); !ok {
				return false
			}
			v.raw = b[start:end]
			if n >= 0 {
				if v.str, ok = unquoteJSON(v.raw, esc); !ok {
					return false
				}
				v.unquoted = true
			}
		case c == '{' || c == '[':
			if end = skipJSONNested(b, i); end < 0 || !json.Valid(b[start:end]) {
				return false
			}
			v.raw = b[start:end]
		case c == '-' || '0' <= c && c <= '9':
			end = i + 1
			for end < len(b) && strings.IndexByte("+-.0123456789Ee", b[end]) >= 0 {
				end++
			}
			if !json.Valid(b[start:end]) {
				return false
			}
			v.raw = b[start:end]
		default:
			for _, lit := range []string{"true", "false", "null"} {
				if bytes.HasPrefix(b[i:], []byte(lit)) {
					end = i + len(lit)
					v.raw = b[start:end]
					break
				}
			}
			if v.raw == nil {
				return false
			}
		}
		if n >= 0 {
			o.vals[n] = v
		}
		i = skipJSONWS(b, end)
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipJSONWS(b, i+1)
		case '}':
			return skipJSONWS(b, i+1) == len(b)
		default:
			return false
		}
	}
}

// skipJSONWS skips JSON's white space from i.
func skipJSONWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// scanJSONString finds the end of the string opening at b[i] (just past
// its closing quote) and whether it holds escapes; not ok when it is not
// a well-formed JSON string: unclosed, a control character, a bad escape.
func scanJSONString(b []byte, i int) (end int, esc, ok bool) {
	for i++; i < len(b); i++ {
		for i < len(b) && !jsonStringStop[b[i]] {
			i++ // most of a string: one table look-up a byte
		}
		if i >= len(b) {
			break
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, esc, true
		case c < 0x20:
			return 0, false, false
		default: // a backslash
			esc = true
			if i+1 >= len(b) {
				return 0, false, false
			}
			i++
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) {
					return 0, false, false
				}
				for _, h := range b[i+1 : i+5] {
					if !('0' <= h && h <= '9' || 'a' <= h|0x20 && h|0x20 <= 'f') {
						return 0, false, false
					}
				}
				i += 4
			default:
				return 0, false, false
			}
		}
	}
	return 0, false, false
}

// jsonStringStop marks the bytes that end a plain stretch of a JSON
// string: the closing quote, a backslash and control characters.
var jsonStringStop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// unquoteJSON decodes the well-formed JSON string q. Valid UTF-8 with at
// most one-letter escapes ("\"", "\n") it decodes itself, in one pass;
// the rest (\u escapes, surrogates, invalid UTF-8 to replace) it leaves
// to encoding/json.
func unquoteJSON(q []byte, esc bool) (string, bool) {
	body := q[1 : len(q)-1]
	if !esc && utf8.Valid(body) {
		return string(body), true
	}
	if esc && bytes.Contains(body, []byte(`\u`)) || !utf8.Valid(body) {
		var s string
		return s, json.Unmarshal(q, &s) == nil
	}
	out := make([]byte, 0, len(body))
	for {
		k := bytes.IndexByte(body, '\\')
		if k < 0 {
			return string(append(out, body...)), true
		}
		out = append(out, body[:k]...)
		c := body[k+1]
		switch c {
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		}
		out = append(out, c) // '"', '\\' and '/' stand for themselves
		body = body[k+2:]
	}
}

// skipJSONNested returns the end of the object or array opening at b[i],
// found by counting brackets outside strings, or -1; it does not check
// what lies between.
func skipJSONNested(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		case '"':
			end, _, ok := scanJSONString(b, i)
			if !ok {
				return -1
			}
			i = end - 1
		}
	}
	return -1
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
