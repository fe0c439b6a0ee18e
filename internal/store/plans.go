package store

import "sync"

// planMemo keeps the plans of the periods a store was asked for lately:
// planning a half-year's claims on the 611,000-claim bench store counts
// about 16,000 index entries, 10 ms, more than reading its page, and the
// same periods are asked for again and again (a list and its next pages,
// the UI's filters). A stale plan is slower, never wrong: every plan kept
// reads exactly the period's claims (byNothing, which reads none, is not
// kept). A plan is made again once the store's claims grew by an eighth.
type planMemo struct {
	mu sync.Mutex
	m  map[planKey]memoPlan
}

// maxMemoPlans bounds a planMemo; when full it starts again empty.
const maxMemoPlans = 1024

// planKey is what planClaims's choice depends on.
type planKey struct {
	from, to string
	text     bool
	few      int // fewCandidates, which tests change
}

type memoPlan struct {
	pl     claimPlan
	claims int64 // the largest claim id when planned
}

func planKeyOf(f ClaimFilter) planKey {
	return planKey{from: f.From, to: f.To, text: f.Text != "", few: fewCandidates}
}

// recall is the plan kept for k, if it was made when the store held
// about as many claims as its largest claim id last says.
func (pm *planMemo) recall(k planKey, last int64) (claimPlan, bool) {
	pm.mu.Lock()
	defer pm.mu.Unlock()
	m, ok := pm.m[k]
	if !ok || last < m.claims || last > m.claims+m.claims/8 {
		return claimPlan{}, false
	}
	return m.pl, true
}

func (pm *planMemo) keep(k planKey, last int64, pl claimPlan) {
	if pl.dates == byNothing {
		return
	}
	pm.mu.Lock()
	defer pm.mu.Unlock()
	if pm.m == nil || len(pm.m) >= maxMemoPlans {
		pm.m = map[planKey]memoPlan{}
	}
	pm.m[k] = memoPlan{pl: pl, claims: last}
}
