package dump

import "github.com/lambdasec/lambdasec/internal/inventory"

// decodeCodeSigningConfig reads lambda get-code-signing-config; the answer
// is a nil configuration when it holds none.
func decodeCodeSigningConfig(data []byte) (any, error) {
	var a struct {
		CodeSigningConfig *struct {
			CodeSigningConfigId  string
			CodeSigningConfigArn string
			Description          string
			AllowedPublishers    struct{ SigningProfileVersionArns []string }
			CodeSigningPolicies  struct{ UntrustedArtifactOnDeployment string }
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	c := a.CodeSigningConfig
	if c == nil || c.CodeSigningConfigArn == "" {
		return (*inventory.CodeSigningConfig)(nil), nil
	}
	return &inventory.CodeSigningConfig{
		ARN:                           c.CodeSigningConfigArn,
		ID:                            c.CodeSigningConfigId,
		Description:                   c.Description,
		AllowedPublishers:             c.AllowedPublishers.SigningProfileVersionArns,
		UntrustedArtifactOnDeployment: c.CodeSigningPolicies.UntrustedArtifactOnDeployment,
	}, nil
}

func (r *regionLoad) applyCodeSigningConfigs() {
	for _, f := range r.answers(inventory.SecCodeSigningConfigs) {
		if c := f.answer.(*inventory.CodeSigningConfig); c != nil {
			r.region.CodeSigningConfigs[c.ARN] = c
		}
	}
}
