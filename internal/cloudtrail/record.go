// Package cloudtrail reads CloudTrail events: log files as CloudTrail
// delivers them to S3 ({"Records":[...]}, gzipped or plain, in
// AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ folders) and the output of
// `aws cloudtrail lookup-events` ({"Events":[{"CloudTrailEvent":"<json>"}]}).
// Reading streams record by record, so memory stays bounded by the largest
// single record, not the file.
package cloudtrail

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Record is one CloudTrail event with the fields lambdasec uses. Request
// parameters and response elements are kept raw: their shape depends on
// the API called, and they can hold secrets, so print them only through
// internal/redact.
type Record struct {
	EventVersion       string          `json:"eventVersion"`
	EventTime          time.Time       `json:"eventTime"`
	EventSource        string          `json:"eventSource"` // e.g. s3.amazonaws.com
	EventName          string          `json:"eventName"`   // the API, e.g. GetObject
	EventType          string          `json:"eventType"`   // AwsApiCall, AwsServiceEvent, ...
	EventCategory      string          `json:"eventCategory"`
	EventID            string          `json:"eventID"`
	AWSRegion          string          `json:"awsRegion"`
	SourceIPAddress    string          `json:"sourceIPAddress"`
	UserAgent          string          `json:"userAgent"`
	UserIdentity       UserIdentity    `json:"userIdentity"`
	RequestParameters  json.RawMessage `json:"requestParameters"`
	ResponseElements   json.RawMessage `json:"responseElements"`
	Resources          []Resource      `json:"resources"`
	ErrorCode          string          `json:"errorCode"`
	ErrorMessage       string          `json:"errorMessage"`
	ReadOnly           Bool            `json:"readOnly"`
	RecipientAccountID string          `json:"recipientAccountId"`
	SharedEventID      string          `json:"sharedEventID"`
	VPCEndpointID      string          `json:"vpcEndpointId"`
}

// UserIdentity is who made the call.
type UserIdentity struct {
	Type           string          `json:"type"` // AssumedRole, IAMUser, AWSService, ...
	PrincipalID    string          `json:"principalId"`
	ARN            string          `json:"arn"`
	AccountID      string          `json:"accountId"`
	AccessKeyID    string          `json:"accessKeyId"`
	UserName       string          `json:"userName"`
	InvokedBy      string          `json:"invokedBy"` // the AWS service that called on the principal's behalf
	SessionContext *SessionContext `json:"sessionContext"`
}

// SessionContext describes temporary credentials.
type SessionContext struct {
	SessionIssuer struct {
		Type        string `json:"type"`
		PrincipalID string `json:"principalId"`
		ARN         string `json:"arn"` // the role, for AssumedRole sessions
		AccountID   string `json:"accountId"`
		UserName    string `json:"userName"`
	} `json:"sessionIssuer"`
	Attributes struct {
		CreationDate     string `json:"creationDate"`
		MFAAuthenticated string `json:"mfaAuthenticated"`
	} `json:"attributes"`
}

// Resource is one entry of a record's resources list.
type Resource struct {
	ARN       string `json:"ARN"`
	AccountID string `json:"accountId"`
	Type      string `json:"type"`
}

// Bool is a flag that CloudTrail writes as a JSON boolean in log files and
// lookup-events writes as the string "true"/"false".
type Bool struct {
	Set   bool // the record had the field
	Value bool
}

// UnmarshalJSON accepts true, false, "true", "false" and null.
func (b *Bool) UnmarshalJSON(data []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(data)), `"`)
	switch strings.ToLower(s) {
	case "true":
		*b = Bool{Set: true, Value: true}
	case "false":
		*b = Bool{Set: true}
	case "null", "":
		*b = Bool{}
	default:
		return fmt.Errorf("readOnly: want a boolean, got %.40s", data)
	}
	return nil
}

// IsError reports whether the call failed (AccessDenied and the like).
func (r *Record) IsError() bool { return r.ErrorCode != "" }

// RoleARN returns the IAM role whose session made the call (the session
// issuer of an AssumedRole identity), or "" for other identities.
func (r *Record) RoleARN() string {
	if !strings.EqualFold(r.UserIdentity.Type, "AssumedRole") {
		return ""
	}
	if sc := r.UserIdentity.SessionContext; sc != nil && sc.SessionIssuer.ARN != "" {
		return sc.SessionIssuer.ARN
	}
	return ""
}

// SessionName returns the session name of an assumed-role identity
// (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION → SESSION). For Lambda
// execution roles the session name is the function name.
func (r *Record) SessionName() string {
	arn := r.UserIdentity.ARN
	i := strings.Index(arn, ":assumed-role/")
	if i < 0 {
		return ""
	}
	_, session, _ := strings.Cut(arn[i+len(":assumed-role/"):], "/")
	return session
}
