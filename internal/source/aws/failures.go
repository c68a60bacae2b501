package aws

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// Failure is one call whose answer is missing from the dump.
type Failure struct {
	Account   string `json:"Account,omitempty"`
	Region    string `json:"Region,omitempty"`
	Operation string `json:"Operation"`      // service:Operation
	Path      string `json:"Path,omitempty"` // the dump file that is missing
	// Kind is access-denied, unsupported (the endpoint does not implement
	// the operation or the service is not available in the region) or
	// error.
	Kind    string `json:"Kind"`
	Code    string `json:"Code,omitempty"` // the AWS error code
	Message string `json:"Message"`
}

func (f Failure) String() string {
	scope := f.Account
	if f.Region != "" {
		scope += "/" + f.Region
	}
	s := fmt.Sprintf("%s: %s: %s", scope, f.Operation, f.Kind)
	if f.Path != "" {
		s += " (" + f.Path + " not collected)"
	}
	return s + ": " + f.Message
}

// Failure kinds.
const (
	KindAccessDenied = "access-denied"
	KindUnsupported  = "unsupported"
	KindError        = "error"
)

// outcome is what an error means for the dump.
type outcome int

const (
	failed outcome = iota // the answer is missing: "not collected"
	none                  // AWS says there is none: write {}
)

// classify tells "there is none" (ResourceNotFoundException where the
// caller allows it) from a failure, and names the failure's kind.
func classify(err error, notFoundIsNone bool) (outcome, string, string) {
	code := ""
	var ae smithy.APIError
	if errors.As(err, &ae) {
		code = ae.ErrorCode()
	}
	if notFoundIsNone && code == "ResourceNotFoundException" {
		return none, "", code
	}
	status := 0
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		status = re.HTTPStatusCode()
	}
	switch {
	case strings.HasSuffix(code, "NotFoundException"):
		// The resource went away between the list and the get.
		return failed, KindError, code
	case strings.Contains(code, "AccessDenied") || code == "UnauthorizedOperation" || code == "UnrecognizedClientException" ||
		code == "AuthorizationError" || code == "AWSOrganizationsNotInUseException" || status == http.StatusForbidden:
		return failed, KindAccessDenied, code
	case code == "NotImplemented" || code == "InvalidAction" || code == "UnknownOperationException" ||
		code == "OptInRequired" || code == "SubscriptionRequiredException" ||
		status == http.StatusNotFound || status == http.StatusNotImplemented:
		return failed, KindUnsupported, code
	}
	return failed, KindError, code
}

// fail records a failed call.
func (c *collector) fail(f Failure) {
	c.mu.Lock()
	c.failures = append(c.failures, f)
	c.mu.Unlock()
	if c.opts.Log != nil {
		c.mu.Lock()
		fmt.Fprintln(c.opts.Log, "lambdasec: collect:", f.String())
		c.mu.Unlock()
	}
}

func sortFailures(fs []Failure) []Failure {
	slices.SortFunc(fs, func(a, b Failure) int {
		return cmp.Or(cmp.Compare(a.Account, b.Account), cmp.Compare(a.Region, b.Region),
			cmp.Compare(a.Path, b.Path), cmp.Compare(a.Operation, b.Operation))
	})
	return fs
}

// writeErrors writes the collection log, collection-errors.json, to the
// dump root: {"Errors": [...]}, empty for a complete run, so that a dump
// says by itself whether it is whole.
func (c *collector) writeErrors(fs []Failure) error {
	if fs == nil {
		fs = []Failure{}
	}
	data, err := json.MarshalIndent(struct{ Errors []Failure }{fs}, "", "    ")
	if err != nil {
		return err
	}
	return c.out.Write(ErrorsFile, data)
}
