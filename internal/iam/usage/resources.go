package usage

import (
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/lambdasec/lambdasec/internal/cloudtrail"
	"github.com/lambdasec/lambdasec/internal/iam/catalog"
)

// templatePattern compiles a catalog ARN template into a regexp. Inner
// variables stop at ':' and '/'; the last one takes the rest, since names
// such as S3 keys and secret names may contain '/'. The literal length
// ranks templates: the most specific matching template names the type.
type templatePattern struct {
	re      *regexp.Regexp
	literal int
}

var (
	patternsMu sync.Mutex
	patterns   = map[string]*templatePattern{}
	templVar   = regexp.MustCompile(`\$\{[^}]*\}`)
)

func compile(tmpl string) *templatePattern {
	patternsMu.Lock()
	defer patternsMu.Unlock()
	if p, ok := patterns[tmpl]; ok {
		return p
	}
	vars := templVar.FindAllStringIndex(tmpl, -1)
	var b strings.Builder
	b.WriteString("^")
	last, literal := 0, 0
	for i, v := range vars {
		lit := tmpl[last:v[0]]
		literal += len(lit)
		b.WriteString(regexp.QuoteMeta(lit))
		if i == len(vars)-1 && v[1] == len(tmpl) {
			b.WriteString(".+")
		} else {
			b.WriteString("[^:/]*")
		}
		last = v[1]
	}
	literal += len(tmpl) - last
	b.WriteString(regexp.QuoteMeta(tmpl[last:]) + "$")
	p := &templatePattern{re: regexp.MustCompile(b.String()), literal: literal}
	patterns[tmpl] = p
	return p
}

// resourceType returns the most specific resource type of service whose
// ARN template matches arn, or "".
func resourceType(service string, types []string, arn string) string {
	best, bestLen := "", -1
	for _, t := range types {
		tmpl, ok := catalog.ResourceARN(service, t)
		if !ok {
			continue
		}
		p := compile(tmpl)
		if p.literal > bestLen && p.re.MatchString(arn) {
			best, bestLen = t, p.literal
		}
	}
	return best
}

// scopedARNs returns the ARNs the record names that are of a resource type
// action a supports, sorted and deduplicated; nil when there are none.
// known memoizes classifications (service and ARN → type), since logs name
// the same ARNs again and again; nil disables it.
func scopedARNs(r *cloudtrail.Record, a catalog.Action, known map[string]string) []string {
	if len(a.ResourceTypes) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, arn := range recordARNs(r) {
		if f := strings.SplitN(arn, ":", 4); len(f) < 4 || f[2] != a.Service {
			continue
		}
		// Classify against all of the service's types first, so an object
		// ARN is not taken for a bucket, then require the action's types.
		key := a.Service + "\x00" + arn
		t, ok := known[key]
		if !ok {
			t = resourceType(a.Service, serviceTypes(a.Service), arn)
			if known != nil {
				known[key] = t
			}
		}
		for _, want := range a.ResourceTypes {
			if t == want {
				seen[arn] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for arn := range seen {
		out = append(out, arn)
	}
	sort.Strings(out)
	return out
}

var (
	typesMu sync.Mutex
	types   = map[string][]string{}
)

// serviceTypes lists every resource type any action of the service names.
func serviceTypes(service string) []string {
	typesMu.Lock()
	defer typesMu.Unlock()
	if t, ok := types[service]; ok {
		return t
	}
	set := map[string]bool{}
	for _, a := range catalog.ServiceActions(service) {
		for _, t := range a.ResourceTypes {
			set[t] = true
		}
	}
	var out []string
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	types[service] = out
	return out
}

// recordARNs collects the ARNs a record names: its resources list, ARN
// values among the request parameters, and ARNs built from the parameters
// the common Lambda targets use (bucket and key, table, queue URL, secret,
// parameter, function name).
func recordARNs(r *cloudtrail.Record) []string {
	var arns []string
	for _, res := range r.Resources {
		if strings.HasPrefix(res.ARN, "arn:") {
			arns = append(arns, res.ARN)
		}
	}
	var params map[string]any
	if len(r.RequestParameters) == 0 || json.Unmarshal(r.RequestParameters, &params) != nil {
		return arns
	}
	str := func(k string) string { s, _ := params[k].(string); return s }
	for _, v := range params {
		if s, ok := v.(string); ok && strings.HasPrefix(s, "arn:") {
			arns = append(arns, s)
		}
	}
	partition := partitionOf(r)
	account := r.RecipientAccountID
	if account == "" {
		account = r.UserIdentity.AccountID
	}
	regional := func(service, rest string) string {
		return "arn:" + partition + ":" + service + ":" + r.AWSRegion + ":" + account + ":" + rest
	}
	switch Prefix(r.EventSource) {
	case "s3":
		if b := str("bucketName"); b != "" {
			arns = append(arns, "arn:"+partition+":s3:::"+b)
			if k := str("key"); k != "" {
				arns = append(arns, "arn:"+partition+":s3:::"+b+"/"+k)
			}
		}
	case "dynamodb":
		if t := str("tableName"); t != "" && !strings.HasPrefix(t, "arn:") {
			arns = append(arns, regional("dynamodb", "table/"+t))
			// Queries on an index are authorized on the index ARN.
			if i := str("indexName"); i != "" {
				arns = append(arns, regional("dynamodb", "table/"+t+"/index/"+i))
			}
		}
	case "sqs":
		if u, err := url.Parse(str("queueUrl")); err == nil && u.Host != "" {
			// https://sqs.REGION.amazonaws.com/ACCOUNT/NAME
			if parts := strings.Split(strings.Trim(u.Path, "/"), "/"); len(parts) == 2 {
				arns = append(arns, "arn:"+partition+":sqs:"+r.AWSRegion+":"+parts[0]+":"+parts[1])
			}
		}
	case "secretsmanager":
		// A secret's ARN ends in a random six-character suffix that a name
		// does not carry: match it with "-??????".
		if s := str("secretId"); s != "" && !strings.HasPrefix(s, "arn:") {
			arns = append(arns, regional("secretsmanager", "secret:"+s+"-??????"))
		}
	case "ssm":
		if n := str("name"); n != "" && !strings.HasPrefix(n, "arn:") {
			arns = append(arns, regional("ssm", "parameter/"+strings.TrimPrefix(n, "/")))
		}
	case "lambda":
		if f := str("functionName"); f != "" && !strings.HasPrefix(f, "arn:") && !strings.Contains(f, ":") {
			arns = append(arns, regional("lambda", "function:"+f))
		}
	}
	return arns
}

// partitionOf returns the partition of the caller's ARN (aws by default).
func partitionOf(r *cloudtrail.Record) string {
	if p := strings.SplitN(r.UserIdentity.ARN, ":", 3); len(p) == 3 && p[1] != "" {
		return p[1]
	}
	return "aws"
}
