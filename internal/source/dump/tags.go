package dump

// tagList is the [{"Key": …, "Value": …}] shape IAM and EC2 answer tags in.
type tagList []struct {
	Key   string
	Value string
}

// toMap returns the tags as a map; nil when there are none.
func (tl tagList) toMap() map[string]string {
	if len(tl) == 0 {
		return nil
	}
	m := make(map[string]string, len(tl))
	for _, t := range tl {
		m[t.Key] = t.Value
	}
	return m
}
