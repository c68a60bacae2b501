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
			ID:       "LAMBDA-SUP-006",
			Title:    "Container image referenced by mutable tag, or its repository allows tag overwrite",
			Severity: finding.Medium,
			Category: "supply-chain",
			Description: "A container-image function names its image by URI. Lambda resolves a tag such as :latest to a digest when the code is deployed " +
				"(ResolvedImageUri) and keeps running that digest, but the tag itself is mutable: the next update-function-code, redeploy or rollback pulls whatever the tag " +
				"points to then, and the template no longer says which code runs. Referencing the image by digest (REPO@sha256:…) pins it. " +
				"When ECR answers are in the dump (ecr/describe-repositories, ecr/describe-images) the rule also reports repositories whose tags can be overwritten " +
				"(imageTagMutability MUTABLE), repositories that do not scan images on push, and functions whose deployed digest no longer carries any tag in the repository " +
				"(it can be cleaned up by a lifecycle policy, and nobody can tell which build it was). Code signing (LAMBDA-SUP-004) does not apply to images.",
			Remediation: "Deploy by digest: `aws lambda update-function-code --function-name NAME --image-uri ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO@sha256:DIGEST` " +
				"(CloudFormation `Code.ImageUri`, SAM `ImageUri`, Terraform `image_uri` with `@sha256:`). Make tags immutable: " +
				"`aws ecr put-image-tag-mutability --repository-name REPO --image-tag-mutability IMMUTABLE`; scan on push: " +
				"`aws ecr put-image-scanning-configuration --repository-name REPO --image-scanning-configuration scanOnPush=true` " +
				"(CloudFormation `AWS::ECR::Repository` `ImageTagMutability`/`ImageScanningConfiguration`; Terraform `aws_ecr_repository` `image_tag_mutability`/`image_scanning_configuration`).",
			References: []string{
				"https://docs.aws.amazon.com/lambda/latest/dg/images-create.html",
				"https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCodeLocation.html",
				"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
				"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html",
			},
		},
		Needs: []inventory.Section{inventory.SecFunctionDetails},
		Check: func(inv *inventory.Inventory, out *Results) {
			for _, f := range inv.Functions {
				checkImagePinning(inv, f, out)
			}
		},
	})
}

// imageRef is a container image URI split into its parts.
type imageRef struct {
	Account, Region, Repository string
	Tag, Digest                 string
}

// parseImageURI splits ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/REPO[:TAG|@DIGEST].
// Account and Region stay empty for other registries.
func parseImageURI(uri string) imageRef {
	var ref imageRef
	host, path, ok := strings.Cut(uri, "/")
	if !ok {
		return ref
	}
	if h := strings.Split(host, "."); len(h) >= 5 && h[1] == "dkr" && h[2] == "ecr" {
		ref.Account, ref.Region = h[0], h[3]
	}
	if repo, digest, ok := strings.Cut(path, "@"); ok {
		ref.Repository, ref.Digest = repo, digest
		return ref
	}
	ref.Repository = path
	if i := strings.LastIndex(path, ":"); i > strings.LastIndex(path, "/") {
		ref.Repository, ref.Tag = path[:i], path[i+1:]
	}
	return ref
}

func checkImagePinning(inv *inventory.Inventory, f *inventory.Function, out *Results) {
	if !strings.EqualFold(f.PackageType, "Image") {
		return
	}
	res := FunctionResource(f)
	if f.ImageURI == "" {
		out.Skip(res, fmt.Sprintf("the image URI of function %s was not collected (%s)", f.Name, inventory.SecFunctionDetails))
		return
	}
	ref := parseImageURI(f.ImageURI)
	deployed := parseImageURI(f.ResolvedImageURI).Digest
	if ref.Digest == "" {
		tag := ref.Tag
		if tag == "" {
			tag = "latest" // no tag means :latest
		}
		ev := []string{"Code.ImageUri: " + f.ImageURI}
		if f.ResolvedImageURI != "" {
			ev = append(ev, "Code.ResolvedImageUri: "+f.ResolvedImageURI+" (the digest Lambda resolved the tag to at deploy time)")
		}
		pinned := ref.Repository + "@" + orPlaceholder(deployed, "sha256:DIGEST")
		if i := strings.Index(f.ImageURI, "/"); i > 0 {
			pinned = f.ImageURI[:i+1] + pinned
		}
		out.Add(Hit{
			Resource: res,
			Function: f.Key(),
			Instance: "tag",
			Message: fmt.Sprintf("Function %s references its image by the mutable tag :%s; the next deployment runs whatever the tag points to then.",
				f.Name, tag),
			Evidence: ev,
			Remediation: fmt.Sprintf("Deploy by digest: `aws lambda update-function-code --function-name %s --image-uri %s%s` "+
				"(CloudFormation `Code.ImageUri`, SAM `ImageUri`, Terraform `image_uri`).", f.Name, pinned, regionFlag(f)),
		})
	}
	checkRepository(inv, f, ref, deployed, out)
}

