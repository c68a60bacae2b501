package rules

import (
	"slices"
	"strings"
)

// awsPublisher is a family of layers that AWS itself publishes, and the
// accounts it publishes them from. Account ids are global, so a layer from
// one of these accounts is trusted in any Region; docs/trusted-layer-publishers.md
// lists where each id comes from.
type awsPublisher struct {
	Name     string
	Accounts []string
}

// awsPublishers are the AWS-published layer accounts lambdasec trusts out of
// the box. Every id was checked against AWS's or the project's own published
// layer ARN tables (see the doc above); add none from hearsay.
var awsPublishers = []awsPublisher{
	{"Powertools for AWS Lambda (Python)", []string{"017000801446"}},
	{"Powertools for AWS Lambda (TypeScript)", []string{"094274105915"}},
	{"AWS Distro for OpenTelemetry (legacy aws-otel-* layers)", []string{"901920570463"}},
	{"AWS Distro for OpenTelemetry (AWSOpenTelemetryDistro* layers)", []string{
		"615299751070", "904233096616", "888577020596", "796973505492", "039612877180", "713881805771",
		"152034782359", "980416031188", "156041407956",
	}},
	{"CloudWatch Lambda Insights extension", []string{
		"580247275435", "012438385374", "519774774795", "891564319516", "439286490199", "194566237122",
		"033019950311", "488211338238", "732604637566", "285320876703", "339249233099", "352183217350",
	}},
	{"AWS Parameters and Secrets Lambda Extension", []string{
		"177933569100", "590474943231", "997803712105", "345057560386", "317013901791", "768336418462",
		"490737872127", "176022468876", "576959938190", "738900069198", "044395824272", "665172237481",
		"133490724326", "200266452380", "287114880934", "287310001119", "187925254637", "015030872274",
		"133256977650", "325218067255", "780235371811", "427196147048", "832021897121", "858974508948",
		"933737806257", "129776340158", "127562683043",
	}},
	{"AWS AppConfig Agent Lambda extension", []string{
		"027255383542", "728743619870", "958113053741", "359756378197", "039592058896", "066940009817",
		"758369105281", "434848589818", "282860088358", "493207061005", "646970417810", "203683718741",
		"586093569114", "615057806174", "615084187847", "630222743974", "980059726660", "826293736237",
		"706869817123", "421114256042", "080788657173", "418787028745", "307021474294", "554480029851",
		"489524808438", "000010852771", "574348263942", "895787185223", "662846165436", "559955524753",
		"946561847325", "946746059096",
	}},
}

// awsPublisherOf returns the AWS product that publishes layers from account,
// or "" when the account is not a known AWS publisher.
func awsPublisherOf(account string) string {
	for _, p := range awsPublishers {
		if slices.Contains(p.Accounts, account) {
			return p.Name
		}
	}
	return ""
}

// extensionMarkers are the layer-name fragments that mark an extension. The
// API does not say whether a layer holds an extension (that is an
// extensions/ folder inside its zip), so the name decides: extension vendors
// name their layers after it (LambdaInsightsExtension,
// AWS-Parameters-and-Secrets-Lambda-Extension, AWS-AppConfig-Extension,
// Datadog-Extension, NewRelicLambdaExtension, elastic-apm-extension-…), and
// the aws-otel-* and OpenTelemetry collector layers bundle the collector,
// which runs as an extension.
var extensionMarkers = []string{"extension", "aws-otel-", "otel-collector", "opentelemetry-collector"}

// isExtensionLayer reports whether a layer of this name is an extension.
// Descriptions are not used: "extension" there too often means a file
// extension or a browser extension.
func isExtensionLayer(name string) bool {
	name = strings.ToLower(name)
	return slices.ContainsFunc(extensionMarkers, func(m string) bool { return strings.Contains(name, m) })
}
