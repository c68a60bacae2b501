// Package samgen writes large SAM templates for benchmarks.
package samgen

import (
	"fmt"
	"os"
	"strings"
)

// Write generates one SAM template of n functions sharing
// Globals, each with a generated role built from a policy template and an
// inline statement, an API event, a log group and, for one in ten, a
// public function URL with CORS *.
func Write(path string, n int) error {
	var b strings.Builder
	b.WriteString(`AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: prod
Globals:
  Function:
    Runtime: python3.12
    Timeout: 10
    Tracing: Active
    Environment:
      Variables:
        STAGE: !Ref Stage
Resources:
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `  Fn%[1]d:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub fn-%[1]d-${Stage}
      CodeUri: src/
      Handler: app.handler
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Sub table-%[1]d
        - Statement:
            - Effect: Allow
              Action: [s3:GetObject, s3:PutObject]
              Resource: !Sub arn:aws:s3:::bucket-%[1]d/*
      Events:
        Get:
          Type: Api
          Properties:
            Path: /fn%[1]d
            Method: get
`, i)
		if i%10 == 0 {
			b.WriteString(`      FunctionUrlConfig:
        AuthType: NONE
        Cors:
          AllowOrigins: ['*']
`)
		}
		fmt.Fprintf(&b, `  Fn%[1]dLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/${Fn%[1]d}
      RetentionInDays: 30
`, i)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
