package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strconv"
	"sync"
)

// Revision counts changes to the extraction code that change its results.
// Bump it with such a change (and with a regenerated gazetteer or attrib
// lexicon), so that stores know which claims `tally reextract` must redo;
// edits to the rule tables under rules/ are noticed without it.
const Revision = 2 // 2: a figure goes to the speaker of its own clause

var version = sync.OnceValue(func() string {
	h := sha256.New()
	// Walk order is lexical, so the hash is stable.
	_ = fs.WalkDir(ruleFiles, ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := ruleFiles.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write([]byte{0})
		h.Write(data)
		return nil
	})
	return "r" + strconv.Itoa(Revision) + "-" + hex.EncodeToString(h.Sum(nil))[:10]
})

// Version names the rules and code that made a result: stored claims carry
// it, and re-extraction redoes the documents whose version differs.
func Version() string { return version() }
