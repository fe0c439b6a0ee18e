package serve

import (
	"container/list"
	"encoding/json"
	"iter"
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
	mu      sync.Mutex
	version string
	edits   int64 // the store's count of edits at version; -1: unknown
	lru
}

func newRespCache(max int) *respCache {
	return &respCache{edits: -1, lru: newLRU(max)}
}

// lru is what both caches keep: entries by key, least recently used
// dropped first once they hold more than max bytes. Its owner locks.
type lru struct {
	max   int
	size  int
	order *list.List // of *cached, most recently used first
	byKey map[string]*list.Element
}

func newLRU(max int) lru {
	return lru{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

// lookup is the entry kept for key, now the most recently used.
func (c *lru) lookup(key string) (*cached, bool) {
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cached), true
}

// add keeps e in place of any entry of its key, then drops the least
// recently used entries while the cache holds too much.
func (c *lru) add(e *cached) {
	if el, ok := c.byKey[e.key]; ok {
		c.remove(el)
	}
	c.byKey[e.key] = c.order.PushFront(e)
	c.size += entrySize(e)
	for c.size > c.max {
		c.remove(c.order.Back())
	}
}

func (c *lru) remove(el *list.Element) {
	e := c.order.Remove(el).(*cached)
	delete(c.byKey, e.key)
	c.size -= entrySize(e)
}

func (c *lru) empty() {
	c.order.Init()
	clear(c.byKey)
	c.size = 0
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
		c.empty()
	} else {
		for el := c.order.Front(); el != nil; {
			next := el.Next()
			if !el.Value.(*cached).stable {
				c.remove(el)
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
	return c.lookup(key)
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
	c.add(e)
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
	mu  sync.Mutex
	lru // of *cached: key the row, body the JSON
}

func newRowCache(max int) *rowCache {
	return &rowCache{lru: newLRU(max)}
}

// get is the JSON kept for row, if any.
func (c *rowCache) get(row string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.lookup(row)
	if !ok {
		return nil, false
	}
	return e.body, true
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
	c.add(e)
}

// encodedItems are values as JSON items, each encoded as it comes.
func encodedItems[V any](values iter.Seq2[V, error], item func(V) (id int64, out any)) iter.Seq2[rowItem, error] {
	return func(yield func(rowItem, error) bool) {
		for v, err := range values {
			var it rowItem
			if err == nil {
				var out any
				it.id, out = item(v)
				it.json, err = json.Marshal(out)
			}
			if !yield(it, err) {
				return
			}
		}
	}
}

// items are the rows read gets from the store, as JSON items: a row the
// cache knows, which the store then leaves unread, is its kept JSON;
// another is encoded and kept. read hands the store the cache's known;
// parts gives a row's id, its text and, for a row read, what its JSON is
// made of (nil for a row the cache knows).
func items[R any](c *rowCache, read func(known func(string) bool) iter.Seq2[R, error],
	parts func(R) (id int64, row string, value func() any)) iter.Seq2[rowItem, error] {
	return func(yield func(rowItem, error) bool) {
		known, hit := c.known()
		for r, err := range read(known) {
			if err != nil {
				yield(rowItem{}, err)
				return
			}
			id, row, value := parts(r)
			it := rowItem{id: id, json: *hit}
			if value != nil {
				if it.json, err = json.Marshal(value()); err != nil {
					yield(rowItem{}, err)
					return
				}
				if row != "" {
					c.put(row, it.json)
				}
			}
			if !yield(it, nil) {
				return
			}
		}
	}
}
