package place

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"
)

var benchNames = []string{"Raqqa", "Deir Ezzor", "Maarat al-Numan", "Aleppo", "Kharkov", "Manchester", "الرقة", "Tripoli", "Kafr Zeita", "Xqzzyv"}

func BenchmarkLookup(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		Lookup(benchNames[i%len(benchNames)])
	}
}

func BenchmarkIsKnown(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		IsKnown(benchNames[i%len(benchNames)])
	}
}

func BenchmarkResolve(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		Resolve(benchNames[i%len(benchNames)], Context{Country: "SY"})
	}
}

func BenchmarkResolveWithContext(b *testing.B) {
	var near []Entry
	for _, n := range []string{"Aleppo", "Idlib", "Hama", "Homs", "Latakia", "Raqqa", "Damascus", "Douma"} {
		e, _ := Resolve(n, Context{})
		near = append(near, e)
	}
	ctx := Context{Country: "SY", Admin1: "Hama", Near: near}
	for i := 0; b.Loop(); i++ {
		Resolve(benchNames[i%len(benchNames)], ctx)
	}
}

// firstUseChild is set in the environment of the child process that
// TestFirstUseIsCheap starts.
const firstUseChild = "PLACE_FIRST_USE_CHILD"

// TestFirstUseIsCheap runs a fresh process (this test binary) that
// resolves one name, and checks the package's initialisation and the first
// call: the gazetteer is read in place, so neither may load it. GODEBUG
// inittrace reports the package's init cost.
func TestFirstUseIsCheap(t *testing.T) {
	if os.Getenv(firstUseChild) != "" {
		start := time.Now()
		e, ok := Resolve("Raqqa", Context{Country: "SY"})
		d := time.Since(start)
		if !ok || e.GeonamesID != 172955 {
			os.Exit(3)
		}
		os.Stdout.WriteString("first-use-ns " + strconv.FormatInt(d.Nanoseconds(), 10) + "\n")
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFirstUseIsCheap$", "-test.count=1")
	cmd.Env = append(os.Environ(), firstUseChild+"=1", "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`first-use-ns (\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("child printed no timing:\n%s", out)
	}
	ns, _ := strconv.ParseInt(string(m[1]), 10, 64)
	first := time.Duration(ns)
	// inittrace: "init github.com/tallyhq/tally/internal/place @0.9 ms, 0.005 ms clock, 1234 bytes, 12 allocs"
	initClock, initBytes := 0.0, int64(0)
	if im := regexp.MustCompile(`init github\.com/tallyhq/tally/internal/place @[\d.]+ ms, ([\d.]+) ms clock, (\d+) bytes`).FindSubmatch(out); im != nil {
		initClock, _ = strconv.ParseFloat(string(im[1]), 64)
		initBytes, _ = strconv.ParseInt(string(im[2]), 10, 64)
	}
	t.Logf("package init: %.3f ms, %d bytes; first Resolve in a fresh process: %v; embedded data %d bytes",
		initClock, initBytes, first, EmbeddedSize())
	// Bytes, not time, are asserted: a loaded machine (or -race) stretches
	// the clock, while loading the gazetteer would cost megabytes. Times
	// are logged and measured by bench/startup.sh.
	if initBytes > 64<<10 {
		t.Errorf("package init allocates %d bytes (%.3f ms): something is loaded at start-up", initBytes, initClock)
	}
}
