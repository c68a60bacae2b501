package rules

import (
	"strings"
	"time"
)

// The lifecycle of every Lambda managed runtime, as AWS publishes it on
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
// ("Supported runtimes" and "Deprecated runtimes" tables), read on
// runtimeTableDate. The page was read through stored copies of it; where two
// copies disagreed on the extended block dates of older runtimes, the copy
// that states its own date (2026-09-29) was kept. AWS calls future dates
// "projected" and moves them: refresh this table with the page, and move
// runtimeTableDate with it.
//
// Container-only runtimes (dotnet5.0, dotnet7, dotnet9) are absent: a function
// never names them in its Runtime field, its image does.
const runtimeTableDate = "2026-11-25"

// runtimeLifecycle is one runtime's lifecycle. A zero time means AWS has not
// published that date (preview runtimes, or a date the page leaves blank).
type runtimeLifecycle struct {
	Deprecated  time.Time // no more security patches or support
	BlockCreate time.Time // Lambda refuses to create functions on it
	BlockUpdate time.Time // Lambda refuses to update functions on it
}

// runtimes maps a runtime identifier (the function's Runtime field) to its
// lifecycle: deprecation, block function create, block function update.
var runtimes = map[string]runtimeLifecycle{
	// Node.js
	"nodejs":         lifecycle("2016-08-30", "2016-09-30", "2016-10-31"),
	"nodejs4.3":      lifecycle("2020-03-05", "2020-02-03", "2020-03-05"),
	"nodejs4.3-edge": lifecycle("2020-03-05", "2019-03-31", "2019-04-30"),
	"nodejs6.10":     lifecycle("2019-08-12", "2019-07-12", "2019-08-12"),
	"nodejs8.10":     lifecycle("2020-03-06", "2020-02-04", "2020-03-06"),
	"nodejs10.x":     lifecycle("2021-07-30", "2021-07-30", "2022-02-14"),
	"nodejs12.x":     lifecycle("2023-03-31", "2023-03-31", "2023-04-30"),
	"nodejs14.x":     lifecycle("2023-12-04", "2024-01-09", "2027-03-03"),
	"nodejs16.x":     lifecycle("2024-06-12", "2027-02-01", "2027-03-03"),
	"nodejs18.x":     lifecycle("2025-09-01", "2027-02-01", "2027-03-03"),
	"nodejs20.x":     lifecycle("2026-04-30", "2027-02-01", "2027-03-03"),
	"nodejs22.x":     lifecycle("2027-04-30", "2027-06-01", "2027-07-01"),
	"nodejs24.x":     lifecycle("2028-04-30", "2028-06-01", "2028-07-01"),
	"nodejs26.x":     lifecycle("", "", ""), // public preview, not scheduled

	// Python
	"python2.7":  lifecycle("2021-07-15", "2021-07-15", "2022-05-30"),
	"python3.6":  lifecycle("2022-07-18", "2022-07-18", "2022-08-29"),
	"python3.7":  lifecycle("2023-12-04", "2024-01-09", "2027-03-03"),
	"python3.8":  lifecycle("2024-10-14", "2027-02-01", "2027-03-03"),
	"python3.9":  lifecycle("2025-12-15", "2027-02-01", "2027-03-03"),
	"python3.10": lifecycle("2026-10-31", "2027-02-01", "2027-03-03"),
	"python3.11": lifecycle("2027-06-30", "2027-07-31", "2027-08-31"),
	"python3.12": lifecycle("2028-10-31", "2028-11-30", "2029-01-10"),
	"python3.13": lifecycle("2029-06-30", "2029-07-31", "2029-08-31"),
	"python3.14": lifecycle("2029-06-30", "2029-07-31", "2029-08-31"),
	"python3.15": lifecycle("", "", ""), // public preview, not scheduled

	// Java. The .al2023 variants keep an old Java on a current OS; the copies
	// of the page list only their deprecation date.
	"java8":         lifecycle("2024-01-08", "2024-02-08", "2027-03-03"),
	"java8.al2":     lifecycle("2027-06-30", "2027-07-31", "2027-08-31"),
	"java8.al2023":  lifecycle("2029-06-30", "", ""),
	"java11":        lifecycle("2027-06-30", "2027-07-31", "2027-08-31"),
	"java11.al2023": lifecycle("2029-06-30", "", ""),
	"java17":        lifecycle("2027-06-30", "2027-07-31", "2027-08-31"),
	"java17.al2023": lifecycle("2029-06-30", "", ""),
	"java21":        lifecycle("2029-06-30", "2029-07-31", "2029-08-31"),
	"java25":        lifecycle("2029-06-30", "2029-07-31", "2029-08-31"),

	// .NET
	"dotnetcore1.0": lifecycle("2019-06-27", "2019-06-30", "2019-07-30"),
	"dotnetcore2.0": lifecycle("2019-05-30", "2019-04-30", "2019-05-30"),
	"dotnetcore2.1": lifecycle("2022-01-05", "2022-01-05", "2022-04-13"),
	"dotnetcore3.1": lifecycle("2023-04-03", "2023-04-03", "2023-05-03"),
	"dotnet6":       lifecycle("2024-12-20", "2027-02-01", "2027-03-03"),
	"dotnet8":       lifecycle("2026-11-10", "2027-02-01", "2027-03-03"),
	"dotnet10":      lifecycle("2028-11-14", "2028-12-14", "2029-01-15"),

	// Go ran on its own runtime until Amazon Linux 1 ended; Go now runs on
	// the OS-only runtimes.
	"go1.x": lifecycle("2024-01-08", "2024-02-08", "2027-03-03"),

	// Ruby
	"ruby2.5": lifecycle("2021-07-30", "2021-07-30", "2022-03-31"),
	"ruby2.7": lifecycle("2023-12-07", "2024-01-09", "2027-03-03"),
	"ruby3.2": lifecycle("2026-03-31", "2027-02-01", "2027-03-03"),
	"ruby3.3": lifecycle("2027-03-31", "2027-04-30", "2027-05-31"),
	"ruby3.4": lifecycle("2028-03-31", "2028-04-30", "2028-05-31"),
	"ruby4.0": lifecycle("2029-03-31", "2029-04-30", "2029-05-31"),

	// OS-only runtimes (Go, Rust, custom runtimes)
	"provided":        lifecycle("2024-01-08", "2024-02-08", "2027-03-03"),
	"provided.al2":    lifecycle("2026-07-31", "2027-02-01", "2027-03-03"),
	"provided.al2023": lifecycle("2029-06-30", "2029-07-31", "2029-08-31"),
}

// newestRuntime names the runtime to move each language to: the newest
// generally available one on runtimeTableDate.
var newestRuntime = map[string]string{
	"nodejs":   "nodejs24.x",
	"python":   "python3.14",
	"java":     "java25",
	"dotnet":   "dotnet10",
	"ruby":     "ruby4.0",
	"provided": "provided.al2023",
	"go":       "provided.al2023",
}

// lifecycle builds a runtimeLifecycle from ISO dates; "" is a date not
// published. A malformed date is a typo in the table above, caught by the
// first test run.
func lifecycle(deprecated, blockCreate, blockUpdate string) runtimeLifecycle {
	return runtimeLifecycle{Deprecated: isoDay(deprecated), BlockCreate: isoDay(blockCreate), BlockUpdate: isoDay(blockUpdate)}
}

func isoDay(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic("rules: bad date in runtime table: " + s)
	}
	return t
}

// successorRuntime returns the runtime a function on id should move to, or
// "" when the language is not known.
func successorRuntime(id string) string {
	family := strings.TrimRight(strings.SplitN(id, ".", 2)[0], "0123456789")
	family = strings.TrimSuffix(family, "core") // dotnetcore → dotnet
	return newestRuntime[family]
}
