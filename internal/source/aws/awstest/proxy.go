package awstest

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Faults are what the proxy injects. Rates are fractions of calls.
type Faults struct {
	Throttle float64       // throttling errors, in each protocol's own shape
	Server   float64       // HTTP 500
	Latency  time.Duration // added to every call
	// Deny answers AccessDenied to these operations ("lambda:GetPolicy").
	Deny []string
	Seed uint64 // for the random draws; the same seed gives the same faults
}

// Proxy is a reverse proxy in front of moto that records every AWS
// operation and injects faults.
type Proxy struct {
	URL    string
	faults Faults
	mu     sync.Mutex
	rng    *rand.Rand
	ops    map[string]int
}

// NewProxy starts a proxy to the moto endpoint on loopback; it stops when
// the test ends.
func NewProxy(tb testing.TB, endpoint string, f Faults) *Proxy {
	target, err := url.Parse(endpoint)
	if err != nil {
		tb.Fatal(err)
	}
	p := &Proxy{faults: f, rng: rand.New(rand.NewPCG(f.Seed, 1)), ops: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		svc, op := Operation(r, body)
		if svc == "" { // moto's own API, S3 downloads
			rp.ServeHTTP(w, r)
			return
		}
		name := svc + ":" + op
		p.mu.Lock()
		p.ops[name]++
		draw := p.rng.Float64()
		p.mu.Unlock()
		if f.Latency > 0 {
			time.Sleep(f.Latency)
		}
		switch {
		case slices.Contains(f.Deny, name):
			writeError(w, svc, http.StatusForbidden, "AccessDenied")
		case draw < f.Throttle:
			writeError(w, svc, http.StatusBadRequest, "Throttling")
		case draw < f.Throttle+f.Server:
			writeError(w, svc, http.StatusInternalServerError, "InternalFailure")
		default:
			rp.ServeHTTP(w, r)
		}
	}))
	tb.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// Operations returns every operation seen, with its count.
func (p *Proxy) Operations() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]int, len(p.ops))
	for k, v := range p.ops {
		out[k] = v
	}
	return out
}

// Total is the number of calls seen, retries included.
func (p *Proxy) Total() int {
	n := 0
	for _, v := range p.Operations() {
		n += v
	}
	return n
}

var signingService = regexp.MustCompile(`Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request`)

// Operation names the AWS operation of a signed request: the service from
// the SigV4 credential scope, the operation from the protocol (query
// Action, JSON X-Amz-Target, or the REST route). An unknown REST route is
// named by method and path so that a test sees it.
func Operation(r *http.Request, body []byte) (service, op string) {
	m := signingService.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		return "", ""
	}
	service = m[1]
	if t := r.Header.Get("X-Amz-Target"); t != "" {
		return service, t[strings.LastIndex(t, ".")+1:]
	}
	if q, err := url.ParseQuery(string(body)); err == nil && q.Get("Action") != "" {
		return service, q.Get("Action")
	}
	for _, rt := range restRoutes {
		if rt.service == service && rt.method == r.Method && rt.path.MatchString(r.URL.Path) && (rt.query == "" || r.URL.Query().Has(rt.query)) {
			return service, rt.op
		}
	}
	return service, r.Method + " " + r.URL.Path
}

type restRoute struct {
	service, method string
	path            *regexp.Regexp
	query           string // a query parameter the route needs
	op              string
}

func route(service, method, path, query, op string) restRoute {
	return restRoute{service, method, regexp.MustCompile("^" + path + "$"), query, op}
}

// restRoutes are the REST-JSON read operations of Lambda and GuardDuty (the
// paths of their API references). Order matters: the first match wins.
var restRoutes = []restRoute{
	route("lambda", "GET", `/2015-03-31/functions/?`, "", "ListFunctions"),
	route("lambda", "GET", `/2015-03-31/functions/[^/]+/policy/?`, "", "GetPolicy"),
	route("lambda", "GET", `/2015-03-31/functions/[^/]+/concurrency/?`, "", "GetFunctionConcurrency"),
	route("lambda", "GET", `/2015-03-31/functions/[^/]+/configuration/?`, "", "GetFunctionConfiguration"),
	route("lambda", "GET", `/2015-03-31/functions/[^/]+/?`, "", "GetFunction"),
	route("lambda", "GET", `/2021-10-31/functions/[^/]+/url/?`, "", "GetFunctionUrlConfig"),
	route("lambda", "GET", `/2020-06-30/functions/[^/]+/code-signing-config/?`, "", "GetFunctionCodeSigningConfig"),
	route("lambda", "GET", `/2019-09-25/functions/[^/]+/event-invoke-config/?`, "", "GetFunctionEventInvokeConfig"),
	route("lambda", "GET", `/2020-04-22/code-signing-configs/[^/]+/?`, "", "GetCodeSigningConfig"),
	route("lambda", "GET", `/2015-03-31/event-source-mappings/?`, "", "ListEventSourceMappings"),
	route("lambda", "GET", `/2018-10-31/layers/?`, "Arn", "GetLayerVersionByArn"),
	route("lambda", "GET", `/2018-10-31/layers/[^/]+/versions/[0-9]+/policy/?`, "", "GetLayerVersionPolicy"),
	route("lambda", "GET", `/2018-10-31/layers/[^/]+/versions/[0-9]+/?`, "", "GetLayerVersion"),
	route("guardduty", "GET", `/detector/?`, "", "ListDetectors"),
	route("guardduty", "GET", `/detector/[^/]+/?`, "", "GetDetector"),
}

// writeError answers with an AWS error in the service's protocol shape, so
// that the SDK classifies it as it would a real one.
func writeError(w http.ResponseWriter, service string, status int, kind string) {
	code := map[string]map[string]string{
		"Throttling":      {"query": "Throttling", "ec2": "RequestLimitExceeded", "json": "ThrottlingException", "rest": "TooManyRequestsException"},
		"AccessDenied":    {"query": "AccessDenied", "ec2": "UnauthorizedOperation", "json": "AccessDeniedException", "rest": "AccessDeniedException"},
		"InternalFailure": {"query": "InternalFailure", "ec2": "InternalError", "json": "InternalFailure", "rest": "ServiceException"},
	}[kind]
	msg := kind + " injected by the test proxy"
	switch service {
	case "ec2":
		if kind == "Throttling" {
			status = http.StatusServiceUnavailable
		}
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>00000000-0000-0000-0000-000000000000</RequestID></Response>`, code["ec2"], msg)
	case "iam", "sts":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`, code["query"], msg)
	case "lambda", "guardduty":
		if kind == "Throttling" {
			status = http.StatusTooManyRequests
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Amzn-ErrorType", code["rest"])
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"Type":"User","message":%q}`, msg)
	default: // JSON protocol: logs, cloudtrail, organizations
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, code["json"], msg)
	}
}
