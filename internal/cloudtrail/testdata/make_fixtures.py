# Writes the CloudTrail fixtures in this folder: python3 make_fixtures.py
# Records follow the CloudTrail record-contents reference; ids and keys are
# made up. Re-run after editing; tests assert on these records.
import json, gzip, os
ACCT="123456789012"
base=os.path.dirname(os.path.abspath(__file__))
UA_PY="Boto3/1.34.34 md/Botocore#1.34.34 ua/2.0 os/linux#5.10.209-218.812.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.34"
UA_JS="aws-sdk-js/3.556.0 ua/2.0 os/linux#5.10.214-223.810.amzn2.x86_64 lang/js md/nodejs#20.12.2 api/dynamodb#3.556.0 exec-env/AWS_Lambda_nodejs20.x"
def ident(role, session, keyid="ASIAQXEXAMPLE7RUMBLE", roleid="AROAQXEXAMPLEORDERS"):
    return {"type":"AssumedRole","principalId":f"{roleid}:{session}",
        "arn":f"arn:aws:sts::{ACCT}:assumed-role/{role}/{session}","accountId":ACCT,"accessKeyId":keyid,
        "sessionContext":{"sessionIssuer":{"type":"Role","principalId":roleid,"arn":f"arn:aws:iam::{ACCT}:role/{role}","accountId":ACCT,"userName":role},
            "webIdFederationData":{},"attributes":{"creationDate":"2026-11-20T09:58:12Z","mfaAuthenticated":"false"}}}
n=[0]
def rec(t, src, name, ui, req=None, resp=None, resources=None, ro=True, cat="Management", ua=UA_PY, ip="3.91.171.12", err=None, region="us-east-1", typ="AwsApiCall", **extra):
    n[0]+=1
    r={"eventVersion":"1.09","userIdentity":ui,"eventTime":t,"eventSource":src,"eventName":name,"awsRegion":region,
       "sourceIPAddress":ip,"userAgent":ua,"requestParameters":req,"responseElements":resp,
       "requestID":f"7d3f0c1e-5b2a-4c7e-9d61-{n[0]:012d}","eventID":f"c4f1e8a2-91b3-4d0c-8a7e-{n[0]:012d}",
       "readOnly":ro,"eventType":typ,"managementEvent":cat=="Management","recipientAccountId":ACCT,"eventCategory":cat,
       "tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":f"{src.split('.')[0]}.us-east-1.amazonaws.com"}}
    if resources is not None: r["resources"]=resources
    if err: r["errorCode"],r["errorMessage"]=err
    r.update(extra)
    return r
O=ident("orders-api-role","orders-api")
S3B="orders-data"
def s3res(key=None):
    res=[]
    if key: res.append({"type":"AWS::S3::Object","ARN":f"arn:aws:s3:::{S3B}/{key}"})
    res.append({"accountId":ACCT,"type":"AWS::S3::Bucket","ARN":f"arn:aws:s3:::{S3B}"})
    return res
