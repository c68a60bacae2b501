package dump

import "github.com/lambdasec/lambdasec/internal/inventory"

// detectorIDs is guardduty list-detectors.
type detectorIDs []string

func decodeDetectorIDs(data []byte) (any, error) {
	var a struct{ DetectorIds []string }
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	return detectorIDs(a.DetectorIds), nil
}

// decodeDetector reads guardduty get-detector, which does not repeat the
// detector's id: the file's name gives it.
func decodeDetector(data []byte) (any, error) {
	var a struct {
		Status   string
		Features []struct {
			Name   string
			Status string
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	d := &inventory.GuardDutyDetector{Status: a.Status}
	for _, f := range a.Features {
		if f.Name == "LAMBDA_NETWORK_LOGS" {
			d.LambdaNetworkLogs = inventory.Collected(f.Status == "ENABLED")
		}
	}
	return d, nil
}

// applyGuardDuty records the region's detector (a region has at most one):
// none when list-detectors lists none, its status when get-detector was
// collected for it.
func (r *regionLoad) applyGuardDuty() {
	var ids detectorIDs
	for _, f := range r.answers(inventory.SecGuardDuty) {
		ids = append(ids, f.answer.(detectorIDs)...)
	}
	// get-detector's coverage is list-detectors': it has no section.
	details := map[string]*inventory.GuardDutyDetector{}
	for _, f := range r.d.decoded(r.region.Name, cmdGetDetector) {
		details[f.resource] = f.answer.(*inventory.GuardDutyDetector)
	}
	if !r.region.Has(inventory.SecGuardDuty) {
		return
	}
	if len(ids) == 0 {
		r.region.GuardDuty = inventory.Collected[*inventory.GuardDutyDetector](nil)
		return
	}
	d := details[ids[0]]
	if d == nil {
		d = &inventory.GuardDutyDetector{}
	}
	d.ID = ids[0]
	r.region.GuardDuty = inventory.Collected(d)
}
