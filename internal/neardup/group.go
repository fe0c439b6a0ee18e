package neardup

// Group assigns each signature a report group: the index of the group's
// first member, so that sigs[i] and sigs[j] are one report when
// Group(sigs)[i] == Group(sigs)[j]. Candidates come from shared band keys
// and are confirmed with Same. Grouping is transitive (single linkage): a
// story reprinted in full by one outlet and in part by another joins both
// copies even when the two partial copies overlap less than Threshold.
// Texts with no words are never grouped with anything, since sharing no
// words is no evidence of sharing a source.
func Group(sigs []Signature) []int {
	parent := make([]int, len(sigs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byKey := make(map[uint64][]int)
	for i, s := range sigs {
		if s.Empty() {
			continue
		}
		for _, k := range s.Bands() {
			byKey[k] = append(byKey[k], i)
		}
	}
	for _, members := range byKey {
		for x, i := range members {
			for _, j := range members[x+1:] {
				ri, rj := find(i), find(j)
				if ri == rj || !Same(sigs[i], sigs[j]) {
					continue
				}
				// The smaller root wins so that a group is named by its
				// first member.
				if ri < rj {
					parent[rj] = ri
				} else {
					parent[ri] = rj
				}
			}
		}
	}
	out := make([]int, len(sigs))
	for i := range out {
		out[i] = find(i)
	}
	return out
}
