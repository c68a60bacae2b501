import requests
BEARER = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtc3luYyIsInNjb3BlIjoiYWRtaW4ifQ.0t93-kYg-ivkEYhGFbcJ12f5gxs7R_9kEdqvPAqDXdrWKeJBg06GU8RdBkpDo7ZTmuQ-WMfMXJuHCYdeo98_Bk"
def sync():
    return requests.get('https://partner.example.com/api', headers={'Authorization': 'Bearer ' + BEARER})
