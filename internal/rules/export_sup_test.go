package rules

// RulesParseImageURIForTest exposes parseImageURI to the external tests.
func RulesParseImageURIForTest(uri string) [5]string {
	r := parseImageURI(uri)
	return [5]string{r.Account, r.Region, r.Repository, r.Tag, r.Digest}
}
