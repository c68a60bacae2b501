package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-SUP-003",
			Title:    "Code or layer hash differs from the lock file",
			Severity: finding.High,
			Category: "supply-chain",
			Description: "`lambdasec lock` records what each function ran when it was written: the deployment package's SHA-256 (or the image digest Lambda resolved) " +
				"and the content hash of every layer version. `lambdasec scan --lock FILE` compares the account against it and reports every difference: " +
				"changed code, changed content under the same layer version ARN (the Lambda API has no call that updates a published layer version, so the evidence itself deserves scrutiny), layers added to or removed " +
				"from a function, and functions that appeared or disappeared in an account the lock covers. Code that changed outside the release pipeline is " +
				"how persistence and supply-chain tampering look from the outside. The rule runs only when a lock file is given.",
			Remediation: "Find out who changed it (CloudTrail UpdateFunctionCode, UpdateFunctionConfiguration, PublishLayerVersion events), redeploy the reviewed build if the change " +
				"was not yours, and write a new lock with `lambdasec lock -o lambdasec.lock` when it was a release.",
			Compliance: []string{"MITRE ATT&CK T1195.002"},
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html",
				"https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersion.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctions},
		Check: checkLockDrift,
	})
}

func checkLockDrift(inv *inventory.Inventory, out *Results) {
	lock := inv.Settings.Lock
	if lock == nil {
		return
	}
	byARN := make(map[string]*inventory.Function, len(inv.Functions))
	for _, f := range inv.Functions {
		byARN[f.ARN] = f
	}
	locked := map[string]bool{}
	covered := map[string]bool{} // accounts the lock speaks for
	for i := range lock.Functions {
		lf := &lock.Functions[i]
		locked[lf.ARN] = true
		covered[arnAccount(lf.ARN)] = true
		f := byARN[lf.ARN]
		if f == nil {
			reportMissingFunction(inv, lock, lf, out)
			continue
		}
		checkFunctionDrift(lock, lf, f, out)
	}
	for _, f := range inv.Functions {
		if f.ARN != "" && !locked[f.ARN] && f.Account != nil && covered[f.Account.ID] {
			out.Add(Hit{
				Resource: FunctionResource(f),
				Function: f.Key(),
				Instance: "new-function",
				Severity: At(finding.Medium),
				Message:  fmt.Sprintf("Function %s is not in the lock file %s: it was created (or renamed) after the lock was written.", f.Name, lock.Path),
				Evidence: []string{fmt.Sprintf("%s: no \"function %s\" entry", lock.Path, f.ARN)},
			})
		}
	}
	checkLayerDrift(inv, lock, out)
}

// reportMissingFunction reports a locked function the scan did not find,
// when the scan covered its region.
func reportMissingFunction(inv *inventory.Inventory, lock *inventory.Lock, lf *inventory.LockedFunction, out *Results) {
	res := finding.Resource{ARN: lf.ARN, Type: "AWS::Lambda::Function", Name: arnName(lf.ARN), Account: arnAccount(lf.ARN), Region: arnRegion(lf.ARN)}
	r := findRegion(inv, res.Account, res.Region)
	if r == nil || !r.Has(inventory.SecFunctions) {
		if len(inv.Accounts) > 0 && findAccount(inv, res.Account) != nil {
			out.Skip(res, fmt.Sprintf("region %s of account %s was not scanned (lambda/list-functions), so the locked function %s cannot be compared", res.Region, res.Account, res.Name))
		}
		return
	}
	out.Add(Hit{
		Resource: res,
		Instance: "missing-function",
		Severity: At(finding.Medium),
		Message:  fmt.Sprintf("Function %s is in the lock file %s but no longer in the account: it was deleted or renamed.", res.Name, lock.Path),
		Evidence: []string{fmt.Sprintf("%s line %d: function %s", lock.Path, lf.Line, lf.ARN)},
	})
}

