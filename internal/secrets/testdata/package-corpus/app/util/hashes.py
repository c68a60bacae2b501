CHECKSUMS = {
    'a': 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
    'b': '92eb5ffee6ae2fec3ad71c777531578f',
}
TOKEN_URL = 'https://auth.example.com/oauth2/token'
secret_name = 'prod/orders/db'
password = os.environ['DB_PASSWORD']
api_key = get_secret('prod/api-key')
SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/api-AbCdEf'
token = ''
password = 'changeme'
ENCRYPTED = 'AQICAHhfS5Hf7TvA03z9nte+2iHBqOuRgvDh9skb6WG0LNm+Jej7HpdHw3AEPl6y3I9H/yrDeIZV1krY9GiWROeXxPjGar4mwTaxHR2mbbtPt1FmnPtWpqPh9wjF2aHxLq6d5/4DGZRtt1FoDCWHW7WJ1nO4A'