func orPlaceholder(s, placeholder string) string {
	if s == "" {
		return placeholder
	}
	return s
}

// checkRepository judges the ECR repository of an image function, when the
// dump has it.
func checkRepository(inv *inventory.Inventory, f *inventory.Function, ref imageRef, deployed string, out *Results) {
	res := FunctionResource(f)
	if ref.Account == "" {
		return // not an ECR image: nothing to look up
	}
	r := findRegion(inv, ref.Account, ref.Region)
	if r == nil || !r.Has(inventory.SecECRRepositories) {
		out.Skip(res, fmt.Sprintf("the ECR repository %s of function %s was not collected (%s in %s/%s)", ref.Repository, f.Name, inventory.SecECRRepositories, ref.Account, ref.Region))
		return
	}
	repo := r.ECRRepository(ref.Repository)
	if repo == nil {
		out.Skip(res, fmt.Sprintf("the ECR repository %s of function %s is not in %s/%s/ecr/describe-repositories", ref.Repository, f.Name, ref.Account, ref.Region))
		return
	}
	if strings.HasPrefix(strings.ToUpper(repo.ImageTagMutability), "MUTABLE") {
		out.Add(Hit{
			Resource: res,
			Function: f.Key(),
			Instance: "tag-mutability",
			Message:  fmt.Sprintf("The ECR repository %s of function %s lets tags be overwritten, so a tag no longer identifies one build.", repo.Name, f.Name),
			Evidence: []string{fmt.Sprintf("%s: imageTagMutability = %s", repo.ARN, repo.ImageTagMutability)},
			Remediation: fmt.Sprintf("`aws ecr put-image-tag-mutability --repository-name %s --image-tag-mutability IMMUTABLE --region %s` "+
				"(CloudFormation `AWS::ECR::Repository` `ImageTagMutability: IMMUTABLE`; Terraform `image_tag_mutability = \"IMMUTABLE\"`).", repo.Name, ref.Region),
		})
	}
	if !repo.ScanOnPush {
		out.Add(Hit{
			Resource: res,
			Function: f.Key(),
			Instance: "scan-on-push",
			Severity: At(finding.Low),
			Message:  fmt.Sprintf("The ECR repository %s of function %s does not scan images for vulnerabilities when they are pushed.", repo.Name, f.Name),
			Evidence: []string{fmt.Sprintf("%s: imageScanningConfiguration.scanOnPush = false", repo.ARN)},
			Remediation: fmt.Sprintf("`aws ecr put-image-scanning-configuration --repository-name %s --image-scanning-configuration scanOnPush=true --region %s` "+
				"(or enhanced scanning with Amazon Inspector: `aws ecr put-registry-scanning-configuration --scan-type ENHANCED`; "+
				"CloudFormation `ImageScanningConfiguration.ScanOnPush: true`; Terraform `image_scanning_configuration { scan_on_push = true }`).", repo.Name, ref.Region),
		})
	}
	if deployed == "" || !repo.Images.Known {
		return
	}
	i := slices.IndexFunc(repo.Images.Value, func(img inventory.ECRImage) bool { return img.Digest == deployed })
	if i >= 0 && len(repo.Images.Value[i].Tags) > 0 {
		return
	}
	state := "is no longer in"
	if i >= 0 {
		state = "carries no tag in"
	}
	out.Add(Hit{
		Resource: res,
		Function: f.Key(),
		Instance: "untagged-digest",
		Message:  fmt.Sprintf("The image function %s runs (%s) %s repository %s: the tag it was deployed from has moved on.", f.Name, deployed, state, repo.Name),
		Evidence: []string{"Code.ResolvedImageUri: " + f.ResolvedImageURI, fmt.Sprintf("ecr describe-images %s: digest %s %s the repository", repo.Name, deployed, state)},
		Remediation: fmt.Sprintf("Redeploy the function from a tagged, scanned image by digest, or tag the running image so it can be traced and is kept: "+
			"`aws ecr batch-get-image --repository-name %s --image-ids imageDigest=%s --query 'images[0].imageManifest' --output text` and "+
			"`aws ecr put-image --repository-name %s --image-tag RELEASE --image-manifest MANIFEST`.", repo.Name, deployed, repo.Name),
	})
}

// findRegion returns the region of the given account in inv, or nil.
func findRegion(inv *inventory.Inventory, account, region string) *inventory.Region {
	for _, a := range inv.Accounts {
		if a.ID != account {
			continue
		}
		for _, r := range a.Regions {
			if r.Name == region {
				return r
			}
		}
	}
	return nil
}
