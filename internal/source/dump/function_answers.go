package dump

import (
	"fmt"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// decodeResourcePolicy reads lambda get-policy and get-layer-version-policy:
// {"Policy": "<document as a JSON string>", "RevisionId": …}, or {} when
// there is no policy (a nil document).
func decodeResourcePolicy(data []byte) (any, error) {
	var a struct{ Policy string }
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	if a.Policy == "" {
		return (*policy.Document)(nil), nil
	}
	doc, err := policy.ParseString(a.Policy)
	if err != nil {
		return nil, fmt.Errorf("Policy is not a JSON policy document: %w", err)
	}
	return doc, nil
}

// functionURL is lambda get-function-url-config; url is nil for {}.
type functionURL struct {
	functionARN string
	url         *inventory.FunctionURL
}

func decodeFunctionURL(data []byte) (any, error) {
	var a struct {
		FunctionUrl string
		FunctionArn string
		AuthType    string
		InvokeMode  string
		Cors        *struct {
			AllowCredentials bool
			AllowHeaders     []string
			AllowMethods     []string
			AllowOrigins     []string
			ExposeHeaders    []string
			MaxAge           int
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	u := &functionURL{functionARN: a.FunctionArn}
	if a.FunctionUrl == "" {
		return u, nil
	}
	u.url = &inventory.FunctionURL{URL: a.FunctionUrl, AuthType: a.AuthType, InvokeMode: a.InvokeMode}
	if c := a.Cors; c != nil {
		u.url.CORS = &inventory.CORS{
			AllowCredentials: c.AllowCredentials,
			AllowHeaders:     c.AllowHeaders,
			AllowMethods:     c.AllowMethods,
			AllowOrigins:     c.AllowOrigins,
			ExposeHeaders:    c.ExposeHeaders,
			MaxAge:           c.MaxAge,
		}
	}
	return u, nil
}

// functionCodeSigning is lambda get-function-code-signing-config.
type functionCodeSigning struct {
	CodeSigningConfigArn string // "" when the function has none
	FunctionName         string
}

func decodeFunctionCodeSigning(data []byte) (any, error) {
	var a functionCodeSigning
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// eventInvokeConfig is lambda get-function-event-invoke-config; config is
// nil for {}.
type eventInvokeConfig struct {
	functionARN string
	config      *inventory.EventInvokeConfig
}

// eventInvokeConfigAnswer is the part of get-function-event-invoke-config
// the inventory keeps.
type eventInvokeConfigAnswer struct {
	FunctionArn              string
	MaximumRetryAttempts     *int
	MaximumEventAgeInSeconds *int
	DestinationConfig        struct {
		OnSuccess struct{ Destination string }
		OnFailure struct{ Destination string }
	}
}

func decodeEventInvokeConfig(data []byte) (any, error) {
	var a eventInvokeConfigAnswer
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	c := &eventInvokeConfig{functionARN: a.FunctionArn}
	if a == (eventInvokeConfigAnswer{}) {
		return c, nil
	}
	c.config = &inventory.EventInvokeConfig{
		MaximumRetryAttempts:     a.MaximumRetryAttempts,
		MaximumEventAgeInSeconds: a.MaximumEventAgeInSeconds,
		OnSuccess:                a.DestinationConfig.OnSuccess.Destination,
		OnFailure:                a.DestinationConfig.OnFailure.Destination,
	}
	return c, nil
}

// applyFunctionAnswers pairs the per-function answers with their functions.
// Answers about functions the inventory does not hold are dropped: there is
// nothing to attach them to.
func (r *regionLoad) applyFunctionAnswers() {
	for _, f := range r.answers(inventory.SecFunctionPolicies) {
		if fn := r.function("", f.resource); fn != nil {
			fn.ResourcePolicy = inventory.Collected(f.answer.(*policy.Document))
		}
	}
	for _, f := range r.answers(inventory.SecFunctionURLs) {
		u := f.answer.(*functionURL)
		if fn := r.function(u.functionARN, f.resource); fn != nil {
			fn.URL = inventory.Collected(u.url)
		}
	}
	for _, f := range r.answers(inventory.SecFunctionCodeSigning) {
		cs := f.answer.(*functionCodeSigning)
		name := cs.FunctionName
		if name == "" {
			name = f.resource
		}
		if fn := r.function("", name); fn != nil {
			fn.CodeSigningConfigARN = inventory.Collected(cs.CodeSigningConfigArn)
		}
	}
	for _, f := range r.answers(inventory.SecEventInvokeConfigs) {
		c := f.answer.(*eventInvokeConfig)
		if fn := r.function(c.functionARN, f.resource); fn != nil {
			fn.EventInvokeConfig = inventory.Collected(c.config)
		}
	}
}
