package serve

import (
	"container/list"
	"net/url"
	"sync"
)

// DefaultCacheBytes bounds the response cache when Options.CacheBytes is
// zero: the pages and documents a busy public server is asked for most,
// well within its memory.
const DefaultCacheBytes = 32 << 20

// maxCachedBody bounds one cached response: a huge page would push out
// many small ones.
const maxCachedBody = 1 << 20

// cached is a successful GET's response: its body and ETag. stable: no
// append to the store can change it (see stableKey).
type cached struct {
	key    string
	body   []byte
	etag   string
	stable bool
}

// respCache keeps successful GET responses by the store's version and the
// request's path and query, least recently used dropped first. A write
// changes the store's version, and the cache moves to the new version
// (moveTo): when the writes since were all appends (the store's count of
// edits stayed the same), it keeps the stable responses and drops the
// rest; else it drops everything.
type respCache struct {
	max int

	mu      sync.Mutex
	version string
	edits   int64 // the store's count of edits at version; -1: unknown
	size    int
	lru     *list.List // of *cached, most recently used first
	byKey   map[string]*list.Element
}

func newRespCache(max int) *respCache {
	return &respCache{max: max, edits: -1, lru: list.New(), byKey: map[string]*list.Element{}}
}

// cacheKey is the key of r's path and query in the cache: the query's
// parameters sorted, so that the same question asked in another order is
// the same. ok is false for a query that does not parse, which is never
// kept.
func cacheKey(path, rawQuery string) (key string, ok bool) {
	if rawQuery == "" {
		return path, true
	}
	v, err := url.ParseQuery(rawQuery)
	if err != nil {
		return "", false
	}
	return path + "?" + v.Encode(), true
}

// stableKey says whether the response for a request's path and query
// stays right whatever is appended to the store: a page of claims after a
// cursor holds claims of smaller ids than the cursor's, their documents
// and their reviews; appended claims have larger ids. (A page of
// documents also counts each document's claims, and a single claim shows
// its verdict, which appends do not change but verification does without
// counting as an edit.)
func stableKey(path string, query url.Values) bool {
	return path == "/api/v1/claims" && query.Get("cursor") != ""
}

// current says whether the cache is at version.
func (c *respCache) current(version string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return version == c.version
}

// moveTo moves the cache to version, at which the store had counted edits
// (-1: unknown). It keeps the stable responses when the store's count of
// edits is known and the same as before, else drops everything.
func (c *respCache) moveTo(version string, edits int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version == c.version {
		return
	}
	if edits < 0 || edits != c.edits {
		c.lru.Init()
		clear(c.byKey)
		c.size = 0
	} else {
		for el := c.lru.Front(); el != nil; {
			e, next := el.Value.(*cached), el.Next()
			if !e.stable {
				c.lru.Remove(el)
				delete(c.byKey, e.key)
				c.size -= entrySize(e)
			}
			el = next
		}
	}
	c.version, c.edits = version, edits
}

// get is the response kept for key in version, if any.
func (c *respCache) get(version, key string) (*cached, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil, false
	}
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cached), true
}

// put keeps a response for key read in version, unless the cache has
// moved on to another version since.
func (c *respCache) put(version, key string, body []byte, etag string, stable bool) {
	if len(body) > maxCachedBody || len(body)+len(key) > c.max {
		return
	}
	e := &cached{key: key, body: body, etag: etag, stable: stable}
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return
	}
	if el, ok := c.byKey[key]; ok {
		c.size -= entrySize(el.Value.(*cached))
		c.lru.Remove(el)
	}
	c.byKey[key] = c.lru.PushFront(e)
	c.size += entrySize(e)
	for c.size > c.max {
		el := c.lru.Back()
		old := el.Value.(*cached)
		c.lru.Remove(el)
		delete(c.byKey, old.key)
		c.size -= entrySize(old)
	}
}

// entrySize is about what an entry holds in memory.
func entrySize(e *cached) int { return len(e.body) + len(e.key) + len(e.etag) + 128 }

// DefaultRowCacheBytes bounds the row cache when Options.RowCacheBytes is
// zero: some 16,000 claims, or more documents, each kept as its row and
// its JSON.
const DefaultRowCacheBytes = 32 << 20

// rowCache keeps claims' and documents' JSON by their rows
// (store.ClaimRows, DocRows): a row holds everything its JSON is made of,
// so what was made of a row stays right for as long as the row reads the
// same, whatever else is written to the store: unlike the response cache,
// it outlives writes. A claim's row and a document's never look alike:
// one is 53 values, the other 15.
// Least recently used is dropped first.
type rowCache struct {
	max int

	mu    sync.Mutex
	size  int
	lru   *list.List // of *cached (key the row, body the JSON), most recently used first
	byRow map[string]*list.Element
}

func newRowCache(max int) *rowCache {
	return &rowCache{max: max, lru: list.New(), byRow: map[string]*list.Element{}}
}

// get is the JSON kept for row, if any.
func (c *rowCache) get(row string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byRow[row]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cached).body, true
}

// known is what store.ClaimRows and DocRows ask of a reader: whether it
// keeps a row. They ask about each row just before they give it: *hit is
// then the JSON kept for the row they give without reading it.
func (c *rowCache) known() (known func(row string) bool, hit *[]byte) {
	hit = new([]byte)
	return func(row string) bool {
		var ok bool
		*hit, ok = c.get(row)
		return ok
	}, hit
}

// put keeps the JSON made of row.
func (c *rowCache) put(row string, body []byte) {
	e := &cached{key: row, body: body}
	if entrySize(e) > c.max/64 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byRow[row]; ok {
		c.lru.MoveToFront(el)
		return
	}
	c.byRow[row] = c.lru.PushFront(e)
	c.size += entrySize(e)
	for c.size > c.max {
		el := c.lru.Back()
		old := el.Value.(*cached)
		c.lru.Remove(el)
		delete(c.byRow, old.key)
		c.size -= entrySize(old)
	}
}
