package dump

import (
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// decodeLayerVersion reads lambda get-layer-version. A version deleted after
// a function attached it answers {}: a nil layer version.
func decodeLayerVersion(data []byte) (any, error) {
	var a struct {
		LayerVersionArn string
		LayerArn        string
		Version         int64
		Description     string
		CreatedDate     string
		Content         struct {
			CodeSha256 string
			CodeSize   int64
		}
		CompatibleRuntimes      []string
		CompatibleArchitectures []string
		LicenseInfo             string
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	if a.LayerVersionArn == "" {
		return (*inventory.LayerVersion)(nil), nil
	}
	l := &inventory.LayerVersion{
		ARN:                     a.LayerVersionArn,
		LayerARN:                a.LayerArn,
		Version:                 a.Version,
		Description:             a.Description,
		CreatedDate:             a.CreatedDate,
		CodeSha256:              a.Content.CodeSha256,
		CodeSize:                a.Content.CodeSize,
		CompatibleRuntimes:      a.CompatibleRuntimes,
		CompatibleArchitectures: a.CompatibleArchitectures,
		LicenseInfo:             a.LicenseInfo,
	}
	if arn, ok := parseARN(a.LayerVersionArn); ok {
		l.AccountID, l.Name = arn.Account, layerNameFromARN(arn)
	}
	return l, nil
}

// applyLayers adds the layer versions, then pairs each layer-version policy
// with the version filed at the same LAYER/VERSION path: the policy answer
// does not say which version it is about.
func (r *regionLoad) applyLayers() {
	for _, f := range r.answers(inventory.SecLayerVersions) {
		if l := f.answer.(*inventory.LayerVersion); l != nil {
			l.Region = r.region.Name
			r.region.Layers[l.ARN] = l
			r.layersAt[f.resource] = l
		}
	}
	for _, f := range r.answers(inventory.SecLayerPolicies) {
		if l := r.layersAt[f.resource]; l != nil {
			l.Policy = inventory.Collected(f.answer.(*policy.Document))
		}
	}
}