day1=[
 rec("2026-11-20T10:01:02Z","s3.amazonaws.com","GetObject",O,{"bucketName":S3B,"Host":f"{S3B}.s3.us-east-1.amazonaws.com","key":"invoices/2026/0001.pdf"},None,s3res("invoices/2026/0001.pdf"),cat="Data",additionalEventData={"bytesTransferredOut":48213}),
 rec("2026-11-20T10:01:03Z","s3.amazonaws.com","HeadObject",O,{"bucketName":S3B,"Host":f"{S3B}.s3.us-east-1.amazonaws.com","key":"invoices/2026/0002.pdf"},None,s3res("invoices/2026/0002.pdf"),cat="Data"),
 rec("2026-11-20T10:01:04Z","s3.amazonaws.com","ListObjects",O,{"bucketName":S3B,"Host":f"{S3B}.s3.us-east-1.amazonaws.com","list-type":"2","prefix":"invoices/"},None,s3res(),cat="Data"),
 rec("2026-11-20T10:01:05Z","s3.amazonaws.com","PutObject",O,{"bucketName":S3B,"Host":f"{S3B}.s3.us-east-1.amazonaws.com","key":"receipts/2026/0001.json"},{"x-amz-server-side-encryption":"AES256"},s3res("receipts/2026/0001.json"),ro=False,cat="Data"),
 rec("2026-11-20T10:01:06Z","s3.amazonaws.com","DeleteObject",O,{"bucketName":S3B,"Host":f"{S3B}.s3.us-east-1.amazonaws.com","key":"invoices/2026/0001.pdf"},None,s3res("invoices/2026/0001.pdf"),ro=False,cat="Data",err=("AccessDenied","Access Denied")),
 rec("2026-11-20T10:01:07Z","dynamodb.amazonaws.com","GetItem",O,{"tableName":"orders","key":{"pk":"ORDER#1001"},"consistentRead":False},None,[{"accountId":ACCT,"type":"AWS::DynamoDB::Table","ARN":f"arn:aws:dynamodb:us-east-1:{ACCT}:table/orders"}],cat="Data",ua=UA_JS),
 rec("2026-11-20T10:01:08Z","dynamodb.amazonaws.com","PutItem",O,{"tableName":"orders","key":{"pk":"ORDER#1002"}},None,[{"accountId":ACCT,"type":"AWS::DynamoDB::Table","ARN":f"arn:aws:dynamodb:us-east-1:{ACCT}:table/orders"}],ro=False,cat="Data",ua=UA_JS),
 rec("2026-11-20T10:01:09Z","secretsmanager.amazonaws.com","GetSecretValue",O,{"secretId":f"arn:aws:secretsmanager:us-east-1:{ACCT}:secret:orders/db-AbCdEf"},None),
 rec("2026-11-20T10:01:10Z","kms.amazonaws.com","Decrypt",O,{"encryptionAlgorithm":"SYMMETRIC_DEFAULT"},None,[{"accountId":ACCT,"type":"AWS::KMS::Key","ARN":f"arn:aws:kms:us-east-1:{ACCT}:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}]),
 rec("2026-11-20T10:01:11Z","sqs.amazonaws.com","SendMessage",O,{"queueUrl":f"https://sqs.us-east-1.amazonaws.com/{ACCT}/orders-events","messageBody":"HIDDEN_DUE_TO_SECURITY_REASONS"},{"mD5OfMessageBody":"3b6a2d1f0e9c8b7a6f5e4d3c2b1a0f9e","messageId":"a1b2c3d4-0000-4000-8000-000000000001"},[{"accountId":ACCT,"type":"AWS::SQS::Queue","ARN":f"arn:aws:sqs:us-east-1:{ACCT}:orders-events"}],ro=False,cat="Data"),
 rec("2026-11-20T10:01:12Z","lambda.amazonaws.com","Invoke",O,{"functionName":f"arn:aws:lambda:us-east-1:{ACCT}:function:billing","invocationType":"Event"},None,[{"accountId":ACCT,"type":"AWS::Lambda::Function","ARN":f"arn:aws:lambda:us-east-1:{ACCT}:function:billing"}],ro=False,cat="Data"),
 rec("2026-11-20T10:01:13Z","lambda.amazonaws.com","GetFunction20150331v2",O,{"functionName":"billing"},None),
 rec("2026-11-20T10:01:14Z","monitoring.amazonaws.com","GetMetricData",O,None,None),
 rec("2026-11-20T10:01:15Z","sts.amazonaws.com","GetCallerIdentity",O,None,None),
 rec("2026-11-20T10:01:16Z","ssm.amazonaws.com","GetParameter",O,{"name":"/orders/feature-flags","withDecryption":True},None),
 rec("2026-11-20T10:01:17Z","events.amazonaws.com","PutEvents",O,None,None,ro=False),
 rec("2026-11-20T10:01:18Z","s3.amazonaws.com","GetObject",O,{"bucketName":S3B,"Host":f"{S3B}.s3.us-east-1.amazonaws.com","key":"invoices/2026/missing.pdf"},None,s3res("invoices/2026/missing.pdf"),cat="Data",err=("NoSuchKey","The specified key does not exist.")),
 rec("2026-11-20T10:01:19Z","newservice.amazonaws.com","FrobnicateWidget",O,None,None,ro=False),
 # the Lambda service itself assuming the role: not the function's own calls
 rec("2026-11-20T09:58:12Z","sts.amazonaws.com","AssumeRole",{"type":"AWSService","invokedBy":"lambda.amazonaws.com"},{"roleArn":f"arn:aws:iam::{ACCT}:role/orders-api-role","roleSessionName":"orders-api"},{"credentials":{"accessKeyId":"ASIAQXEXAMPLE7RUMBLE","sessionToken":"IQoJb3JpZ2luX2VjEXAMPLETOKEN","expiration":"Nov 20, 2026, 10:58:12 PM"}},[{"accountId":ACCT,"type":"AWS::IAM::Role","ARN":f"arn:aws:iam::{ACCT}:role/orders-api-role"}],ip="lambda.amazonaws.com",ua="lambda.amazonaws.com",sharedEventID="5e1c2a0b-6f3d-4e8a-9b7c-1d2e3f4a5b6c"),
 # another function, another role
 rec("2026-11-20T10:02:00Z","s3.amazonaws.com","GetObject",ident("billing-role","billing",roleid="AROAQXEXAMPLEBILLING"),{"bucketName":"billing-data","key":"x.csv"},None,[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::billing-data/x.csv"}],cat="Data"),
 # a person
 rec("2026-11-20T10:03:00Z","lambda.amazonaws.com","UpdateFunctionCode20150331v2",{"type":"IAMUser","principalId":"AIDAQXEXAMPLEMATEO","arn":f"arn:aws:iam::{ACCT}:user/Mateo","accountId":ACCT,"accessKeyId":"AKIAIOSFODNN7EXAMPLE","userName":"Mateo"},{"functionName":"orders-api","publish":True},None,ro=False,ua="aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/macos#23.4.0 md/arch#arm64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#lambda.update-function-code",ip="198.51.100.23"),
]
day2=[
 rec("2026-11-21T14:20:01Z","s3.amazonaws.com","GetObject",O,{"bucketName":S3B,"Host":f"{S3B}.s3.us-east-1.amazonaws.com","key":"invoices/2026/0003.pdf"},None,s3res("invoices/2026/0003.pdf"),cat="Data"),
 rec("2026-11-21T14:20:02Z","dynamodb.amazonaws.com","Query",O,{"tableName":"orders","indexName":"by-customer","keyConditionExpression":"customerId = :c"},None,[{"accountId":ACCT,"type":"AWS::DynamoDB::Table","ARN":f"arn:aws:dynamodb:us-east-1:{ACCT}:table/orders"}],cat="Data",ua=UA_JS),
 rec("2026-11-21T14:20:03Z","kms.amazonaws.com","GenerateDataKey",O,{"keyId":"alias/orders","keySpec":"AES_256"},None,[{"accountId":ACCT,"type":"AWS::KMS::Key","ARN":f"arn:aws:kms:us-east-1:{ACCT}:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}]),
 rec("2026-11-21T14:20:04Z","sqs.amazonaws.com","SendMessageBatch",O,{"queueUrl":f"https://sqs.us-east-1.amazonaws.com/{ACCT}/orders-events","entries":[{"id":"1","messageBody":"HIDDEN_DUE_TO_SECURITY_REASONS"}]},None,[{"accountId":ACCT,"type":"AWS::SQS::Queue","ARN":f"arn:aws:sqs:us-east-1:{ACCT}:orders-events"}],ro=False,cat="Data"),
]
def put(path, records, gz):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data=json.dumps({"Records":records},separators=(",",":")).encode()
    if gz:
        with gzip.open(path,"wb") as f: f.write(data)
    else:
        open(path,"wb").write(data)
root=f"{base}/trail/AWSLogs/{ACCT}/CloudTrail/us-east-1"
put(f"{root}/2026/11/20/{ACCT}_CloudTrail_us-east-1_20261120T1005Z_Mu0KsOhtH1ar15ZZ.json.gz", day1, True)
put(f"{root}/2026/11/21/{ACCT}_CloudTrail_us-east-1_20261121T1425Z_Qw3rTy9uIoPaSdFg.json.gz", day2, True)
# a digest file must be skipped
dg=f"{base}/trail/AWSLogs/{ACCT}/CloudTrail-Digest/us-east-1/2026/11/20/{ACCT}_CloudTrail-Digest_us-east-1_orders-trail_us-east-1_20261120T110512Z.json.gz"
os.makedirs(os.path.dirname(dg),exist_ok=True)
with gzip.open(dg,"wb") as f: f.write(json.dumps({"awsAccountId":ACCT,"digestStartTime":"2026-11-20T10:05:12Z","digestEndTime":"2026-11-20T11:05:12Z","digestS3Bucket":"org-trail","logFiles":[]}).encode())
# lookup-events output (management events only: data events are not in event history)
ev=[]
for r in [day1[7], day1[11], day1[13]]:
    ev.append({"EventId":r["eventID"],"EventName":r["eventName"],"ReadOnly":"true","AccessKeyId":r["userIdentity"]["accessKeyId"],"EventTime":r["eventTime"].replace("Z","+00:00"),"EventSource":r["eventSource"],"Username":"orders-api","Resources":[],"CloudTrailEvent":json.dumps(r,separators=(",",":"))})
json.dump({"Events":ev,"NextToken":"eyJOZXh0VG9rZW4iOiBudWxsfQ=="},open(f"{base}/lookup-events.json","w"),indent=2)
# a plain (not gzipped) log file
put(f"{base}/plain.json", day2[:1], False)
print("ok", len(day1), len(day2))
