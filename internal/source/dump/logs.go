package dump

import (
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

func decodeLogGroups(data []byte) (any, error) {
	var a struct {
		LogGroups []struct {
			LogGroupName         string `json:"logGroupName"`
			Arn                  string `json:"arn"`
			LogGroupArn          string `json:"logGroupArn"`
			RetentionInDays      int    `json:"retentionInDays"`
			KmsKeyId             string `json:"kmsKeyId"`
			DataProtectionStatus string `json:"dataProtectionStatus"`
		} `json:"logGroups"`
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.LogGroup, len(a.LogGroups))
	for i, g := range a.LogGroups {
		// "arn" ends in ":*" (it names the group's streams); logGroupArn,
		// which newer answers add, is the group's own ARN.
		arn := g.LogGroupArn
		if arn == "" {
			arn = strings.TrimSuffix(g.Arn, ":*")
		}
		out[i] = &inventory.LogGroup{
			Name:            g.LogGroupName,
			ARN:             arn,
			RetentionInDays: g.RetentionInDays,
			KMSKeyID:        g.KmsKeyId,
			DataProtection:  g.DataProtectionStatus,
		}
	}
	return out, nil
}

func (r *regionLoad) applyLogGroups() {
	addByID(r.answers(inventory.SecLogGroups), r.region.LogGroups, func(g *inventory.LogGroup) string { return g.Name })
}
