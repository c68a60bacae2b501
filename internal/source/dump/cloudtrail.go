package dump

import "github.com/lambdasec/lambdasec/internal/inventory"

func decodeTrails(data []byte) (any, error) {
	var a struct {
		TrailList []struct {
			Name                       string
			TrailARN                   string
			HomeRegion                 string
			IsMultiRegionTrail         bool
			IsOrganizationTrail        bool
			S3BucketName               string
			KmsKeyId                   string
			LogFileValidationEnabled   bool
			CloudWatchLogsLogGroupArn  string
			IncludeGlobalServiceEvents bool
		} `json:"trailList"`
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.Trail, len(a.TrailList))
	for i, t := range a.TrailList {
		out[i] = &inventory.Trail{
			Name:                       t.Name,
			ARN:                        t.TrailARN,
			HomeRegion:                 t.HomeRegion,
			IsMultiRegion:              t.IsMultiRegionTrail,
			IsOrganizationTrail:        t.IsOrganizationTrail,
			S3BucketName:               t.S3BucketName,
			KMSKeyID:                   t.KmsKeyId,
			LogFileValidationEnabled:   t.LogFileValidationEnabled,
			CloudWatchLogsLogGroupARN:  t.CloudWatchLogsLogGroupArn,
			IncludeGlobalServiceEvents: t.IncludeGlobalServiceEvents,
		}
	}
	return out, nil
}

// trailSelectors is cloudtrail get-event-selectors.
type trailSelectors struct {
	trailARN  string
	selectors *inventory.EventSelectors
}

func decodeEventSelectors(data []byte) (any, error) {
	var a struct {
		TrailARN       string
		EventSelectors []struct {
			ReadWriteType           string
			IncludeManagementEvents bool
			DataResources           []struct {
				Type   string
				Values []string
			}
		}
		AdvancedEventSelectors []struct {
			Name           string
			FieldSelectors []struct {
				Field         string
				Equals        []string
				StartsWith    []string
				EndsWith      []string
				NotEquals     []string
				NotStartsWith []string
				NotEndsWith   []string
			}
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	s := &inventory.EventSelectors{}
	for _, e := range a.EventSelectors {
		sel := inventory.EventSelector{ReadWriteType: e.ReadWriteType, IncludeManagementEvents: e.IncludeManagementEvents}
		for _, d := range e.DataResources {
			sel.DataResources = append(sel.DataResources, inventory.DataResource{Type: d.Type, Values: d.Values})
		}
		s.Basic = append(s.Basic, sel)
	}
	for _, e := range a.AdvancedEventSelectors {
		sel := inventory.AdvancedEventSelector{Name: e.Name}
		for _, f := range e.FieldSelectors {
			sel.FieldSelectors = append(sel.FieldSelectors, inventory.FieldSelector(f))
		}
		s.Advanced = append(s.Advanced, sel)
	}
	return &trailSelectors{trailARN: a.TrailARN, selectors: s}, nil
}

// trailStatus is cloudtrail get-trail-status; isLogging is nil when the
// answer does not say.
type trailStatus struct{ isLogging *bool }

func decodeTrailStatus(data []byte) (any, error) {
	var a struct{ IsLogging *bool }
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	return &trailStatus{a.IsLogging}, nil
}

// applyTrails adds the region's trails and pairs the per-trail answers with
// them: by the trail ARN an answer names, else by the file's name (the
// trail's name). Answers about trails describe-trails did not list are
// dropped.
func (r *regionLoad) applyTrails() {
	byARN, byName := map[string]*inventory.Trail{}, map[string]*inventory.Trail{}
	for _, f := range r.answers(inventory.SecTrails) {
		for _, t := range f.answer.([]*inventory.Trail) {
			r.region.Trails = append(r.region.Trails, t)
			byARN[t.ARN], byName[t.Name] = t, t
		}
	}
	trail := func(arn, name string) *inventory.Trail {
		if t := byARN[arn]; t != nil && arn != "" {
			return t
		}
		return byName[name]
	}
	for _, f := range r.answers(inventory.SecEventSelectors) {
		s := f.answer.(*trailSelectors)
		if t := trail(s.trailARN, f.resource); t != nil {
			t.EventSelectors = inventory.Collected(s.selectors)
		}
	}
	for _, f := range r.answers(inventory.SecTrailStatus) {
		s := f.answer.(*trailStatus)
		if t := trail("", f.resource); t != nil && s.isLogging != nil {
			t.IsLogging = inventory.Collected(*s.isLogging)
		}
	}
}
