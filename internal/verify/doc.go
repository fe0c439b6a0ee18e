// Package verify checks stored claims against each other and against
// casualty documentation records, and says why, in numbers a person can
// check. It owns three judgements and their arithmetic:
//
//   - incidents: claims of several documents that report the same thing
//     (same kind, nearby places, overlapping days, compatible victims, cause
//     and actor) with every source's figure, a low / best / high estimate
//     and a grade: corroborated, single_source or contested;
//   - records verdicts: a claim's figure against the records of the same
//     place and days: consistent, overstated, understated, no_records or
//     out_of_coverage, with the ratio, the tolerance and the records used;
//   - one credibility summary per claim that puts these beside the
//     article's own flags, each part explained and none hidden in a score.
//
// The judgements are pure functions of Items and Records; Run reads them
// from a store and writes the results back.
package verify
