package document

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
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
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return rd.emit(nil, errorf(origin, "want a JSON object, got %s", jsonKind(raw)))
		}
		if strings.Contains(err.Error(), "unexpected end of JSON input") {
			return rd.emit(nil, errorf(origin, "invalid JSON: unexpected end of input (truncated line?)"))
		}
		return rd.emit(nil, errorf(origin, "invalid JSON: %v", err))
	}
	if obj == nil {
		return rd.emit(nil, errorf(origin, "want a JSON object, got null"))
	}
	m := meta{origin: origin}
	var text string
	var err error
	for _, f := range []struct {
		dst   *string
		names []string
	}{
		{&m.id, []string{"id"}},
		{&m.title, []string{"title"}},
		{&m.published, []string{"published"}},
		{&m.date, []string{"date"}},
		{&m.source, []string{"source"}},
		{&m.url, []string{"url"}},
	} {
		if *f.dst, err = jsonField(obj, f.names, false); err != nil {
			return rd.emit(nil, at(origin, err))
		}
	}
	if text, err = jsonField(obj, []string{"text", "content", "body"}, true); err != nil {
		return rd.emit(nil, at(origin, err))
	}
	return rd.emitBuilt(text, m)
}

// jsonField reads the first of names present in obj. The text must be a
// string; other fields may also be numbers.
func jsonField(obj map[string]json.RawMessage, names []string, isText bool) (string, error) {
	for _, name := range names {
		raw, ok := obj[name]
		if !ok {
			continue
		}
		switch kind := jsonKind(raw); {
		case kind == "null":
			if isText {
				return "", fmt.Errorf("%w: field %q is null", ErrEmpty, name)
			}
			return "", nil
		case kind == "a string":
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", fmt.Errorf("field %q: %v", name, err)
			}
			return s, nil
		case kind == "a number" && !isText:
			return string(bytes.TrimSpace(raw)), nil
		default:
			return "", fmt.Errorf("field %q: want a string, got %s", name, kind)
		}
	}
	if isText {
		return "", errors.New(`no "text" field`)
	}
	return "", nil
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
