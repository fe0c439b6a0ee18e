package store

import (
	"sync"
	"weak"
)

// planMemo keeps the plans of the periods asked for lately, per store:
// planning a half-year's claims on the 611,000-claim bench store counts
// about 16,000 index entries, 10 ms, more than reading its page, and the
// same periods are asked for again and again (a list and its next pages,
// the UI's filters). A stale plan is slower, never wrong: every plan kept
// reads exactly the period's claims (byNothing, which reads none, is not
// kept). A plan is made again once the store's claims grew by an eighth.
var planMemo = struct {
	sync.Mutex
	m map[planKey]memoPlan
}{m: map[planKey]memoPlan{}}

// maxMemoPlans bounds planMemo; when full it starts again empty.
const maxMemoPlans = 1024

// planKey is what planClaims's choice depends on. The store is held
// weakly: a closed store's plans go with the next emptying.
type planKey struct {
	st       weak.Pointer[Store]
	from, to string
	text     bool
	few      int // fewCandidates, which tests change
}

type memoPlan struct {
	pl     claimPlan
	claims int64 // the largest claim id when planned
}

func (s *Store) memoKey(f ClaimFilter) planKey {
	return planKey{st: weak.Make(s), from: f.From, to: f.To, text: f.Text != "", few: fewCandidates}
}

// recallPlan is the plan kept for k, if it was made when the store held
// about as many claims as its largest claim id last says.
func recallPlan(k planKey, last int64) (claimPlan, bool) {
	planMemo.Lock()
	defer planMemo.Unlock()
	m, ok := planMemo.m[k]
	if !ok || last < m.claims || last > m.claims+m.claims/8 {
		return claimPlan{}, false
	}
	return m.pl, true
}

func keepPlan(k planKey, last int64, pl claimPlan) {
	if pl.dates == byNothing {
		return
	}
	planMemo.Lock()
	defer planMemo.Unlock()
	if len(planMemo.m) >= maxMemoPlans {
		clear(planMemo.m)
	}
	planMemo.m[k] = memoPlan{pl: pl, claims: last}
}
