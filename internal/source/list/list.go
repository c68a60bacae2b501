// Package list is the one place that names every input source: importing
// it registers them all.
package list

import (
	_ "github.com/lambdasec/lambdasec/internal/source/dump"               // offline dump folders
	_ "github.com/lambdasec/lambdasec/internal/source/iac/cloudformation" // CloudFormation and SAM templates
	_ "github.com/lambdasec/lambdasec/internal/source/iac/serverless"     // Serverless Framework services
	_ "github.com/lambdasec/lambdasec/internal/source/iac/terraform"      // Terraform HCL folders and plan JSON
)
