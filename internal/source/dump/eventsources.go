package dump

import "github.com/lambdasec/lambdasec/internal/inventory"

// eventSourceMappings is lambda list-event-source-mappings: one page.
type eventSourceMappings []*inventory.EventSourceMapping

func decodeEventSourceMappings(data []byte) (any, error) {
	var a struct {
		EventSourceMappings []struct {
			UUID                  string
			EventSourceMappingArn string
			EventSourceArn        string
			FunctionArn           string
			State                 string
			BatchSize             int
			DestinationConfig     struct {
				OnFailure struct{ Destination string }
			}
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make(eventSourceMappings, len(a.EventSourceMappings))
	for i, m := range a.EventSourceMappings {
		out[i] = &inventory.EventSourceMapping{
			UUID:           m.UUID,
			ARN:            m.EventSourceMappingArn,
			EventSourceARN: m.EventSourceArn,
			FunctionARN:    m.FunctionArn,
			State:          m.State,
			BatchSize:      m.BatchSize,
			OnFailure:      m.DestinationConfig.OnFailure.Destination,
		}
	}
	return out, nil
}

func (r *regionLoad) applyEventSourceMappings() {
	for _, f := range r.answers(inventory.SecEventSourceMappings) {
		r.region.EventSourceMappings = append(r.region.EventSourceMappings, f.answer.(eventSourceMappings)...)
	}
}
