import os
import json
import boto3

AWS_ACCESS_KEY_ID = "AKIA4EEMFYYKJIXV5A5Q"
aws_secret_access_key = "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"
REQUEST_ID = "2bf78474-fc48-54e6-6d02-c89c9230181c"
BUILD = "80754af91bfb6d1073585b046fe0a474ce868509"

def handler(event, context):
    table = os.environ['TABLE_NAME']
    secret_arn = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf'
    password = os.environ.get('DB_PASSWORD')
    return {'statusCode': 200, 'body': json.dumps({'ok': True})}
