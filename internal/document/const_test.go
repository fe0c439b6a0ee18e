package document

// Paths to the shared corpus, relative to this package.
const (
	seedFile = "../../../shared/corpus/seed/sputnik-2018-04-07-raqqa-mines.txt"
	fakesDev = "../../../shared/corpus/fakes-dev/fakes-dev.csv"
)