func checkFunctionDrift(lock *inventory.Lock, lf *inventory.LockedFunction, f *inventory.Function, out *Results) {
	res := FunctionResource(f)
	where := fmt.Sprintf("%s line %d", lock.Path, lf.Line)
	switch {
	case lf.ImageDigest != "":
		now := imageDigest(f.ResolvedImageURI)
		switch {
		case lf.ImageDigest == inventory.LockUnknown || now == "":
			out.Skip(res, fmt.Sprintf("the image digest of %s is unknown in the lock file or the scan (get-function not collected)", f.Name))
		case now != lf.ImageDigest:
			out.Add(Hit{
				Resource: res, Function: f.Key(), Instance: "image",
				Message:  fmt.Sprintf("Function %s runs image %s, not the locked %s.", f.Name, now, lf.ImageDigest),
				Evidence: []string{fmt.Sprintf("locked (%s): image %s", where, lf.ImageDigest), "now: Code.ResolvedImageUri " + f.ResolvedImageURI},
			})
		}
	case lf.CodeSha256 != inventory.LockUnknown && f.CodeSha256 != "" && f.CodeSha256 != lf.CodeSha256:
		out.Add(Hit{
			Resource: res, Function: f.Key(), Instance: "code",
			Message:  fmt.Sprintf("The code of function %s changed since the lock: CodeSha256 %s, locked %s.", f.Name, f.CodeSha256, lf.CodeSha256),
			Evidence: []string{fmt.Sprintf("locked (%s): code %s", where, lf.CodeSha256), "now: CodeSha256 " + f.CodeSha256, "LastModified: " + f.LastModified},
		})
	case lf.CodeSha256 == inventory.LockUnknown || f.CodeSha256 == "":
		out.Skip(res, fmt.Sprintf("the code hash of %s is unknown in the lock file or the scan", f.Name))
	}
	var was, now []string
	for _, l := range lf.Layers {
		was = append(was, l.ARN)
	}
	for _, l := range f.Layers {
		now = append(now, l.ARN)
	}
	if slices.Equal(was, now) {
		return
	}
	var added, removed []string
	for _, a := range now {
		if !slices.Contains(was, a) {
			added = append(added, a)
		}
	}
	for _, a := range was {
		if !slices.Contains(now, a) {
			removed = append(removed, a)
		}
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, "added "+strings.Join(added, ", "))
	}
	if len(removed) > 0 {
		parts = append(parts, "removed "+strings.Join(removed, ", "))
	}
	if len(parts) == 0 {
		parts = append(parts, "reordered (later layers override files of earlier ones)")
	}
	out.Add(Hit{
		Resource: res, Function: f.Key(), Instance: "layers",
		Message: fmt.Sprintf("The layers of function %s changed since the lock: %s.", f.Name, strings.Join(parts, "; ")),
		Evidence: []string{
			fmt.Sprintf("locked (%s): %s", where, listOrNone(was)),
			"now: " + listOrNone(now),
		},
	})
}

// checkLayerDrift reports each layer version whose content hash differs
// from the lock, once per layer version however many functions use it.
func checkLayerDrift(inv *inventory.Inventory, lock *inventory.Lock, out *Results) {
	type lockedHash struct {
		hash, where string
	}
	var order []string
	locked := map[string][]lockedHash{}
	for _, lf := range lock.Functions {
		for _, l := range lf.Layers {
			if l.CodeSha256 == inventory.LockUnknown {
				continue
			}
			if _, ok := locked[l.ARN]; !ok {
				order = append(order, l.ARN)
			}
			if !slices.ContainsFunc(locked[l.ARN], func(h lockedHash) bool { return h.hash == l.CodeSha256 }) {
				locked[l.ARN] = append(locked[l.ARN], lockedHash{l.CodeSha256, fmt.Sprintf("%s line %d", lock.Path, l.Line)})
			}
		}
	}
	current := map[string]*inventory.LayerVersion{}
	users := map[string][]string{}
	for _, f := range inv.Functions {
		for _, l := range f.Layers {
			if l.Layer != nil {
				current[l.ARN] = l.Layer
			}
			users[l.ARN] = append(users[l.ARN], f.Name)
		}
	}
	for _, arn := range order {
		if len(users[arn]) == 0 {
			continue // no scanned function uses it any more: reported as removed
		}
		ref, _ := parseLayerARN(arn)
		res := finding.Resource{ARN: arn, Type: "AWS::Lambda::LayerVersion", Name: ref.Name + ":" + ref.Version, Account: ref.Account, Region: ref.Region}
		l := current[arn]
		if l == nil || l.CodeSha256 == "" {
			out.Skip(res, fmt.Sprintf("the layer version %s was not collected (lambda get-layer-version), so its content hash cannot be compared with the lock", res.Name))
			continue
		}
		for _, h := range locked[arn] {
			if h.hash == l.CodeSha256 {
				continue
			}
			out.Add(Hit{
				Resource: res,
				Instance: "layer-content",
				Message: fmt.Sprintf("The content of layer version %s changed under the same version ARN: CodeSha256 %s, locked %s. Functions using it: %s.",
					res.Name, l.CodeSha256, h.hash, strings.Join(uniq(users[arn]), ", ")),
				Evidence: []string{fmt.Sprintf("locked (%s): layer %s %s", h.where, arn, h.hash), "now: Content.CodeSha256 " + l.CodeSha256},
			})
		}
	}
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "no layers"
	}
	return strings.Join(xs, ", ")
}

// imageDigest returns the digest of REPO@sha256:…, or "".
func imageDigest(uri string) string { return parseImageURI(uri).Digest }

func arnPart(arn string, i int) string {
	p := strings.Split(arn, ":")
	if len(p) <= i {
		return ""
	}
	return p[i]
}

func arnRegion(arn string) string  { return arnPart(arn, 3) }
func arnAccount(arn string) string { return arnPart(arn, 4) }
func arnName(arn string) string    { return arnPart(arn, 6) }

// findAccount returns the account with the given id in inv, or nil.
func findAccount(inv *inventory.Inventory, id string) *inventory.Account {
	for _, a := range inv.Accounts {
		if a.ID == id {
			return a
		}
	}
	return nil
}
